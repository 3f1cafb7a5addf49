package io.polaroid.engine.io.parquet;

import io.polaroid.engine.io.parquet.simd.SimdDecoding;
import io.polaroid.engine.io.parquet.simd.VectorUnpacker;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Parquet's RLE / bit-packing hybrid encoding (dictionary indices, definition levels), decoded in
 * bulk: a run of one repeated value is filled at once, bit-packed groups are unpacked eight
 * values at a time with parquet-mr's generated unpackers.
 */
final class RleBitPackedDecoder {
    private final byte[] data;
    private final int end;
    private final int bitWidth;
    private final int valueBytes;
    private final BytePacker packer;
    private int pos;
    // the current run
    private boolean repeated;
    private int remaining;
    private int runValue;
    private final int[] unpacked = new int[8];
    private int unpackedNext = 8;

    RleBitPackedDecoder(byte[] data, int start, int end, int bitWidth) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.bitWidth = bitWidth;
        this.valueBytes = (bitWidth + 7) / 8;
        this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
    }

    private boolean nextRun() {
        if (pos >= end) {
            return false;
        }
        int header = readVarInt();
        if ((header & 1) == 0) {
            repeated = true;
            remaining = header >>> 1;
            int v = 0;
            for (int b = 0; b < valueBytes; b++) {
                v |= (data[pos++] & 0xFF) << (8 * b);
            }
            runValue = v;
        } else {
            repeated = false;
            remaining = (header >>> 1) * 8;
            unpackedNext = 8;
        }
        return true;
    }

    private int readVarInt() {
        int value = 0;
        int shift = 0;
        while (true) {
            int b = data[pos++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    /** Decodes the next {@code n} values into {@code out[offset ..]}. */
    void read(int[] out, int offset, int n) {
        int done = 0;
        while (done < n) {
            if (remaining == 0 && !nextRun()) {
                throw new IllegalStateException("RLE data ends after " + done + " of " + n + " values");
            }
            int take = Math.min(remaining, n - done);
            if (repeated) {
                java.util.Arrays.fill(out, offset + done, offset + done + take, runValue);
                done += take;
                remaining -= take;
            } else {
                int k = 0;
                while (k < take && unpackedNext < 8) {
                    out[offset + done++] = unpacked[unpackedNext++];
                    k++;
                }
                // whole groups of eight unpack straight into the output, many at once with vectors
                if (SimdDecoding.unpacks(bitWidth)) {
                    int unpacked = VectorUnpacker.unpack(data, pos, bitWidth, out, offset + done, take - k);
                    pos += unpacked / 8 * bitWidth;
                    done += unpacked;
                    k += unpacked;
                }
                while (take - k >= 8 && pos + bitWidth <= data.length) {
                    packer.unpack8Values(data, pos, out, offset + done);
                    pos += bitWidth;
                    done += 8;
                    k += 8;
                }
                while (k < take) {
                    if (unpackedNext == 8) {
                        unpackGroup();
                    }
                    out[offset + done++] = unpacked[unpackedNext++];
                    k++;
                }
                remaining -= take;
            }
        }
    }

    private void unpackGroup() {
        if (pos + bitWidth <= data.length) {
            packer.unpack8Values(data, pos, unpacked, 0);
        } else {
            byte[] tail = new byte[bitWidth];
            System.arraycopy(data, pos, tail, 0, Math.max(0, data.length - pos));
            packer.unpack8Values(tail, 0, unpacked, 0);
        }
        pos += bitWidth;
        unpackedNext = 0;
    }

    /**
     * For definition levels of width 1: sets bit (offset + i) of {@code validity} for each of the
     * next {@code n} values that is 1, and returns how many were 1. Runs are handled whole.
     */
    int readValidity(long[] validity, int offset, int n) {
        int ones = 0;
        int done = 0;
        while (done < n) {
            if (remaining == 0 && !nextRun()) {
                throw new IllegalStateException("definition levels end after " + done + " of " + n + " values");
            }
            int take = Math.min(remaining, n - done);
            if (repeated) {
                if (runValue != 0) {
                    setRange(validity, offset + done, take);
                    ones += take;
                }
                done += take;
                remaining -= take;
            } else {
                for (int k = 0; k < take; k++) {
                    if (unpackedNext == 8) {
                        unpackGroup();
                    }
                    if (unpacked[unpackedNext++] != 0) {
                        int i = offset + done;
                        validity[i >>> 6] |= 1L << i;
                        ones++;
                    }
                    done++;
                }
                remaining -= take;
            }
        }
        return ones;
    }

    static void setRange(long[] bits, int from, int count) {
        int i = from;
        int end = from + count;
        while (i < end && (i & 63) != 0) {
            bits[i >>> 6] |= 1L << i;
            i++;
        }
        while (i + 64 <= end) {
            bits[i >>> 6] = -1L;
            i += 64;
        }
        while (i < end) {
            bits[i >>> 6] |= 1L << i;
            i++;
        }
    }
}
