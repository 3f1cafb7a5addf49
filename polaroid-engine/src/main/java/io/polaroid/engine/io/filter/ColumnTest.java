package io.polaroid.engine.io.filter;

import org.apache.arrow.vector.FieldVector;

/**
 * A test of one column against literals that a reader can run once per dictionary entry instead
 * of on every row ({@link StringTest}, {@link RangeTest}, {@link KeySetTest}). A null never passes.
 */
public sealed interface ColumnTest permits StringTest, RangeTest, KeySetTest {
    String column();

    /**
     * Clears the {@code pass} bit {@code at + i} of each row {@code i} of {@code 0 .. n)} of
     * {@code v} that is null or fails.
     */
    void andTest(FieldVector v, int n, long[] pass, int at);

    /**
     * The test's answer for each of the {@code size} entries of {@code dictionary}: 1 passes, 0
     * fails. A dictionary holds no nulls: its validity is not read.
     */
    byte[] verdicts(FieldVector dictionary, int size);
}
