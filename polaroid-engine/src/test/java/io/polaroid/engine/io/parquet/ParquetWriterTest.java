package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.io.EveryTypeTable;
import io.polaroid.engine.io.IoTestBase;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.vector.Batch;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;

/** Files written by {@link ParquetWriter}, read back by DuckDB: the oracle for values and types. */
class ParquetWriterTest extends IoTestBase {
    /** Parquet has no nanosecond interval. */
    private static final Schema SCHEMA = EveryTypeTable.schemaWithout("iv");
    private static final List<List<Object>> ROWS = EveryTypeTable.rowsWithout("iv");

    @Test
    void duckDbReadsEveryTypeWithTheSameValuesAndTypes() throws Exception {
        String path = write(SCHEMA, ROWS, ParquetWriteOptions.DEFAULT, 2);

        assertThat(DuckDb.columnTypes(path)).containsExactly(
                "b BOOLEAN", "i8 TINYINT", "i16 SMALLINT", "i32 INTEGER", "i64 BIGINT", "f32 FLOAT", "f64 DOUBLE",
                "s VARCHAR", "d DATE", "ms TIMESTAMP", "us TIMESTAMP", "ns TIMESTAMP_NS", "utc TIMESTAMP WITH TIME ZONE",
                "dec5 DECIMAL(5,2)", "dec15 DECIMAL(15,2)", "dec30 DECIMAL(30,10)", "nothing \"NULL\"", "id BIGINT");
        assertThat(duckDbRows(path, SCHEMA)).isEqualTo(ROWS);
    }

    @Test
    void theFooterHoldsTheParquetSchemaAndTheArrowSchemaAndReadsBackToTheSameSchema() throws Exception {
        String path = write(SCHEMA, ROWS, ParquetWriteOptions.DEFAULT, 1);

        ParquetMetadata footer = footer(path);
        assertThat(ParquetSchemas.toPolaroid(footer.getFileMetaData().getSchema())).isEqualTo(SCHEMA);
        assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsKey("ARROW:schema");
        assertThat(footer.getFileMetaData().getSchema().getType("id").getRepetition().name()).isEqualTo("REQUIRED");
        assertThat(footer.getFileMetaData().getSchema().getType("s").getRepetition().name()).isEqualTo("OPTIONAL");
    }

    @Test
    void secondsAreWrittenAsMillisecondsAndAZoneAsUtc() throws Exception {
        Schema schema = Schema.of(Field.of("s", DataType.timestamp(TimeUnit.SECOND, null)),
                Field.of("paris", DataType.timestamp(TimeUnit.MICROSECOND, "Europe/Paris")));
        String path = write(schema, List.of(row(1_700_000_000L, 5L), row(-1L, null)), ParquetWriteOptions.DEFAULT, 1);

        assertThat(DuckDb.columnTypes(path)).containsExactly("s TIMESTAMP", "paris TIMESTAMP WITH TIME ZONE");
        assertThat(DuckDb.query("SELECT epoch_ms(s), epoch_us(paris) FROM " + DuckDb.scan(path)))
                .containsExactly(List.of(1_700_000_000_000L, 5L), row(-1_000L, null));
        assertThat(ParquetSchemas.toPolaroid(footer(path).getFileMetaData().getSchema())).isEqualTo(Schema.of(
                Field.of("s", EveryTypeTable.MILLIS), Field.of("paris", EveryTypeTable.MICROS_UTC)));
    }

    @Test
    void aZoneAndADurationReadBackFromTheArrowSchemaBesideTheParquetSchema() {
        Schema schema = Schema.of(Field.of("paris", DataType.timestamp(TimeUnit.MICROSECOND, "Europe/Paris")),
                Field.of("wait", DataType.duration(TimeUnit.MILLISECOND)), Field.of("s", DataType.timestamp(TimeUnit.SECOND, "UTC")));
        String path = write(schema, List.of(row(5L, -3L, 7L), row(null, null, null)), ParquetWriteOptions.DEFAULT, 1);

        assertThat(new ParquetSource(List.of(path), files).schema()).isEqualTo(Schema.of(Field.of("paris",
                DataType.timestamp(TimeUnit.MICROSECOND, "Europe/Paris")), Field.of("wait", DataType.duration(TimeUnit.MILLISECOND)),
                Field.of("s", DataType.timestamp(TimeUnit.MILLISECOND, "UTC"))));
    }

