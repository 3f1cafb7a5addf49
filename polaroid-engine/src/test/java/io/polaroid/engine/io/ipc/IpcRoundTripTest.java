package io.polaroid.engine.io.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link IpcWriter} writes reads back through {@link IpcSource} and {@link MemorySource} to the same table. */
class IpcRoundTripTest extends IoTestBase {
    private static final Schema SCHEMA = EveryTypeTable.SCHEMA;
    private static final List<List<Object>> ROWS = EveryTypeTable.ROWS;
    private static final Schema SMALL = Schema.of(new Field("n", DataType.INT64, false), Field.of("s", DataType.UTF8));

    @Test
    void aFileKeepsEveryTypeNullsAndNullability() throws Exception {
        String path = writeFile("every.arrow", SCHEMA, ROWS, 2);
        IpcSource source = new IpcSource(List.of(path), files);

        assertThat(source.schema()).isEqualTo(SCHEMA);
        assertThat(readAll(source)).isEqualTo(ROWS);
        assertThat(read(source, SCHEMA.names(), 1)).as("one row per batch: every type sliced").isEqualTo(ROWS);
        List<Morsel> morsels = source.morsels(SCHEMA.names(), List.of());
        assertThat(morsels).extracting(Morsel::rows).containsExactly(2L, 2L);
        assertThat(morsels).extracting(Morsel::describe).containsExactly("ipc " + path + " batch 0", "ipc " + path + " batch 1");
        assertThat(source.statistics()).isEqualTo(new Statistics(4, Files.size(Path.of(path))));
    }

    @Test
    void listsReadBackFromAFileAndFromStreamBytesWholeAndSliced() throws Exception {
        Schema lists = IpcDamageTest.LISTS;
        List<List<Object>> rows = IpcDamageTest.LIST_ROWS;
        IpcSource file = new IpcSource(List.of(writeFile("lists.arrow", lists, rows, 2)), files);
        assertThat(file.schema()).isEqualTo(lists);
        assertThat(readAll(file)).isEqualTo(rows);
        assertThat(read(file, lists.names(), 1)).as("one row per batch: lists sliced").isEqualTo(rows);
        MemorySource memory = new MemorySource(streamBytes(lists, rows, 3));
        assertThat(memory.schema()).isEqualTo(lists);
        assertThat(readAll(memory)).isEqualTo(rows);
    }

    /** Bytes that are not UTF-8, empty values and zero bytes come back as they went, whole and one row per batch. */
    @Test
    void binaryReadsBackWithItsBytesFromAFileAndFromStreamBytes() throws Exception {
        Schema binary = Schema.of(new Field("n", DataType.INT64, false), Field.of("b", DataType.BINARY));
        List<List<Object>> rows = List.of(row(1L, bytes(0xff, 0xfe)), row(2L, bytes()), row(3L, null), row(4L, bytes(0, 'a', 0)));
        IpcSource file = new IpcSource(List.of(writeFile("binary.arrow", binary, rows, 3)), files);
        assertThat(file.schema()).isEqualTo(binary);
        assertThat(readAll(file)).isEqualTo(rows);
        assertThat(read(file, binary.names(), 1)).as("one row per batch: binary sliced").isEqualTo(rows);
        assertThat(readAll(new MemorySource(streamBytes(binary, rows, 2)))).isEqualTo(rows);
    }

