package io.polaroid.engine.io.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A read-only {@link SeekableByteChannel} over a Hadoop input stream: an IPC file is read at its
 * end (the footer) and then at the blocks a morsel needs. Every read is a positioned read, so on S3
 * a morsel fetches its own record batch and nothing else. The channel owns the stream and closes it.
 *
 * <p>Failures of the stream are thrown as {@link ReadFailure}, so that callers can tell a file
 * they could not read (IO_ERROR) from bytes Arrow could not make sense of (INVALID_DATA).
 */
final class HadoopReadChannel implements SeekableByteChannel {
    /** Positioned reads go through a heap array when Arrow hands us a direct buffer. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** An I/O failure of the underlying stream, as opposed to a malformed file. */
    static final class ReadFailure extends IOException {
        ReadFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final FSDataInputStream in;
    private final long size;
    private long position;
    private byte[] scratch;
    private boolean open = true;

    HadoopReadChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        try {
            if (dst.hasArray()) {
                in.readFully(position, dst.array(), dst.arrayOffset() + dst.position(), n);
                dst.position(dst.position() + n);
            } else {
                n = Math.min(n, CHUNK_BYTES);
                if (scratch == null || scratch.length < n) {
                    scratch = new byte[Math.min(CHUNK_BYTES, Math.max(n, 8192))];
                }
                in.readFully(position, scratch, 0, n);
                dst.put(scratch, 0, n);
            }
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
        position += n;
        return n;
    }

    @Override
    public long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            in.close();
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
