package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.vector.Batch;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing batches as CSV, checked by reading the file back with the same options. */
class CsvWriterTest extends CsvTestBase {
    private static final DataType MONEY = DataType.decimal(10, 2);
    private static final DataType MICROS = DataType.timestamp(TimeUnit.MICROSECOND, null);
    private static final DataType PARIS = DataType.timestamp(TimeUnit.MICROSECOND, "Europe/Paris");
    private static final Schema SCHEMA = Schema.of(
            Field.of("b", DataType.BOOL), Field.of("i", DataType.INT64), Field.of("small", DataType.INT32),
            Field.of("f", DataType.FLOAT64), Field.of("s", DataType.UTF8), Field.of("d", DataType.DATE32),
            Field.of("t", MICROS), Field.of("m", MONEY), Field.of("z", PARIS));
    private static final long T1 = day("2024-01-02") * 86_400_000_000L + 11_045_123_456L;

    private static final List<List<Object>> ROWS = List.of(
            row(true, 1L, 7L, 1.0, "plain", day("2024-01-31"), T1, new BigDecimal("12.30"), T1),
            row(false, -2L, -8L, 0.1, "a,b \"q\"\nline", day("1970-01-01"), 0L, new BigDecimal("-0.05"), 0L),
            row(null, null, null, null, null, null, null, null, null),
            row(true, Long.MAX_VALUE, 0L, -2.5e-7, "", day("2000-02-29"), 1_000L, new BigDecimal("99999999.99"), -1L),
            row(false, 0L, 1L, 1e20, "NA", day("1900-12-31"), -86_400_000_000L, new BigDecimal("0.00"), 1L));

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        CsvOptions options = CsvOptions.DEFAULT.withNullValues(List.of("NA")).withTryParseDates(true);
        String path = dir.resolve("out.csv").toString();
        List<Batch> batches = List.of(batch(ROWS.subList(0, 2), 0), batch(ROWS.subList(2, 5), 1));
        try {
            CsvWriter.write(SCHEMA, batches, path, options, files);

            // The caller still owns the batches: they are open and readable.
            assertThat(rows(batches.get(1))).isEqualTo(ROWS.subList(2, 5));
        } finally {
            Batch.closeAll(new ArrayList<>(batches));
        }
        List<String> lines = Files.readAllLines(Path.of(path));
        assertThat(lines.subList(0, 5)).containsExactly(
                "b,i,small,f,s,d,t,m,z",
                "true,1,7,1.0,plain,2024-01-31,2024-01-02 03:04:05.123456,12.30,2024-01-02 04:04:05.123456+01:00",
                "false,-2,-8,0.1,\"a,b \"\"q\"\"",
                "line\",1970-01-01,1970-01-01 00:00:00,-0.05,1970-01-01 01:00:00+01:00",
                ",,,,,,,,");
        assertThat(lines.get(5)).contains(",-2.5E-7,\"\",").endsWith(",99999999.99,1970-01-01 00:59:59.999999+01:00");
        assertThat(lines.get(6)).contains(",1.0E20,\"NA\",");

        CsvSource source = source(path, options.withSchemaOverrides(List.of(
                Field.of("small", DataType.INT32), Field.of("t", MICROS), Field.of("m", MONEY), Field.of("z", PARIS))));
        assertThat(source.schema()).isEqualTo(SCHEMA);
        assertThat(readAll(source)).isEqualTo(ROWS);
    }

    @Test
    void createsFoldersReplacesAFileAndUsesTheDelimiterWithoutHeader() throws Exception {
        String path = dir.resolve("new/folder/out.tsv").toString();
        CsvOptions options = CsvOptions.DEFAULT.withDelimiter('\t').withHasHeader(false);
        Schema schema = Schema.of(Field.of("n", DataType.INT64), Field.of("s", DataType.UTF8));
        try (Batch first = batch(schema, List.of(row(1L, "a\tb"), row(2L, "c")), 0)) {
            CsvWriter.write(schema, List.of(first), path, options, files);
        }
        try (Batch second = batch(schema, List.of(row(3L, "d,e")), 0)) {
            CsvWriter.write(schema, List.of(second), path, options, files);
        }

        assertThat(Files.readString(Path.of(path))).isEqualTo("3\td,e\n");
        assertThat(readAll(source(path, options))).containsExactly(row(3L, "d,e"));
    }

    /** As Polars ("datatype binary cannot be written to CSV"): bytes have no CSV text, and no file is made. */
    @Test
    void aBinaryColumnIsRefusedBeforeAFileIsMade() throws Exception {
        String path = dir.resolve("binary.csv").toString();
        Schema schema = Schema.of(Field.of("n", DataType.INT64), Field.of("raw", DataType.BINARY));
        try (Batch batch = batch(schema, List.of(row(1L, io.polaroid.engine.types.Bytes.of(new byte[] {(byte) 0xff}))), 0)) {
            assertFails(() -> CsvWriter.write(schema, List.of(batch), path, CsvOptions.DEFAULT, files),
                    io.polaroid.engine.error.ErrorCode.NOT_SUPPORTED).hasMessageContaining("binary column");
        }
        assertThat(Path.of(path)).doesNotExist();
    }

    private Batch batch(List<List<Object>> rows, long seq) {
        return batch(SCHEMA, rows, seq);
    }
}
