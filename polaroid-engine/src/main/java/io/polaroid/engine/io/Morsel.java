package io.polaroid.engine.io;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
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
    BatchReader open(List<String> columns, TaskContext ctx);

    /**
     * Like {@link #open(List, TaskContext)}, keeping only the rows that pass every test. The
     * tested columns are not among {@code columns}: they are read only for the tests, which lets
     * a reader decide a test once per dictionary entry instead of materializing the column.
     */
    default BatchReader open(List<String> columns, List<io.polaroid.engine.io.filter.StringTest> tests, TaskContext ctx) {
        if (tests.isEmpty()) {
            return open(columns, ctx);
        }
        return new io.polaroid.engine.io.filter.TestingReader(this, columns, tests, ctx);
    }

    /** Batches of one morsel; the caller closes each batch it receives and the reader itself. */
    interface BatchReader extends AutoCloseable {
        /** The next batch, or null at the end. */
        Batch next();

        @Override
        void close();
    }
}
