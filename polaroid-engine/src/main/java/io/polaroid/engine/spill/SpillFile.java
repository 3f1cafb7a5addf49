package io.polaroid.engine.spill;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Batches written to disk as an Arrow IPC stream with ZSTD-compressed buffers (zstd-jni: the LZ4 codec of Arrow Java, from commons-compress, wrote 0.1 MB/s here), then read back in
 * the order they were written. Its bytes count against the process' spill quota while it exists;
 * {@link #close} deletes it.
 */
public final class SpillFile implements AutoCloseable {
    private static final CompressionCodec CODEC = CommonsCompressionFactory.INSTANCE.createCodec(CompressionUtil.CodecType.ZSTD);

    private final Path path;
    private final SpillArea area;
    private final LongConsumer written;
    private Schema schema;
    private FileChannel channel;
    private WriteChannel out;
    private long counted;
    private long rows;
    /** The sequence number of each batch written, given back when it is read. */
    private final List<Long> seqs = new ArrayList<>();
    private boolean finished;
    private boolean closed;

    SpillFile(Path path, SpillArea area, LongConsumer written) {
        this.path = path;
        this.area = area;
        this.written = written;
    }

    /** Appends a batch; it stays the caller's. All batches of a file have one schema; each is read back with its sequence number. */
    public void write(Batch b) {
        if (finished) {
            throw new IllegalStateException("spill file " + path + " is finished");
        }
        try {
            if (out == null) {
                schema = b.schema();
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                out = new WriteChannel(channel);
                MessageSerializer.serialize(out, ArrowTypes.toArrow(schema));
            }
            VectorSchemaRoot view = new VectorSchemaRoot(ArrowTypes.toArrow(schema).getFields(),
                    new ArrayList<>(b.columns()), b.rowCount());
            try (ArrowRecordBatch record = new VectorUnloader(view, true, CODEC, true).getRecordBatch()) {
                MessageSerializer.serialize(out, record);
            }
            rows += b.rowCount();
            seqs.add(b.seq());
            account();
        } catch (IOException e) {
            throw ioError("write", e);
        }
    }

    /** Ends the writing; the file can then be read. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (out != null) {
                ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
                account();
                channel.close();
            }
        } catch (IOException e) {
            throw ioError("write", e);
        }
    }

    private void account() {
        long now = out.getCurrentPosition();
        area.take(now - counted);
        written.accept(now - counted);
        counted = now;
    }

    /** Rows written. */
    public long rows() {
        return rows;
    }

    /** Bytes on disk. */
    public long bytes() {
        return counted;
    }

    /** Reads the batches back, into {@code allocator}; the file must be finished. */
    public Reader read(BufferAllocator allocator) {
        if (!finished) {
            throw new IllegalStateException("spill file " + path + " is still being written");
        }
        return new Reader(allocator);
    }

    /** The batches of a spill file, one by one; the caller owns each batch it receives. */
    public final class Reader implements AutoCloseable {
        private final BufferAllocator allocator;
        private final ArrowStreamReader reader;
        private int index;

        private Reader(BufferAllocator allocator) {
            this.allocator = allocator;
            if (out == null) {
                reader = null;
                return;
            }
            try {
                reader = new ArrowStreamReader(FileChannel.open(path, StandardOpenOption.READ), allocator,
                        CommonsCompressionFactory.INSTANCE);
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }

        /** The next batch, or null at the end. */
        public Batch next() {
            if (reader == null) {
                return null;
            }
            try {
                if (!reader.loadNextBatch()) {
                    return null;
                }
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                List<FieldVector> columns = new ArrayList<>(root.getFieldVectors().size());
                try {
                    for (FieldVector v : root.getFieldVectors()) {
                        TransferPair t = v.getTransferPair(allocator);
                        t.transfer();
                        columns.add((FieldVector) t.getTo());
                    }
                } catch (RuntimeException | Error e) {
                    columns.forEach(FieldVector::close);
                    throw e;
                }
                return Batch.of(schema, columns, root.getRowCount(), seqs.get(index++));
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }

        @Override
        public void close() {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }
    }

    private PolaroidException ioError(String what, IOException e) {
        return new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, "cannot " + what + " the spill file " + path + ": "
                + e.getMessage(), e);
    }

    /** Deletes the file and gives its bytes back to the quota. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the query's folder goes with the area; the next process sweeps what is left
        } finally {
            area.release(counted);
            area.forget(this);
        }
    }
}
