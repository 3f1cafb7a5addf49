package io.polaroid.engine.io.parquet;

import io.polaroid.engine.io.filter.ColumnTest;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * One batch of a column that a filter tests and the scan also returns (or, for a range test, the
 * predicate also reads). Where every page of the chunk is dictionary-encoded the test runs once
 * per dictionary entry and the rows are kept as entry numbers, so values are made only for the
 * rows that pass the filters. Otherwise the rows are decoded, tested one by one, and the passing
 * ones taken.
 */
final class TestedColumn implements AutoCloseable {
    private final ColumnChunkDecoder decoder;
    private final int[] codes;
    private final FieldVector decoded;
    private final BufferAllocator allocator;

    private TestedColumn(ColumnChunkDecoder decoder, int[] codes, FieldVector decoded, BufferAllocator allocator) {
        this.decoder = decoder;
        this.codes = codes;
        this.decoded = decoded;
        this.allocator = allocator;
    }

    /**
     * The next {@code n} rows of an all-dictionary chunk, kept as entry numbers; clears the
     * {@code pass} bit of each row that is null or fails {@code test}.
     */
    static TestedColumn codes(ColumnChunkDecoder decoder, ColumnTest test, int n, long[] pass) {
        int[] codes = new int[n];
        decoder.readTest(test, n, pass, codes);
        return new TestedColumn(decoder, codes, null, null);
    }

    /** {@code n} decoded rows (owned from here on); clears the {@code pass} bit of each that is null or fails {@code test}. */
    static TestedColumn decoded(FieldVector rows, ColumnTest test, int n, long[] pass, BufferAllocator allocator) {
        try {
            test.andTest(rows, n, pass, 0);
        } catch (RuntimeException | Error e) {
            rows.close();
            throw e;
        }
        return new TestedColumn(null, null, rows, allocator);
    }

    /** Rows {@code sel[0 .. m)} of the batch (every row when sel is null) as a new vector. */
    FieldVector take(int[] sel, int m) {
        if (codes == null) {
            return sel == null ? Vectors.share(decoded) : Vectors.take(decoded, sel, m, allocator);
        }
        if (sel == null) {
            return decoder.entries(codes, m);
        }
        int[] keys = new int[m];
        for (int i = 0; i < m; i++) {
            keys[i] = codes[sel[i]];
        }
        return decoder.entries(keys, m);
    }

    @Override
    public void close() {
        if (decoded != null) {
            decoded.close();
        }
    }
}