    private static io.polaroid.engine.types.Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return io.polaroid.engine.types.Bytes.of(out);
    }

    @Test
    void streamBytesReadBackThroughAMemorySource() {
        MemorySource source = new MemorySource(streamBytes(SCHEMA, ROWS, 2));

        assertThat(source.schema()).isEqualTo(SCHEMA);
        assertThat(readAll(source)).isEqualTo(ROWS);
        assertThat(source.describe()).isEqualTo("in-memory [4 rows]");
        assertThat(source.morsels(List.of("id"), List.of())).extracting(Morsel::rows).containsExactly(2L, 2L);
        assertThat(source.statistics().rows()).isEqualTo(4);
        assertThat(source.statistics().bytes()).isPositive();
    }

    @Test
    void aFileInTheStreamFormatIsOneMorselOfUnknownRows() throws Exception {
        Path path = dir.resolve("stream.ipc");
        Files.write(path, streamBytes(SCHEMA, ROWS, 3));
        IpcSource source = new IpcSource(List.of(path.toString()), files);

        assertThat(source.schema()).isEqualTo(SCHEMA);
        assertThat(readAll(source)).isEqualTo(ROWS);
        assertThat(source.morsels(SCHEMA.names(), List.of())).extracting(Morsel::rows).containsExactly(-1L);
        assertThat(source.statistics()).isEqualTo(new Statistics(-1, Files.size(path)));
    }

    @Test
    void aFolderOfThreeFilesReadsInPathOrderAndSkipsOtherFiles() throws Exception {
        writeFile("parts/c.arrow", SMALL, List.of(row(5L, "e"), row(6L, null)), 1);
        writeFile("parts/a.arrow", SMALL, List.of(row(1L, "a"), row(2L, "b")), 2);
        writeFile("parts/b.feather", SMALL, List.of(row(3L, "c"), row(4L, "d")), 1);
        Files.writeString(dir.resolve("parts/_SUCCESS"), "");
        Files.writeString(dir.resolve("parts/notes.txt"), "not arrow");
        IpcSource source = new IpcSource(List.of(dir.resolve("parts").toString()), files);

        assertThat(readAll(source)).containsExactly(
                row(1L, "a"), row(2L, "b"), row(3L, "c"), row(4L, "d"), row(5L, "e"), row(6L, null));
        assertThat(source.morsels(List.of("n"), List.of())).hasSize(4);
        assertThat(source.statistics().rows()).isEqualTo(6);
        assertThat(new IpcSource(List.of(dir.resolve("parts/*.arrow").toString()), files).statistics().rows()).isEqualTo(4);
    }

    @Test
    void onlyTheRequestedColumnsAreReadInTheOrderAsked() {
        String path = writeFile("every.arrow", SCHEMA, ROWS, 1);
        IpcSource source = new IpcSource(List.of(path), files);
        List<Schema> schemas = new ArrayList<>();

        List<List<Object>> rows = new ArrayList<>();
        forEachBatch(source, List.of("s", "id", "dec30"), 100, batch -> {
            schemas.add(batch.schema());
            rows.addAll(rows(batch));
        });

        assertThat(schemas).containsOnly(SCHEMA.select(List.of("s", "id", "dec30")));
        assertThat(rows).containsExactly(
                row(ROWS.get(0).get(7), 0L, ROWS.get(0).get(15)), row("", 1L, ROWS.get(1).get(15)),
                row(null, 2L, null), row(ROWS.get(3).get(7), 3L, ROWS.get(3).get(15)));
        assertFails(() -> source.morsels(List.of("missing"), List.of()), ErrorCode.COLUMN_NOT_FOUND);
    }

    @Test
    void recordBatchesAreCutToBatchRows() {
        List<List<Object>> ten = new ArrayList<>();
        for (long n = 0; n < 10; n++) {
            ten.add(row(n, n % 3 == 0 ? null : "s" + n));
        }
        String path = writeFile("ten.arrow", SMALL, ten, 1);

        for (var source : List.of(new IpcSource(List.of(path), files), new MemorySource(streamBytes(SMALL, ten, 1)))) {
            List<Integer> sizes = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            forEachBatch(source, List.of("n", "s"), 3, batch -> {
                sizes.add(batch.rowCount());
                seqs.add(batch.seq());
                rows.addAll(rows(batch));
            });

            assertThat(sizes).as(source.describe()).containsExactly(3, 3, 3, 1);
            assertThat(seqs).as(source.describe()).containsExactly(0L, 1L, 2L, 3L);
            assertThat(rows).as(source.describe()).isEqualTo(ten);
        }
    }

    @Test
    void anEmptyTableKeepsItsSchema() {
        String path = writeFile("empty.arrow", SMALL, List.of(), 1);
        IpcSource file = new IpcSource(List.of(path), files);
        MemorySource memory = new MemorySource(IpcWriter.toStreamBytes(SMALL, List.of(), allocator));

        assertThat(file.schema()).isEqualTo(SMALL);
        assertThat(file.morsels(SMALL.names(), List.of())).isEmpty();
        assertThat(file.statistics().rows()).isZero();
        assertThat(memory.schema()).isEqualTo(SMALL);
        assertThat(memory.describe()).isEqualTo("in-memory [0 rows]");
        assertThat(readAll(memory)).isEmpty();
    }

    @Test
    void aNullInANonNullableColumnIsRefusedAndLeavesNoFile() {
        Path path = dir.resolve("bad.arrow");

        assertFails(() -> writeFile("bad.arrow", SMALL, List.of(row(1L, "a"), row(null, "b")), 1), ErrorCode.INVALID_VALUE)
                .hasMessageContaining("'n'");
        assertThat(path).doesNotExist();
    }

    @Test
    void aFileIsReplacedAndItsFolderCreated() {
        String path = writeFile("new/folder/t.arrow", SMALL, List.of(row(1L, "a"), row(2L, "b")), 1);
        writeFile("new/folder/t.arrow", SMALL, List.of(row(3L, "c")), 1);

        assertThat(readAll(new IpcSource(List.of(path), files))).containsExactly(row(3L, "c"));
    }

    /** Writes {@code rows} in {@code parts} batches to {@code name} under the test folder; returns its path. */
    private String writeFile(String name, Schema schema, List<List<Object>> rows, int parts) {
        String path = dir.resolve(name).toString();
        List<Batch> batches = batches(schema, rows, parts);
        try {
            IpcFileWriter.write(schema, batches, path, files);
        } finally {
            Batch.closeAll(batches);
        }
        return path;
    }

    private byte[] streamBytes(Schema schema, List<List<Object>> rows, int parts) {
        List<Batch> batches = batches(schema, rows, parts);
        try {
            return IpcWriter.toStreamBytes(schema, batches, allocator);
        } finally {
            Batch.closeAll(batches);
        }
    }

    private List<Batch> batches(Schema schema, List<List<Object>> rows, int parts) {
        List<Batch> batches = new ArrayList<>();
        int size = Math.max(1, (rows.size() + parts - 1) / parts);
        for (int from = 0; from < rows.size(); from += size) {
            batches.add(batch(schema, rows.subList(from, Math.min(rows.size(), from + size)), batches.size()));
        }
        return batches;
    }
}
