package io.polaroid.engine.io.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

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
        return next(bytes, available, first, null);
    }

    /**
     * {@link #next(Bytes, long, boolean)}, checking a record batch's columns against {@code schema}
     * (that of the stream) where it is known: a column is as long as its batch, while the values of
     * a list's column are only counted, since how many a list holds is in its offsets (checked once
     * loaded, by {@link BufferCheck}).
     */
    static Header next(Bytes bytes, long available, boolean first, Schema schema) throws IOException {
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
        if (message.headerType() == MessageHeader.Schema) {
            checkSchema(message);
        } else {
            checkBatch(message, body, message.headerType() == MessageHeader.RecordBatch ? schema : null);
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
    private static void checkBatch(Message message, long body, Schema schema) throws IOException {
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
        boolean[] topLevel = schema == null ? null : topLevelNodes(schema);
        if (topLevel != null && topLevel.length != batch.nodesLength()) {
            throw new IOException("a batch has " + batch.nodesLength() + " column nodes where its schema has "
                    + topLevel.length);
        }
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            // A column is as long as its batch; the values of a list only fit in an int.
            batch.nodes(node, i);
            checkCount("values in a column", node.length(),
                    topLevel == null || topLevel[i] ? batch.length() : Integer.MAX_VALUE);
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

    /** Deepest nesting of fields accepted in a schema; Arrow reads a schema's fields recursively. */
    private static final int MAX_FIELD_DEPTH = 64;
    private static final int MAX_FIELDS = 1 << 20;

    /**
     * A schema's fields, walked without recursion: damaged bytes can make a field its own child,
     * which Arrow's reader would follow until the stack overflows.
     */
    private static void checkSchema(Message message) throws IOException {
        org.apache.arrow.flatbuf.Schema schema = (org.apache.arrow.flatbuf.Schema) message.header(new org.apache.arrow.flatbuf.Schema());
        if (schema == null) {
            throw new IOException("a schema message holds no schema");
        }
        java.util.ArrayDeque<org.apache.arrow.flatbuf.Field> fields = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        for (int i = 0; i < schema.fieldsLength(); i++) {
            fields.push(schema.fields(i));
            depths.push(1);
        }
        int seen = 0;
        while (!fields.isEmpty()) {
            org.apache.arrow.flatbuf.Field field = fields.pop();
            int depth = depths.pop();
            if (field == null || depth > MAX_FIELD_DEPTH || ++seen > MAX_FIELDS) {
                throw new IOException("the schema's fields nest deeper than " + MAX_FIELD_DEPTH + " levels or number over "
                        + MAX_FIELDS);
            }
            for (int j = 0; j < field.childrenLength(); j++) {
                fields.push(field.children(j));
                depths.push(depth + 1);
            }
        }
    }

    /** For each field node of a record batch of {@code schema}, in order (depth first), whether it is a column. */
    private static boolean[] topLevelNodes(Schema schema) {
        List<Boolean> out = new ArrayList<>();
        for (Field f : schema.getFields()) {
            out.add(true);
            addChildren(f, out);
        }
        boolean[] flags = new boolean[out.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = out.get(i);
        }
        return flags;
    }

    private static void addChildren(Field field, List<Boolean> out) {
        for (Field child : field.getChildren()) {
            out.add(false);
            addChildren(child, out);
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
