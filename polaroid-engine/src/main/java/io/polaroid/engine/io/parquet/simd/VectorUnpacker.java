package io.polaroid.engine.io.parquet.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unpacks Parquet's little-endian bit-packed values (dictionary indices, levels) a vector at a
 * time with the Java Vector API: one load of the packed bytes, one byte shuffle that puts each
 * value's 4 bytes in its int lane, one shift by each lane's bit offset, one mask. Loaded only when
 * {@link SimdDecoding} is on (the JVM then needs {@code --add-modules jdk.incubator.vector}).
 */
public final class VectorUnpacker {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, INTS.vectorShape());
    /** Values a step: a whole number of Parquet's 8-value groups, so each step starts on a byte. */
    static final int LANES = INTS.length();
    /** Widths whose values, at any bit offset, lie in the 4 bytes a lane gathers. */
    public static final int MAX_WIDTH = 25;

    /** Per width: for each byte of a vector, the packed byte it takes (a lane's 4 bytes from its value's first). */
    private static final byte[][] GATHERS = gathers();
    /** Per width: each lane's bit offset in its first byte. */
    private static final int[][] SHIFTS = shifts();

    private VectorUnpacker() {
    }

    /** Whether this machine's vectors hold 8 or 16 ints (narrower are not worth it; byte indices reach 63). */
    public static boolean usable() {
        return LANES >= 8 && LANES <= 16 && BYTES.length() == 4 * LANES;
    }

    private static byte[][] gathers() {
        byte[][] out = new byte[MAX_WIDTH + 1][];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            out[w] = new byte[BYTES.length()];
            for (int lane = 0; lane < LANES; lane++) {
                for (int b = 0; b < 4; b++) {
                    out[w][4 * lane + b] = (byte) ((lane * w >>> 3) + b);
                }
            }
        }
        return out;
    }

    private static int[][] shifts() {
        int[][] out = new int[MAX_WIDTH + 1][];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            out[w] = new int[LANES];
            for (int lane = 0; lane < LANES; lane++) {
                out[w][lane] = lane * w & 7;
            }
        }
        return out;
    }

    /**
     * Unpacks whole steps of {@link #LANES} values of {@code width} bits from {@code data} at byte
     * {@code pos} into {@code out[at ..]}, at most {@code count} values, while a full vector of
     * bytes can be read; returns how many values it unpacked (they took {@code values / 8 * width} bytes).
     */
    public static int unpack(byte[] data, int pos, int width, int[] out, int at, int count) {
        // selecting by a vector of byte indices (not a VectorShuffle object) keeps the shuffle in a
        // register when the JIT compiles it: short runs do not pay for converting it each call
        ByteVector gather = ByteVector.fromArray(BYTES, GATHERS[width], 0);
        IntVector shift = IntVector.fromArray(INTS, SHIFTS[width], 0);
        int mask = (int) ((1L << width) - 1);
        int step = LANES / 8 * width;
        int lastStart = data.length - BYTES.length();
        int done = 0;
        while (count - done >= LANES && pos <= lastStart) {
            IntVector values = gather.selectFrom(ByteVector.fromArray(BYTES, data, pos)).reinterpretAsInts();
            values.lanewise(VectorOperators.LSHR, shift).and(mask).intoArray(out, at + done);
            pos += step;
            done += LANES;
        }
        return done;
    }
}