    @Test
    void rowGroupsAreCutByRowGroupBytes() throws Exception {
        Schema schema = Schema.of(new Field("id", DataType.INT64, false), Field.of("s", DataType.UTF8), Field.of("x", DataType.FLOAT64));
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 0; id < 200_000; id++) {
            rows.add(row(id, "row-" + id % 1_000, id % 7 == 0 ? null : id * 0.5));
        }
        String small = write(schema, rows, ParquetWriteOptions.DEFAULT.withRowGroupBytes(256 << 10), 20);
        String large = dir.resolve("large.parquet").toString();
        writeTo(large, schema, rows, ParquetWriteOptions.DEFAULT, 20);

        ParquetMetadata footer = footer(small);
        assertThat(footer.getBlocks()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum()).isEqualTo(200_000);
        assertThat(footer(large).getBlocks()).hasSize(1);
        assertThat(DuckDb.query("SELECT count(*), sum(id)::BIGINT, count(x), count(DISTINCT s) FROM " + DuckDb.scan(small)))
                .containsExactly(List.of(200_000L, 19_999_900_000L, 171_428L, 1_000L));
    }

    @Test
    void compressionAndDictionaryShowInTheColumnChunks() throws Exception {
        Schema schema = Schema.of(Field.of("s", DataType.UTF8), Field.of("n", DataType.INT64));
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            rows.add(row("value " + i % 10, i % 10));
        }
        for (var codec : List.of(CompressionCodecName.ZSTD, CompressionCodecName.GZIP, CompressionCodecName.SNAPPY,
                CompressionCodecName.LZ4_RAW, CompressionCodecName.UNCOMPRESSED)) {
            for (boolean dictionary : List.of(true, false)) {
                String path = dir.resolve(codec + "-" + dictionary + ".parquet").toString();
                writeTo(path, schema, rows, ParquetWriteOptions.DEFAULT.withCompression(codec).withDictionary(dictionary), 1);

                var chunks = footer(path).getBlocks().get(0).getColumns();
                assertThat(chunks).as(codec + " dictionary " + dictionary).allSatisfy(chunk -> {
                    assertThat(chunk.getCodec()).isEqualTo(codec);
                    assertThat(chunk.hasDictionaryPage()).isEqualTo(dictionary);
                });
                assertThat(DuckDb.query("SELECT count(*), sum(n)::BIGINT, min(s) FROM " + DuckDb.scan(path)))
                        .containsExactly(List.of(5_000L, 22_500L, "value 0"));
            }
        }
    }

    @Test
    void aNullInARequiredColumnFailsNamingTheColumnAndLeavesNoFile() {
        Schema schema = Schema.of(Field.of("a", DataType.INT64), new Field("key", DataType.UTF8, false));
        String path = dir.resolve("required.parquet").toString();

        assertFails(() -> writeTo(path, schema, List.of(row(1L, "x"), row(2L, null)), ParquetWriteOptions.DEFAULT, 1),
                ErrorCode.INVALID_VALUE).hasMessageContaining("'key'").hasMessageContaining("not nullable");
        assertThat(Path.of(path)).doesNotExist();
    }

    @Test
    void intervalsAreNotSupportedAndNameTheColumn() {
        Schema schema = Schema.of(Field.of("wait", DataType.INTERVAL));
        String path = dir.resolve("interval.parquet").toString();

        assertFails(() -> ParquetWriter.write(schema, List.of(), path, files), ErrorCode.NOT_SUPPORTED)
                .hasMessageContaining("'wait'");
        assertThat(Path.of(path)).doesNotExist();
    }

    @Test
    void aCodecThatIsNotOnTheClassPathIsNotSupported() {
        String path = dir.resolve("lzo.parquet").toString();

        assertFails(() -> ParquetWriter.write(SCHEMA, List.of(), path, files,
                ParquetWriteOptions.DEFAULT.withCompression(CompressionCodecName.LZO)), ErrorCode.NOT_SUPPORTED)
                .hasMessageContaining("LZO").hasMessageContaining("ZSTD");
        assertThat(Path.of(path)).doesNotExist();
    }

    @Test
    void createsFoldersReplacesAFileAndWritesAnEmptyTable() throws Exception {
        Schema schema = Schema.of(Field.of("n", DataType.INT32), Field.of("s", DataType.UTF8));
        String path = dir.resolve("new/folder/out.parquet").toString();
        writeTo(path, schema, List.of(row(1L, "a"), row(2L, "b")), ParquetWriteOptions.DEFAULT, 1);
        assertThat(DuckDb.query("SELECT count(*) FROM " + DuckDb.scan(path))).containsExactly(List.of(2L));

        ParquetWriter.write(schema, List.of(), path, files);

        assertThat(DuckDb.query("SELECT count(*) FROM " + DuckDb.scan(path))).containsExactly(List.of(0L));
        assertThat(DuckDb.columnTypes(path)).containsExactly("n INTEGER", "s VARCHAR");
        assertThat(Files.list(Path.of(path).getParent())).hasSize(1);
    }

    @Test
    void listsAreWrittenAsStandardParquetListsThatDuckDbReadsBack() throws Exception {
        Schema schema = new Schema(List.of(new Field("id", DataType.INT64, false), Field.of("l", DataType.list(DataType.INT64)),
                Field.of("s", DataType.list(DataType.UTF8)), Field.of("ll", DataType.list(DataType.list(DataType.FLOAT64)))));
        java.util.function.Function<Object[], List<Object>> list = values -> java.util.Arrays.asList(values);
        List<List<Object>> rows = List.of(
                java.util.Arrays.asList(1L, list.apply(new Object[] {1L, null, 3L}), list.apply(new Object[] {"a", null}),
                        List.of(list.apply(new Object[] {1.5, null}), List.of())),
                java.util.Arrays.asList(2L, List.of(), List.of(), List.of()),
                java.util.Arrays.asList(3L, null, null, null),
                java.util.Arrays.asList(4L, List.of(5L), List.of(""), java.util.Arrays.asList((Object) null)));
        String path = write(schema, rows, ParquetWriteOptions.DEFAULT, 2);

        assertThat(DuckDb.columnTypes(path)).containsExactly("id BIGINT", "l BIGINT[]", "s VARCHAR[]", "ll DOUBLE[][]");
        List<List<Object>> read = new ArrayList<>();
        for (List<Object> row : DuckDb.query("SELECT id, l, s, ll FROM " + DuckDb.scan(path) + " ORDER BY id")) {
            read.add(row.stream().map(ParquetWriterTest::javaList).collect(Collectors.toList()));
        }
        assertThat(read).isEqualTo(rows);
        assertThat(footer(path).getFileMetaData().getSchema().getType("l").toString())
                .contains("optional group l (LIST)", "repeated group list", "optional int64 element");
    }

    /** A DuckDB list (a JDBC array) as a Java list of its values, nested lists too. */
    private static Object javaList(Object value) {
        if (!(value instanceof java.sql.Array a)) {
            return value;
        }
        try {
            List<Object> out = new ArrayList<>();
            for (Object v : (Object[]) a.getArray()) {
                out.add(javaList(v));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code rows} in {@code parts} batches to a new file under the test folder. */
    private String write(Schema schema, List<List<Object>> rows, ParquetWriteOptions options, int parts) {
        String path = dir.resolve("t" + System.nanoTime() + ".parquet").toString();
        writeTo(path, schema, rows, options, parts);
        return path;
    }

    private void writeTo(String path, Schema schema, List<List<Object>> rows, ParquetWriteOptions options, int parts) {
        List<Batch> batches = new ArrayList<>();
        try {
            int size = (rows.size() + parts - 1) / parts;
            for (int from = 0; from < rows.size(); from += size) {
                batches.add(batch(schema, rows.subList(from, Math.min(rows.size(), from + size)), batches.size()));
            }
            ParquetWriter.write(schema, batches, path, files, options);
        } finally {
            Batch.closeAll(batches);
        }
    }

    private ParquetMetadata footer(String path) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), files.conf()))) {
            return reader.getFooter();
        }
    }

    /** The file's rows through DuckDB, in id order, as engine values: days and epoch numbers computed by DuckDB. */
    private static List<List<Object>> duckDbRows(String path, Schema schema) throws SQLException {
        String select = schema.fields().stream().map(ParquetWriterTest::engineValueSql).collect(Collectors.joining(", "));
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : DuckDb.query("SELECT " + select + " FROM " + DuckDb.scan(path) + " ORDER BY id")) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < schema.size(); c++) {
                values.add(engineValue(row.get(c), schema.field(c).type()));
            }
            out.add(values);
        }
        return out;
    }

    private static String engineValueSql(Field field) {
        String column = '"' + field.name() + '"';
        return switch (field.type().kind()) {
            case DATE32 -> column + " - DATE '1970-01-01'";
            case TIMESTAMP -> switch (field.type().unit()) {
                case SECOND -> "epoch(" + column + ")";
                case MILLISECOND -> "epoch_ms(" + column + ")";
                case MICROSECOND -> "epoch_us(" + column + ")";
                case NANOSECOND -> "epoch_ns(" + column + ")";
            };
            default -> column;
        };
    }

    private static Object engineValue(Object duck, DataType type) {
        if (duck == null || type.kind() == io.polaroid.engine.types.TypeKind.NULL) {
            return null;
        }
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, TIMESTAMP -> ((Number) duck).longValue();
            case DATE32 -> ((Number) duck).intValue();
            case FLOAT32 -> (double) ((Number) duck).floatValue();
            default -> duck;
        };
    }
}
