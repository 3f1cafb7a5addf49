package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Batches of one IPC morsel. An Arrow reader loads the morsel's record batches one at a time into
 * buffers of its own child allocator; the requested columns then move to the query's allocator
 * (see {@link VectorImport}) and are cut into batches of at most {@code ctx.batchRows()} rows,
 * slices that share the buffers. The reader and its allocator are closed with this reader, which
 * proves that nothing it read was left behind.
 */
final class IpcBatchReader implements Morsel.BatchReader {
    /** Opens an Arrow reader over a morsel's bytes whose buffers come from {@code allocator}. */
    @FunctionalInterface
    interface Opener {
        ArrowReader open(BufferAllocator allocator);
    }

    private final BufferAllocator readerAllocator;
    private final ArrowReader reader;
    private final Schema fileSchema;
    private final Schema output;
    private final int[] indexes;
    private final ScanContext ctx;
    private final Function<Throwable, PolaroidException> errors;
    /** The current record batch's columns, in the query's allocator; null once handed out whole. */
    private List<FieldVector> current;
    private int rows;
    private int offset;
    private long seq;

    private IpcBatchReader(BufferAllocator readerAllocator, ArrowReader reader, Schema fileSchema,
                           List<String> columns, ScanContext ctx, Function<Throwable, PolaroidException> errors) {
        this.readerAllocator = readerAllocator;
        this.reader = reader;
        this.fileSchema = fileSchema;
        this.output = fileSchema.select(columns);
        this.indexes = new int[columns.size()];
        for (int c = 0; c < indexes.length; c++) {
            indexes[c] = fileSchema.indexOf(columns.get(c));
        }
        this.ctx = ctx;
        this.errors = errors;
    }

    /**
     * A reader of {@code columns} of a morsel whose data has {@code fileSchema}; {@code errors}
     * turns what Arrow throws into the error the user sees, naming where the bytes came from.
     */
    static IpcBatchReader open(String name, Opener opener, Schema fileSchema, List<String> columns,
                               ScanContext ctx, Function<Throwable, PolaroidException> errors) {
        BufferAllocator allocator = ctx.allocator().newChildAllocator(name, 0, Long.MAX_VALUE);
        ArrowReader reader = null;
        try {
            reader = opener.open(allocator);
            return new IpcBatchReader(allocator, reader, fileSchema, columns, ctx, errors);
        } catch (RuntimeException | Error e) {
            closeQuietly(reader, e);
            allocator.close();
            throw e;
        }
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        try {
            while (offset >= rows) {
                closeCurrent();
                if (!reader.loadNextBatch()) {
                    return null;
                }
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                checkColumns(root);
                rows = root.getRowCount();
                offset = 0;
                if (rows > 0) {
                    current = VectorImport.columns(root, reader, indexes, output.types(), ctx.allocator());
                }
            }
            return cut();
        } catch (IOException | RuntimeException e) {
            closeCurrent();
            rows = 0;
            offset = 0;
            throw errors.apply(e);
        }
    }

    /** The data may have changed since the query was planned. */
    private void checkColumns(VectorSchemaRoot root) throws IOException {
        List<String> names = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector v : root.getFieldVectors()) {
            names.add(v.getName());
        }
        if (!names.equals(fileSchema.names())) {
            throw new IOException("its columns " + names + " are not the columns " + fileSchema.names()
                    + " it had when the query was planned");
        }
    }

    /** The next at most {@code batchRows} rows of the current record batch; all of it without slicing if it fits. */
    private Batch cut() {
        int n = Math.min(ctx.batchRows(), rows - offset);
        List<FieldVector> vectors;
        if (offset == 0 && n == rows) {
            vectors = current;
            current = null;
        } else {
            vectors = new ArrayList<>(current.size());
            try {
                for (FieldVector v : current) {
                    vectors.add(Vectors.slice(v, offset, n));
                }
            } catch (RuntimeException | Error e) {
                closeAll(vectors);
                throw e;
            }
        }
        offset += n;
        if (offset >= rows) {
            closeCurrent(); // the slices keep what they share
        }
        return Batch.of(output, vectors, n, seq++);
    }

    private void closeCurrent() {
        if (current != null) {
            closeAll(current);
            current = null;
        }
    }

    private static void closeAll(List<FieldVector> vectors) {
        for (FieldVector v : vectors) {
            v.close();
        }
    }

    private static void closeQuietly(ArrowReader reader, Throwable failure) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() {
        closeCurrent();
        try {
            reader.close();
        } catch (IOException e) {
            // Closing a source that was only read from cannot lose data; there is nothing to report.
        } finally {
            readerAllocator.close();
        }
    }
}
