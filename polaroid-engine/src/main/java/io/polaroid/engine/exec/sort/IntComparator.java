package io.polaroid.engine.exec.sort;

/** Compares two row indexes. */
@FunctionalInterface
public interface IntComparator {
    int compare(int a, int b);
}
