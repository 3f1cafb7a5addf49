package io.polaroid.engine.io;

import io.polaroid.engine.io.filter.FilteringReader;
import io.polaroid.engine.io.filter.ScanFilter;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/** A unit of scan work: opening it yields its rows as batches of the requested columns. */
public interface Morsel {
    /** Rows in this morsel before filtering; -1 if unknown. */
    long rows();

    /** Where the rows come from, for error messages and task descriptions. */
    String describe();

    /**
     * Reads {@code columns} (a subset of the source schema, in that order) into vectors owned by
     * {@code ctx.allocator()}, at most {@code ctx.batchRows()} rows per batch. Batches are numbered
     * 0, 1, 2, ... in data order through {@link Batch#seq()}; the scan renumbers them globally.
     * Reading fails with a {@link io.polaroid.engine.error.PolaroidException} that names the file.
     */
    BatchReader open(List<String> columns, ScanContext ctx);

    /**
     * The least and greatest value of integer column {@code column} here, when statistics give
     * them and the column holds no null; null when unknown. A cluster splits a scan by these
     * ranges when the morsels follow each other in key order.
     */
    default long[] integerRange(String column) {
        return null;
    }

    /**
     * Rows {@code [from, from + count)} of this morsel as a morsel of its own, so that tasks can
     * share a large morsel by rows; null when it cannot be read in part.
     */
    default Morsel slice(long from, long count) {
        return null;
    }

    /**
     * Exactly the rows of this morsel whose integer column {@code column} is at or above {@code lo}
     * and below {@code hi} (either unbounded when null): a run of its rows, or none, when an index
     * tells where they start and end; null when it cannot tell. A cluster cuts a morsel that the
     * key ranges of two tasks share this way, rather than have both read it whole and filter it.
     */
    default List<Morsel> keyRange(String column, Long lo, Long hi) {
        return null;
    }

    /**
     * Like {@link #open(List, ScanContext)}, keeping only the rows that pass {@code filter}. The
     * columns only the filter reads are not returned. Rows are counted as scanned
     * ({@link ScanContext#addScanned}) by the reader, before filtering.
     */
    default BatchReader open(List<String> columns, ScanFilter filter, ScanContext ctx) {
        return filter.isEmpty() ? new CountingReader(open(columns, ctx), ctx) : new FilteringReader(this, columns, filter, ctx);
    }

    /** Batches of one morsel; the caller closes each batch it receives and the reader itself. */
    interface BatchReader extends AutoCloseable {
        /** The next batch, or null at the end. */
        Batch next();

        @Override
        void close();
    }

    /** Counts the rows of an unfiltered reader as scanned. */
    record CountingReader(BatchReader reader, ScanContext ctx) implements BatchReader {
        @Override
        public Batch next() {
            Batch b = reader.next();
            if (b != null) {
                ctx.addScanned(b.rowCount(), b.bytes());
            }
            return b;
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
