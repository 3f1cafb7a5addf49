package io.polaroid.engine.io.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** Bad files and bad bytes fail with an error that says which file and what is wrong, and leak nothing. */
class IpcErrorTest extends IoTestBase {
    private static final Schema SCHEMA = Schema.of(Field.of("n", DataType.INT64), Field.of("s", DataType.UTF8));

    @Test
    void aTruncatedFileIsInvalidDataNamingTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(write("whole.arrow", SCHEMA, 1_000)));
        for (int length : List.of(whole.length - 1, whole.length / 2, 12, 7, 0)) {
            Path cut = dir.resolve("cut" + length + ".arrow");
            Files.write(cut, Arrays.copyOf(whole, length));

            assertFails(() -> new IpcSource(List.of(cut.toString()), files), ErrorCode.INVALID_DATA)
                    .hasMessageStartingWith(cut + " is not a valid Arrow IPC file: ");
        }
    }

    @Test
    void randomBytesAreInvalidData() throws Exception {
        byte[] noise = new byte[4_096];
        new Random(7).nextBytes(noise);
        Path path = dir.resolve("noise.arrow");
        Files.write(path, noise);

        assertFails(() -> new IpcSource(List.of(path.toString()), files), ErrorCode.INVALID_DATA)
                .hasMessageContaining(path.toString());
    }

    @Test
    void aCorruptRecordBatchFailsWhenReadNamingTheFile() throws Exception {
        Path path = dir.resolve("stream.ipc");
        byte[] stream = streamBytes(SCHEMA, 1_000);
        Files.write(path, Arrays.copyOf(stream, stream.length - 100)); // the last batch's body is cut off
        IpcSource source = new IpcSource(List.of(path.toString()), files);

        assertFails(() -> readAll(source), ErrorCode.INVALID_DATA)
                .hasMessageStartingWith(path + " is not a valid Arrow IPC file: ");
    }

    @Test
    void filesWithOtherColumnsThanTheFirstAreInvalidData() {
        write("parts/a.arrow", SCHEMA, 3);
        String other = write("parts/b.arrow", Schema.of(Field.of("n", DataType.INT32), Field.of("s", DataType.UTF8)), 3);

        assertFails(() -> new IpcSource(List.of(dir.resolve("parts").toString()), files), ErrorCode.INVALID_DATA)
                .hasMessageStartingWith(other + " has the columns {n: i32, s: str}")
                .hasMessageContaining("a.arrow has {n: i64, s: str}");
    }

    @Test
    void typesPolaroidDoesNotReadAreNotSupportedNamingTheColumn() throws Exception {
        for (ArrowType type : List.of(new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32),
                new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.HALF),
                new ArrowType.FixedSizeBinary(4))) {
            Path path = dir.resolve("odd.arrow");
            org.apache.arrow.vector.types.pojo.Schema schema = new org.apache.arrow.vector.types.pojo.Schema(List.of(
                    new org.apache.arrow.vector.types.pojo.Field("fine", FieldType.nullable(new ArrowType.Int(64, true)), null),
                    new org.apache.arrow.vector.types.pojo.Field("odd", FieldType.nullable(type), null)));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                 FileOutputStream out = new FileOutputStream(path.toFile());
                 ArrowFileWriter writer = new ArrowFileWriter(root, null, out.getChannel())) {
                writer.start();
                writer.end();
            }

            assertFails(() -> new IpcSource(List.of(path.toString()), files), ErrorCode.NOT_SUPPORTED)
                    .as(type.toString()).hasMessageContaining(path.toString()).hasMessageContaining("column 'odd'");
        }
    }

    /** pyarrow compresses Feather files with LZ4 by default; Polaroid has no codec and says so. */
    @Test
    void compressedBatchesAreNotSupportedNamingTheCodec() throws Exception {
        CompressionCodec labelOnly = new CompressionCodec() {
            @Override
            public ArrowBuf compress(BufferAllocator allocator, ArrowBuf buffer) {
                return buffer;
            }

            @Override
            public ArrowBuf decompress(BufferAllocator allocator, ArrowBuf buffer) {
                return buffer;
            }

            @Override
            public CompressionUtil.CodecType getCodecType() {
                return CompressionUtil.CodecType.LZ4_FRAME;
            }
        };
        CompressionCodec.Factory factory = new CompressionCodec.Factory() {
            @Override
            public CompressionCodec createCodec(CompressionUtil.CodecType type) {
                return labelOnly;
            }

            @Override
            public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
                return labelOnly;
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Batch batch = batch(SCHEMA, rowsOf(SCHEMA, 10), 0);
             VectorSchemaRoot root = new VectorSchemaRoot(batch.columns());
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes), IpcOption.DEFAULT,
                     factory, CompressionUtil.CodecType.LZ4_FRAME)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        Path path = dir.resolve("lz4.ipc");
        Files.write(path, bytes.toByteArray());

        assertFails(() -> new MemorySource(bytes.toByteArray()), ErrorCode.NOT_SUPPORTED)
                .hasMessage("in-memory table: record batches compressed with LZ4_FRAME are not supported; write the data uncompressed");
        IpcSource source = new IpcSource(List.of(path.toString()), files);
        assertFails(() -> readAll(source), ErrorCode.NOT_SUPPORTED).hasMessageStartingWith(path + ": record batches compressed");
    }

    @Test
    void aPathThatMatchesNothingIsFileNotFound() {
        assertFails(() -> new IpcSource(List.of(dir.resolve("missing.arrow").toString()), files), ErrorCode.FILE_NOT_FOUND)
                .hasMessageContaining("missing.arrow");
    }

    @Test
    void bytesThatAreNotAStreamAreAnInvalidPlan() {
        byte[] stream = streamBytes(SCHEMA, 100);
        byte[] noise = new byte[512];
        new Random(3).nextBytes(noise);

        for (byte[] bad : List.of(noise, new byte[0], Arrays.copyOf(stream, stream.length / 2), "ARROW1".getBytes())) {
            assertFails(() -> new MemorySource(bad), ErrorCode.INVALID_PLAN)
                    .hasMessageStartingWith("in-memory table is not a valid Arrow IPC stream: ");
        }
    }

    private String write(String name, Schema schema, int rows) {
        String path = dir.resolve(name).toString();
        try (Batch batch = batch(schema, rowsOf(schema, rows), 0)) {
            IpcFileWriter.write(schema, List.of(batch), path, files);
        }
        return path;
    }

    private byte[] streamBytes(Schema schema, int rows) {
        List<List<Object>> all = rowsOf(schema, rows);
        try (Batch first = batch(schema, all.subList(0, rows / 2), 0);
             Batch second = batch(schema, all.subList(rows / 2, rows), 1)) {
            return IpcWriter.toStreamBytes(schema, List.of(first, second), allocator);
        }
    }

    private static List<List<Object>> rowsOf(Schema schema, int rows) {
        return java.util.stream.LongStream.range(0, rows).mapToObj(n -> row(n, "value " + n)).toList();
    }
}
