package io.polaroid.engine.io.filter;

/** The smallest and largest of some integer keys, and how many values lie from one to the other. */
public record KeySpan(long min, long max) {

    /** Values from min to max, both counted; at most {@code Long.MAX_VALUE}. */
    public long values() {
        long values = max - min + 1;
        return values <= 0 ? Long.MAX_VALUE : values; // max - min overflowed
    }

    /** The span of {@code keys[0 .. size)} but {@code keys[skip]} (-1: none); null when no key is left. */
    public static KeySpan of(long[] keys, int size, int skip) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (i != skip) {
                min = Math.min(min, keys[i]);
                max = Math.max(max, keys[i]);
            }
        }
        return min > max ? null : new KeySpan(min, max);
    }
}
