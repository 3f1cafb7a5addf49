package io.polaroid.engine.exec.hash;

/** Hash mixing for keys: murmur3's 64-bit finalizer, and a combiner for several columns. */
public final class Hashing {
    /** The hash of a null key value. */
    public static final long NULL_HASH = 0x5bd1e9955bd1e995L;

    private Hashing() {
    }

    public static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    public static long combine(long seed, long h) {
        return mix(seed * 31 + h);
    }

    /** A long with the bits of a double, with -0.0 and every NaN normalized so equal values hash equal. */
    public static long doubleKey(double d) {
        if (d == 0.0) {
            return 0L;
        }
        if (Double.isNaN(d)) {
            return 0x7ff8000000000000L;
        }
        return Double.doubleToRawLongBits(d);
    }
}
