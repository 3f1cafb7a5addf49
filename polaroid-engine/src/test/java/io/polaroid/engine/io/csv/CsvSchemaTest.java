package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema a CSV source offers: names, inferred types, overrides, and what it says of itself. */
class CsvSchemaTest extends CsvTestBase {

    @Test
    void infersTheNarrowestTypeThatEveryValueParsesAs() throws Exception {
        String path = file("types.csv", """
                b,i,f,mixed,d,s,not_a_date,int_and_date,nothing
                true,1,1.5,1,2024-01-31,x,2024-02-30,1,
                FALSE,-22,2,2.5,2024-02-29,y,2024-02-28,2024-01-01,
                ,9223372036854775807,-1e3,,,z,,,
                """);
        assertThat(source(path, CsvOptions.DEFAULT).schema().field("d").type())
                .as("dates stay text unless asked for, as in Polars").isEqualTo(DataType.UTF8);
        CsvSource source = source(path, CsvOptions.DEFAULT.withTryParseDates(true));

        assertThat(source.schema()).isEqualTo(Schema.of(
                Field.of("b", DataType.BOOL), Field.of("i", DataType.INT64), Field.of("f", DataType.FLOAT64),
                Field.of("mixed", DataType.FLOAT64), Field.of("d", DataType.DATE32), Field.of("s", DataType.UTF8),
                Field.of("not_a_date", DataType.UTF8), Field.of("int_and_date", DataType.UTF8),
                Field.of("nothing", DataType.UTF8)));
        assertThat(readAll(source)).containsExactly(
                row(true, 1L, 1.5, 1.0, day("2024-01-31"), "x", "2024-02-30", "1", null),
                row(false, -22L, 2.0, 2.5, day("2024-02-29"), "y", "2024-02-28", "2024-01-01", null),
                row(null, Long.MAX_VALUE, -1000.0, null, null, "z", null, null, null));
    }

    @Test
    void aNumberTooLargeForI64IsAFloat() throws Exception {
        String path = file("big.csv", "n\n1\n99999999999999999999\n");

        assertThat(source(path, CsvOptions.DEFAULT).schema().field("n").type()).isEqualTo(DataType.FLOAT64);
    }

    @Test
    void withoutAHeaderColumnsAreNumberedAndTheFirstLineIsData() throws Exception {
        String path = file("plain.csv", "1,a\n2,b\n");
        CsvSource source = source(path, CsvOptions.DEFAULT.withHasHeader(false));

        assertThat(source.schema().names()).containsExactly("column_1", "column_2");
        assertThat(readAll(source)).containsExactly(row(1L, "a"), row(2L, "b"));
    }

    @Test
    void anEmptyHeaderNameIsNumberedAndADuplicateOneIsAnError() throws Exception {
        assertThat(source(file("empty.csv", "a,,c\n1,2,3\n"), CsvOptions.DEFAULT).schema().names())
                .containsExactly("a", "column_2", "c");
        assertFails(() -> source(file("dup.csv", "a,b,a\n1,2,3\n"), CsvOptions.DEFAULT), ErrorCode.DUPLICATE_COLUMN)
                .hasMessageContaining("'a'");
    }

    @Test
    void inferenceLooksOnlyAtTheFirstRowsAsAsked() throws Exception {
        String path = file("late.csv", "n\n1\n2\n2.5\n");

        assertThat(source(path, CsvOptions.DEFAULT.withInferSchemaLength(0)).schema().types()).containsExactly(DataType.UTF8);
        CsvSource twoRows = source(path, CsvOptions.DEFAULT.withInferSchemaLength(2));
        assertThat(twoRows.schema().types()).containsExactly(DataType.INT64);
        assertFails(() -> readAll(twoRows), ErrorCode.INVALID_DATA)
                .hasMessage(path + ":4: column 'n': cannot parse '2.5' as i64");
    }

    @Test
    void overridesSetTheTypeOfNamedColumns() throws Exception {
        String path = file("prices.csv", """
                id,price,at
                7,1.005,2024-01-02 03:04:05.123456
                -8,12.3,2024-01-02
                """);
        DataType money = DataType.decimal(10, 2);
        DataType micros = DataType.timestamp(TimeUnit.MICROSECOND, null);
        CsvSource source = source(path, CsvOptions.DEFAULT.withSchemaOverrides(List.of(
                Field.of("id", DataType.INT32), Field.of("price", money), Field.of("at", micros))));

        assertThat(source.schema()).isEqualTo(Schema.of(
                Field.of("id", DataType.INT32), Field.of("price", money), Field.of("at", micros)));
        long jan2 = day("2024-01-02") * 86_400_000_000L;
        assertThat(readAll(source)).containsExactly(
                row(7L, new BigDecimal("1.00"), jan2 + 11_045_123_456L), // 1.005 halves to even, as Polars reads it
                row(-8L, new BigDecimal("12.30"), jan2));
    }

    @Test
    void anOverrideOfAMissingColumnNamesItAndTheColumnsThatExist() throws Exception {
        String path = file("ab.csv", "a,b\n1,2\n");
        CsvOptions options = CsvOptions.DEFAULT.withSchemaOverrides(List.of(Field.of("nope", DataType.INT32)));

        assertFails(() -> source(path, options), ErrorCode.COLUMN_NOT_FOUND)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void describesItsPathsAndEstimatesRowsFromTheSample() throws Exception {
        String path = file("ten.csv", "a,b\n" + "10,20\n".repeat(10));
        CsvSource source = source(path, CsvOptions.DEFAULT.withInferSchemaLength(4));

        assertThat(source.describe()).isEqualTo("csv [" + path + "]");
        assertThat(source.statistics()).isEqualTo(new Statistics(10, Files.size(Path.of(path))));
        assertThat(source.morsels(List.of("a"), List.of())).hasSize(1)
                .allSatisfy(m -> assertThat(m.rows()).isEqualTo(-1));
    }

    @Test
    void aPathThatMatchesNoFileIsNamedInTheError() {
        String path = dir.resolve("missing.csv").toString();

        assertFails(() -> source(path, CsvOptions.DEFAULT), ErrorCode.FILE_NOT_FOUND)
                .hasMessageContaining(path);
    }

    @Test
    void anEmptyFileHasNoColumnsToOffer() throws Exception {
        String path = file("empty.csv", "");

        assertFails(() -> source(path, CsvOptions.DEFAULT), ErrorCode.INVALID_DATA)
                .hasMessageContaining(path);
    }

    @Test
    void aDelimiterEqualToTheQuoteIsRejected() throws Exception {
        String path = file("x.csv", "a\n1\n");

        assertFails(() -> source(path, CsvOptions.DEFAULT.withDelimiter('"')), ErrorCode.INVALID_PLAN);
    }
}
