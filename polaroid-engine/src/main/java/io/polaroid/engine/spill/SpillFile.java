package io.polaroid.engine.spill;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
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

    private static final int IO_BUFFER = 1 << 17;

    private final Path path;
    private final SpillArea area;
    private final LongConsumer written;
    private Schema schema;
    /** Buffered: a batch is written as many small pieces (message header, each buffer). */
    private WritableByteChannel channel;
    private WriteChannel out;
    private long counted;
    private long rows;
    /** The batches each record written holds, given back when it is read. */
    private final List<Runs> records = new ArrayList<>();
    private boolean finished;
    private boolean closed;

    SpillFile(Path path, SpillArea area, LongConsumer written) {
        this.path = path;
        this.area = area;
        this.written = written;
    }

    /**
     * The batches whose rows one record holds, in order: their sequence numbers and row counts.
     * Each is read back on its own, since the row order of the rows before and after it may matter
     * (the first or last value of a group).
     */
    private record Runs(long[] seqs, int[] rows) {
    }

    /** Appends a batch; it stays the caller's. All batches of a file have one schema; each is read back with its sequence number. */
    public void write(Batch b) {
        write(b, new Runs(new long[] {b.seq()}, new int[] {b.rowCount()}));
    }

    /**
     * Appends the rows of several batches gathered into {@code all} (which stays the caller's) as
     * one record: batch {@code i} had sequence number {@code seqs[i]} and {@code rows[i]} rows. Few
     * large records write and read much faster than many small ones; they are read back as the
     * batches they were.
     */
    public void write(Batch all, long[] seqs, int[] rows) {
        write(all, new Runs(seqs.clone(), rows.clone()));
    }

    private void write(Batch b, Runs runs) {
        if (finished) {
            throw new IllegalStateException("spill file " + path + " is finished");
        }
        try {
            if (out == null) {
                schema = b.schema();
                channel = Channels.newChannel(new BufferedOutputStream(
                        Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), IO_BUFFER));
                out = new WriteChannel(channel);
                MessageSerializer.serialize(out, ArrowTypes.toArrow(schema));
            }
            VectorSchemaRoot view = new VectorSchemaRoot(ArrowTypes.toArrow(schema).getFields(),
                    new ArrayList<>(b.columns()), b.rowCount());
            try (ArrowRecordBatch record = new VectorUnloader(view, true, CODEC, true).getRecordBatch()) {
                MessageSerializer.serialize(out, record);
            }
            rows += b.rowCount();
            records.add(runs);
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
        /** The record being read, cut into the batches it holds. */
        private List<FieldVector> held;
        private int heldOffset;
        private int nextRun;
        private int index;

        private Reader(BufferAllocator allocator) {
            this.allocator = allocator;
            if (out == null) {
                reader = null;
                return;
            }
            try {
                reader = new ArrowStreamReader(new BufferedInputStream(Files.newInputStream(path), IO_BUFFER), allocator,
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
            if (held == null && !load()) {
                return null;
            }
            Runs runs = records.get(index);
            if (runs.seqs().length == 1) {
                Batch whole = Batch.of(schema, held, runs.rows()[0], runs.seqs()[0]);
                held = null;
                index++;
                return whole;
            }
            int run = nextRun++;
            List<FieldVector> slice = new ArrayList<>(held.size());
            for (FieldVector c : held) {
                slice.add(Vectors.slice(c, heldOffset, runs.rows()[run]));
            }
            Batch out = Batch.of(schema, slice, runs.rows()[run], runs.seqs()[run]);
            heldOffset += runs.rows()[run];
            if (nextRun == runs.seqs().length) {
                releaseHeld();
                index++;
            }
            return out;
        }

        /** Reads the next record into {@link #held}; false at the end. */
        private boolean load() {
            try {
                if (!reader.loadNextBatch()) {
                    return false;
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
                held = columns;
                heldOffset = 0;
                nextRun = 0;
                return true;
            } catch (IOException e) {
                throw ioError("read", e);
            }
        }

        private void releaseHeld() {
            if (held != null) {
                held.forEach(FieldVector::close);
                held = null;
            }
        }

        @Override
        public void close() {
            releaseHeld();
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
