package io.polaroid.engine.io.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where the messages of some IPC data are, learned without loading any batch, so that each record
 * batch can be read by itself: as a stream made of the schema message, the dictionary batches
 * before it (replacements and deltas apply in order) and the batch, which is what the whole stream
 * was at that point. An IPC file is such a stream after 8 bytes of magic, with a footer that says
 * where the batches are.
 *
 * @param indexed false for a file in the stream format, which has no footer: where its batches
 *                are is only known by reading it, so it is read whole
 */
record IpcLayout(Schema schema, Range schemaMessage, List<Range> dictionaries, List<Block> blocks, boolean indexed) {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    /** The magic padded to 8 bytes at the start; the footer length and the magic at the end. */
    private static final int HEAD = 8;
    private static final int TAIL = 4 + 6;

    /** Bytes {@code [start, end)} of the data. */
    record Range(long start, long end) {
    }

    /** A record batch: its message, how many dictionary messages come before it, its rows (-1 if unknown) and body bytes. */
    record Block(Range message, int dictionariesBefore, long rows, long bodyBytes) {
    }

    /**
     * The layout of an IPC file: the file format (it starts with the magic {@code ARROW1}) from its
     * footer, the stream format from its schema alone. Rows are counted, one small read per batch,
     * if {@code countRows}.
     */
    static IpcLayout readFile(SeekableByteChannel channel, boolean countRows) throws IOException {
        long size = channel.size();
        byte[] head = IpcMessages.readAt(channel, 0, (int) Math.min(MAGIC.length, size));
        if (!Arrays.equals(head, MAGIC)) {
            IpcMessages.Header schema = IpcMessages.next(IpcMessages.at(channel, 0, size), size, true);
            if (schema == null) {
                throw new IOException("it is empty");
            }
            return new IpcLayout(MessageSerializer.deserializeSchema(schema.message()), new Range(0, schema.length()),
                    List.of(), List.of(), false);
        }
        return readFooter(channel, size, countRows);
    }

    private static IpcLayout readFooter(SeekableByteChannel channel, long size, boolean countRows) throws IOException {
        if (size < HEAD + TAIL) {
            throw new IOException("it is cut off after " + size + " bytes");
        }
        ByteBuffer tail = ByteBuffer.wrap(IpcMessages.readAt(channel, size - TAIL, TAIL)).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 4, TAIL), MAGIC)) {
            throw new IOException("it does not end with the magic ARROW1: it is cut off or not an Arrow file");
        }
        int footerLength = tail.getInt(0);
        long dataEnd = size - TAIL - footerLength;
        if (footerLength <= 0 || dataEnd < HEAD) {
            throw new IOException("its footer length " + footerLength + " does not fit in its " + size + " bytes");
        }
        byte[] footerBytes = IpcMessages.readAt(channel, dataEnd, footerLength);
        ArrowFooter footer = new ArrowFooter(Footer.getRootAsFooter(ByteBuffer.wrap(footerBytes)));
        IpcMessages.Header schema = IpcMessages.next(IpcMessages.at(channel, HEAD, dataEnd - HEAD), dataEnd - HEAD, true);
        if (schema == null) {
            throw new IOException("it has no schema message");
        }
        Schema arrowSchema = MessageSerializer.deserializeSchema(schema.message());
        List<Range> dictionaries = new ArrayList<>();
        for (ArrowBlock block : footer.getDictionaries()) {
            dictionaries.add(rangeOf(block, dataEnd));
        }
        List<Block> blocks = new ArrayList<>();
        for (ArrowBlock block : footer.getRecordBatches()) {
            Range range = rangeOf(block, dataEnd);
            long rows = countRows ? rowsAt(channel, range, arrowSchema) : -1;
            blocks.add(new Block(range, dictionaries.size(), rows, block.getBodyLength()));
        }
        return new IpcLayout(arrowSchema, new Range(HEAD, HEAD + schema.length()),
                List.copyOf(dictionaries), List.copyOf(blocks), true);
    }

    private static Range rangeOf(ArrowBlock block, long dataEnd) throws IOException {
        long end = block.getOffset() + block.getMetadataLength() + block.getBodyLength();
        if (block.getOffset() < HEAD || block.getMetadataLength() <= 0 || block.getBodyLength() < 0 || end > dataEnd) {
            throw new IOException("its footer lists a block of " + block.getMetadataLength() + " + " + block.getBodyLength()
                    + " bytes at byte " + block.getOffset() + ", outside the data");
        }
        return new Range(block.getOffset(), end);
    }

    private static long rowsAt(SeekableByteChannel channel, Range range, Schema schema) throws IOException {
        long length = range.end() - range.start();
        IpcMessages.Header header = IpcMessages.next(IpcMessages.at(channel, range.start(), length), length, false, schema);
        if (header == null || header.message().headerType() != MessageHeader.RecordBatch) {
            throw new IOException("its footer lists a record batch at byte " + range.start() + " where there is none");
        }
        return ((RecordBatch) header.message().header(new RecordBatch())).length();
    }

    /** The layout of an IPC stream, found by reading every message's metadata and skipping its body. */
    static IpcLayout scanStream(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        IpcMessages.Header first = IpcMessages.next(IpcMessages.at(channel, 0, size), size, true);
        if (first == null) {
            throw new IOException("it is empty");
        }
        Schema schema = MessageSerializer.deserializeSchema(first.message());
        List<Range> dictionaries = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        long at = first.length();
        for (IpcMessages.Header h = IpcMessages.next(IpcMessages.at(channel, at, size - at), size - at, false, schema); h != null;
                h = IpcMessages.next(IpcMessages.at(channel, at, size - at), size - at, false, schema)) {
            Range range = new Range(at, at + h.length());
            if (h.message().headerType() == MessageHeader.DictionaryBatch) {
                dictionaries.add(range);
            } else {
                long rows = ((RecordBatch) h.message().header(new RecordBatch())).length();
                blocks.add(new Block(range, dictionaries.size(), rows, h.message().bodyLength()));
            }
            at = range.end();
        }
        return new IpcLayout(schema, new Range(0, first.length()), List.copyOf(dictionaries), List.copyOf(blocks), true);
    }

    /** The messages that make block {@code index} readable alone, in stream order. */
    List<Range> rangesOf(int index) {
        Block block = blocks.get(index);
        List<Range> ranges = new ArrayList<>(block.dictionariesBefore() + 2);
        ranges.add(schemaMessage);
        ranges.addAll(dictionaries.subList(0, block.dictionariesBefore()));
        ranges.add(block.message());
        return ranges;
    }

    /** Rows of all blocks; -1 unless every block's rows are known. */
    long rows() {
        long total = 0;
        for (Block block : blocks) {
            if (block.rows() < 0) {
                return -1;
            }
            total += block.rows();
        }
        return indexed ? total : -1;
    }

    long bodyBytes() {
        long total = 0;
        for (Block block : blocks) {
            total += block.bodyBytes();
        }
        return total;
    }
}
