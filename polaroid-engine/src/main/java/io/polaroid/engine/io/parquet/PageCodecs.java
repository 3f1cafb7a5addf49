package io.polaroid.engine.io.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page decompressors a scan reads with. Snappy pages, the common case, are decompressed
 * array to array in one call: parquet-mr's Hadoop-stream path copies each page into a direct
 * buffer, decompresses it there and copies it out again, and allocates a stream per page. Other
 * codecs go to parquet-mr's own factory. One per file reader (the delegate is not thread-safe).
 *
 * <p>parquet-mr asks for a decompressor per column chunk and decompresses a page when it is read,
 * and a {@link ColumnChunkDecoder} reads a chunk's pages in turn, done with one (its dictionary
 * copied out, its values decoded) before it reads the next. So each chunk's Snappy decompressor
 * decompresses every page into the same array, grown as needed: a fresh array per page cost the
 * allocation and zeroing of about a megabyte a page.
 */
final class PageCodecs implements CompressionCodecFactory {
    private final CodecFactory others;

    PageCodecs(Configuration conf) {
        this.others = new CodecFactory(conf, 0);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY ? new SnappyPages() : others.getDecompressor(codec);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return others.getCompressor(codec);
    }

    @Override
    public void release() {
        others.release();
    }

    /** One column chunk's Snappy pages, each decompressed into the array the one before used. */
    private static final class SnappyPages implements BytesInputDecompressor {
        private byte[] page = new byte[0];

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            ByteBuffer in = bytes.toByteBuffer();
            if (page.length < decompressedSize) {
                page = new byte[decompressedSize];
            }
            byte[] out = page;
            int n;
            if (in.hasArray()) {
                n = Snappy.uncompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out, 0);
            } else {
                byte[] copy = new byte[in.remaining()];
                in.get(copy);
                n = Snappy.uncompress(copy, 0, copy.length, out, 0);
            }
            if (n != decompressedSize) {
                throw new IOException("a Snappy page decompressed to " + n + " bytes, its header says " + decompressedSize);
            }
            return BytesInput.from(out, 0, decompressedSize);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            ByteBuffer in = input.duplicate();
            in.limit(in.position() + compressedSize);
            byte[] compressed = new byte[compressedSize];
            in.get(compressed);
            byte[] out = new byte[decompressedSize];
            int n = Snappy.uncompress(compressed, 0, compressedSize, out, 0);
            if (n != decompressedSize) {
                throw new IOException("a Snappy page decompressed to " + n + " bytes, its header says " + decompressedSize);
            }
            output.put(out);
        }

        @Override
        public void release() {
        }
    }
}
