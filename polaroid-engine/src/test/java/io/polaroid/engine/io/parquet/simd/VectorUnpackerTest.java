package io.polaroid.engine.io.parquet.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorUnpacker} against parquet-mr's generated unpackers, every width it takes, random
 * values packed by parquet-mr, from several byte offsets, counts and buffer ends.
 */
class VectorUnpackerTest {

    @Test
    void unpacksAsParquetMrDoes() {
        Assumptions.assumeTrue(VectorUnpacker.usable(), "vectors hold fewer than 8 ints here");
        Random random = new Random(5);
        for (int width = 1; width <= VectorUnpacker.MAX_WIDTH; width++) {
            BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(width);
            for (int round = 0; round < 20; round++) {
                int groups = 1 + random.nextInt(200);
                int lead = random.nextInt(9);
                byte[] data = new byte[lead + groups * width + random.nextInt(70)];
                int[] values = new int[groups * 8];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt(1 << width);
                }
                for (int g = 0; g < groups; g++) {
                    packer.pack8Values(values, 8 * g, data, lead + g * width);
                }
                int count = random.nextInt(values.length + 1);
                int at = random.nextInt(5);
                int[] out = new int[at + values.length];
                int done = VectorUnpacker.unpack(data, lead, width, out, at, count);

                assertThat(done % VectorUnpacker.LANES).isZero();
                assertThat(done).isLessThanOrEqualTo(count);
                // it stops early only where a full vector of bytes would run past the data
                int next = lead + done / 8 * width;
                if (count - done >= VectorUnpacker.LANES) {
                    assertThat(next + 4 * VectorUnpacker.LANES).isGreaterThan(data.length);
                }
                assertThat(Arrays.copyOfRange(out, at, at + done))
                        .as("width %d, round %d", width, round).isEqualTo(Arrays.copyOf(values, done));
                // nothing written outside
                assertThat(Arrays.stream(out, 0, at).allMatch(v -> v == 0)).isTrue();
                assertThat(Arrays.stream(out, at + done, out.length).allMatch(v -> v == 0)).isTrue();
            }
        }
    }
}
