package io.polaroid.engine.vector;

import java.math.BigInteger;

/**
 * Signed 128-bit integers as (low, high) pairs of longs, the layout of Arrow's decimal128.
 * Used by decimal kernels when values do not fit in a long.
 */
public final class Int128 {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Int128() {
    }

    public static BigInteger toBigInteger(long low, long high) {
        BigInteger lo = BigInteger.valueOf(low);
        if (low < 0) {
            lo = lo.add(TWO_64);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lo);
    }

    /** True when (low, high) is a long sign-extended to 128 bits. */
    public static boolean fitsInLong(long low, long high) {
        return high == (low >> 63);
    }

    /** 10^n for n in 0..18. */
    public static long powerOfTen(int n) {
        return POWERS_OF_TEN[n];
    }

    /** High word of the 128-bit sum of two (low, high) values; the low word is {@code a + b}. */
    public static long addHigh(long aLow, long aHigh, long bLow, long bHigh) {
        long low = aLow + bLow;
        long carry = Long.compareUnsigned(low, aLow) < 0 ? 1 : 0;
        return aHigh + bHigh + carry;
    }
}
