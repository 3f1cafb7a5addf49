package io.polaroid.engine.io.parquet.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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

    private static final VectorShuffle<Byte>[] SHUFFLES = shuffles();
    private static final IntVector[] SHIFTS = shifts();

    private VectorUnpacker() {
    }

    /** Whether this machine's vectors are wide enough (8 ints or more) to be worth it. */
    public static boolean usable() {
        return LANES >= 8 && BYTES.length() == 4 * LANES;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[] shuffles() {
        VectorShuffle<Byte>[] out = new VectorShuffle[MAX_WIDTH + 1];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            int[] index = new int[BYTES.length()];
            for (int lane = 0; lane < LANES; lane++) {
                int firstByte = lane * w >>> 3;
                for (int b = 0; b < 4; b++) {
                    index[4 * lane + b] = Math.min(firstByte + b, BYTES.length() - 1);
                }
            }
            out[w] = VectorShuffle.fromArray(BYTES, index, 0);
        }
        return out;
    }

    private static IntVector[] shifts() {
        IntVector[] out = new IntVector[MAX_WIDTH + 1];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            int[] shift = new int[LANES];
            for (int lane = 0; lane < LANES; lane++) {
                shift[lane] = lane * w & 7;
            }
            out[w] = IntVector.fromArray(INTS, shift, 0);
        }
        return out;
    }

    /**
     * Unpacks whole steps of {@link #LANES} values of {@code width} bits from {@code data} at byte
     * {@code pos} into {@code out[at ..]}, at most {@code count} values, while a full vector of
     * bytes can be read; returns how many values it unpacked (they took {@code values / 8 * width} bytes).
     */
    public static int unpack(byte[] data, int pos, int width, int[] out, int at, int count) {
        VectorShuffle<Byte> shuffle = SHUFFLES[width];
        IntVector shift = SHIFTS[width];
        int mask = (int) ((1L << width) - 1);
        int step = LANES / 8 * width;
        int lastStart = data.length - BYTES.length();
        int done = 0;
        while (count - done >= LANES && pos <= lastStart) {
            ByteVector bytes = ByteVector.fromArray(BYTES, data, pos);
            IntVector values = bytes.rearrange(shuffle).reinterpretAsInts();
            values.lanewise(VectorOperators.LSHR, shift).and(mask).intoArray(out, at + done);
            pos += step;
            done += LANES;
        }
        return done;
    }
}
