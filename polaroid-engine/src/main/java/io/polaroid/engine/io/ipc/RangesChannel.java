package io.polaroid.engine.io.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * Ranges of a seekable channel read one after the other, as if they were one stream: the schema,
 * dictionary and record batch messages of one morsel, wherever they are in a file or an array.
 * Small reads are served from a read-ahead buffer, so a message's prefix and metadata cost one read
 * of the source; large ones (bodies) go to the source directly. {@link #peek} shows what comes next
 * without consuming it, so that a message can be checked before Arrow reads it. Closing this closes
 * the source.
 */
final class RangesChannel implements ReadableByteChannel {
    private static final int READ_AHEAD = 64 << 10;

    private final SeekableByteChannel source;
    private final List<IpcLayout.Range> ranges;
    private int range;
    /** Where the next byte comes from in the source. */
    private long position;
    /** Bytes of the source from {@code position} on, already read. */
    private ByteBuffer ahead = ByteBuffer.allocate(0);

    RangesChannel(SeekableByteChannel source, List<IpcLayout.Range> ranges) {
        this.source = source;
        this.ranges = ranges;
        this.position = ranges.isEmpty() ? 0 : ranges.get(0).start();
    }

    /** Bytes left in the current range; 0 at the end. A message never spans two ranges. */
    long remainingInRange() {
        skipFinishedRanges();
        return range < ranges.size() ? ranges.get(range).end() - position : 0;
    }

    /** The next {@code n} bytes of the current range, which must hold them; not consumed. */
    ByteBuffer peek(int n) throws IOException {
        if (n > remainingInRange()) {
            throw new EOFException("asked for " + n + " bytes where " + remainingInRange() + " remain");
        }
        if (ahead.remaining() < n) {
            fill(n);
        }
        ByteBuffer view = ahead.duplicate();
        view.limit(view.position() + n);
        return view;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long left = remainingInRange();
        if (left == 0) {
            return -1;
        }
        int n;
        if (ahead.hasRemaining()) {
            n = Math.min(dst.remaining(), ahead.remaining());
            ByteBuffer part = ahead.duplicate();
            part.limit(part.position() + n);
            dst.put(part);
            ahead.position(ahead.position() + n);
        } else if (dst.remaining() >= READ_AHEAD) {
            ByteBuffer part = dst.duplicate();
            part.limit(part.position() + (int) Math.min(dst.remaining(), left));
            source.position(position);
            n = source.read(part);
            if (n < 0) {
                throw eof();
            }
            dst.position(dst.position() + n);
        } else {
            fill(1);
            return read(dst);
        }
        position += n;
        return n;
    }

    /** Reads ahead until at least {@code n} bytes of the current range are buffered. */
    private void fill(int n) throws IOException {
        int want = (int) Math.min(remainingInRange(), Math.max(n, READ_AHEAD));
        ByteBuffer next = ByteBuffer.allocate(want);
        next.put(ahead);
        source.position(position + next.position());
        while (next.position() < n) {
            if (source.read(next) < 0) {
                throw eof();
            }
        }
        next.flip();
        ahead = next;
    }

    private EOFException eof() {
        return new EOFException("the data ends before byte " + ranges.get(range).end());
    }

    private void skipFinishedRanges() {
        while (range < ranges.size() && position >= ranges.get(range).end()) {
            range++;
            ahead = ByteBuffer.allocate(0);
            if (range < ranges.size()) {
                position = ranges.get(range).start();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
