package io.polaroid.engine.io.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Reads and checks the framing of Arrow IPC messages before Arrow does: each is a 0xFFFFFFFF
 * continuation marker (absent before Arrow 0.15), a little-endian int32 length, that many bytes of
 * flatbuffer {@link Message} metadata, then {@code bodyLength} bytes of body; a length of 0 ends a
 * stream.
 *
 * <p>Arrow trusts these numbers: a length past the end makes it allocate whatever it claims, and a
 * buffer outside the body makes it fail after it has read the body, which it then never frees. So
 * every message is checked here first: its lengths against the bytes that are there, its buffers
 * against its body, its type against where it stands in the stream.
 */
final class IpcMessages {
    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int MAX_PREFIX = 8;
    private static final int READ_AHEAD = 64 << 10;

    /** The next {@code n} bytes, not consumed. */
    @FunctionalInterface
    interface Bytes {
        ByteBuffer next(int n) throws IOException;
    }

    /** A message Polaroid understands but does not read, as opposed to a malformed one. */
    static final class Unsupported extends IOException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** A checked message: its metadata, and how many bytes its prefix and metadata take. */
    record Header(Message message, int metadataBytes) {
        /** Bytes of the whole message, body included. */
        long length() {
            return metadataBytes + message.bodyLength();
        }
    }

    private IpcMessages() {
    }

    /**
     * The message at the start of {@code bytes}, of which {@code available} are there, or null at
     * the end of the stream. A schema if {@code first}, else a record or dictionary batch.
     */
    static Header next(Bytes bytes, long available, boolean first) throws IOException {
        if (available == 0) {
            return null; // a stream may end without its end-of-stream marker
        }
        if (available < 4) {
            throw new IOException("a message is cut off after " + available + " bytes");
        }
        ByteBuffer head = bytes.next((int) Math.min(MAX_PREFIX, available)).order(ByteOrder.LITTLE_ENDIAN);
        int prefix = 4;
        int length = head.getInt(head.position());
        if (length == CONTINUATION) {
            if (available < MAX_PREFIX) {
                throw new IOException("a message is cut off after " + available + " bytes");
            }
            prefix = MAX_PREFIX;
            length = head.getInt(head.position() + 4);
        }
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > available - prefix) {
            throw new IOException("a message claims " + length + " bytes of metadata, but " + (available - prefix) + " remain");
        }
        ByteBuffer metadata = bytes.next(prefix + length);
        metadata.position(metadata.position() + prefix);
        Message message = Message.getRootAsMessage(metadata.slice().order(ByteOrder.LITTLE_ENDIAN));
        long body = message.bodyLength();
        if (body < 0 || body > available - prefix - length) {
            throw new IOException("a message claims a body of " + body + " bytes, but "
                    + (available - prefix - length) + " remain");
        }
        checkType(message, first);
        if (message.headerType() != MessageHeader.Schema) {
            checkBatch(message, body);
        }
        return new Header(message, prefix + length);
    }

    private static void checkType(Message message, boolean first) throws IOException {
        byte type = message.headerType();
        boolean expected = first ? type == MessageHeader.Schema
                : type == MessageHeader.RecordBatch || type == MessageHeader.DictionaryBatch;
        if (!expected) {
            String found = type >= 0 && type < MessageHeader.names.length ? MessageHeader.name(type) : String.valueOf(type);
            throw new IOException("expected " + (first ? "a schema" : "a record or dictionary batch")
                    + ", found a message of type " + found);
        }
    }

    /** Every buffer of a record batch (or a dictionary's) must lie within its body, every count within its length. */
    private static void checkBatch(Message message, long body) throws IOException {
        RecordBatch batch = message.headerType() == MessageHeader.RecordBatch
                ? (RecordBatch) message.header(new RecordBatch())
                : ((DictionaryBatch) message.header(new DictionaryBatch())).data();
        if (batch == null) {
            throw new IOException("a batch message holds no batch");
        }
        if (batch.compression() != null) {
            byte codec = batch.compression().codec();
            throw new Unsupported("record batches compressed with "
                    + (codec >= 0 && codec < CompressionType.names.length ? CompressionType.name(codec) : "codec " + codec)
                    + " are not supported; write the data uncompressed");
        }
        checkCount("rows", batch.length(), Integer.MAX_VALUE);
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            // Polaroid reads flat columns only, each as long as its batch.
            batch.nodes(node, i);
            checkCount("values in a column", node.length(), batch.length());
            checkCount("nulls in a column", node.nullCount(), node.length());
        }
        Buffer buffer = new Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(buffer, i);
            if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() > body - buffer.length()) {
                throw new IOException("a batch has a buffer of " + buffer.length() + " bytes at " + buffer.offset()
                        + ", outside its body of " + body + " bytes");
            }
        }
    }

    private static void checkCount(String what, long count, long max) throws IOException {
        if (count < 0 || count > max) {
            throw new IOException("a batch claims " + count + " " + what + ", where at most " + max + " can be");
        }
    }

    /** The bytes of {@code channel} from {@code position} on, read ahead once for a message's prefix and metadata. */
    static Bytes at(SeekableByteChannel channel, long position, long available) {
        return new Bytes() {
            private ByteBuffer ahead = ByteBuffer.allocate(0);

            @Override
            public ByteBuffer next(int n) throws IOException {
                if (ahead.remaining() < n) {
                    ahead = ByteBuffer.wrap(readAt(channel, position, (int) Math.min(available, Math.max(n, READ_AHEAD))));
                }
                return ahead.duplicate();
            }
        };
    }

    static byte[] readAt(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the data ends at byte " + channel.position() + ", before byte " + (position + length));
            }
        }
        return buffer.array();
    }
}
