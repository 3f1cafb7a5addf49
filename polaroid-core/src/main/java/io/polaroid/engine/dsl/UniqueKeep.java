package io.polaroid.engine.dsl;

/** Which row of each set of duplicates {@code unique} keeps, as Polars' {@code keep=}. */
public enum UniqueKeep {
    ANY, FIRST, LAST, NONE
}
