package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

/**
 * Writes batches as Arrow IPC: the file format to a file ({@code IpcSource} reads it back one
 * morsel per batch), or the stream format to memory, which is how a client carries a table inside
 * a plan ({@code MemorySource}). Each batch becomes one record batch, its buffers written as they
 * are: Arrow's writer takes them from a root whose vectors share the batch's buffers, never copied.
 * Field nullability is kept; a non-nullable column that holds a null is refused.
 */
public final class IpcWriter {
    private IpcWriter() {
    }

    /**
     * Writes {@code batches} (columns in {@code schema}'s order) to {@code out} in the IPC file
     * format. The batches and {@code out} stay open. Files on a file system are written by the
     * engine's {@code IpcFileWriter}, which opens them there (Hadoop) and removes a half-written one.
     */
    public static void writeFile(Schema schema, Iterable<Batch> batches, OutputStream out) throws IOException {
        writeAll(schema, batches, null, root -> new ArrowFileWriter(root, null, Channels.newChannel(out)));
    }

    /** {@code batches} as an IPC stream in memory; {@code allocator} must share its root with the batches'. */
    public static byte[] toStreamBytes(Schema schema, Iterable<Batch> batches, BufferAllocator allocator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeAll(schema, batches, allocator, root -> new ArrowStreamWriter(root, null, Channels.newChannel(out)));
        } catch (IOException e) {
            throw PolaroidException.internal("writing an Arrow stream to memory failed: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * The writer's root lends buffers from the batches, which Arrow allows only between allocators
     * of one root: without {@code allocator}, the root lives in the allocator of the first batch.
     */
    private static void writeAll(Schema schema, Iterable<Batch> batches, BufferAllocator allocator,
                                 Function<VectorSchemaRoot, ArrowWriter> open) throws IOException {
        Iterator<Batch> it = batches.iterator();
        Batch first = it.hasNext() ? it.next() : null;
        BufferAllocator forRoot = allocator != null ? allocator : allocatorOf(first);
        // Nothing to borrow from (no batch, or only null columns): nothing will be allocated either.
        try (BufferAllocator empty = forRoot == null ? new RootAllocator(0) : null;
             VectorSchemaRoot root = VectorSchemaRoot.create(IpcSchemas.toArrow(schema), forRoot != null ? forRoot : empty);
             ArrowWriter writer = open.apply(root)) {
            writer.start();
            for (Batch batch = first; batch != null; batch = it.hasNext() ? it.next() : null) {
                if (batch.rowCount() > 0) {
                    lend(schema, batch, root);
                    writer.writeBatch();
                }
            }
            writer.end();
        }
    }

    private static BufferAllocator allocatorOf(Batch batch) {
        if (batch != null) {
            for (FieldVector v : batch.columns()) {
                if (!(v instanceof NullVector)) {
                    return v.getAllocator();
                }
            }
        }
        return null;
    }

    /** Points the root's vectors at the batch's buffers (reference counted, not copied). */
    private static void lend(Schema schema, Batch batch, VectorSchemaRoot root) {
        if (batch.columnCount() != schema.size()) {
            throw PolaroidException.internal("a batch of " + batch.columnCount() + " columns written as Arrow IPC of schema "
                    + schema);
        }
        for (int c = 0; c < schema.size(); c++) {
            Field field = schema.field(c);
            FieldVector from = batch.column(c);
            FieldVector to = root.getVector(c);
            if (from.getMinorType() != to.getMinorType()) {
                throw PolaroidException.internal("column '" + field.name() + "' of type " + field.type()
                        + " holds a vector of " + from.getMinorType());
            }
            if (!field.nullable() && Vectors.hasNulls(from)) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "column '" + field.name()
                        + "' is not nullable but holds a null; it cannot be written as Arrow IPC");
            }
            from.makeTransferPair(to).splitAndTransfer(0, batch.rowCount());
        }
        root.setRowCount(batch.rowCount());
    }
}
