package io.polaroid.engine.exec.sort;

/** A stable merge sort of int arrays (row indexes) by a comparator, without boxing. */
public final class IntSorter {
    private static final int INSERTION_THRESHOLD = 24;

    private IntSorter() {
    }

    public static void sort(int[] a, int count, IntComparator cmp) {
        int[] buffer = new int[count];
        mergeSort(a, buffer, 0, count, cmp);
    }

    private static void mergeSort(int[] a, int[] buf, int from, int to, IntComparator cmp) {
        if (to - from <= INSERTION_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buf, from, mid, cmp);
        mergeSort(a, buf, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buf, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = cmp.compare(buf[j], buf[i]) < 0 ? buf[j++] : buf[i++];
        }
        while (i < mid) {
            a[k++] = buf[i++];
        }
        while (j < to) {
            a[k++] = buf[j++];
        }
    }
}
