package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Malformed CSV: every error names the file, the line and the column; ignoreErrors drops whole rows. */
class CsvErrorTest extends CsvTestBase {
    private static final String PRICES = """
            id,price,name
            1,1.5,a
            2,abc,b
            3,2.5,c,extra
            4,3.5
            5,4.5,e
            """;

    @Test
    void aValueThatDoesNotParseNamesFileLineAndColumn() throws Exception {
        String path = file("prices.csv", PRICES);
        CsvSource source = source(path, CsvOptions.DEFAULT.withSchemaOverrides(List.of(Field.of("price", DataType.FLOAT64))));

        assertInvalidData(() -> readAll(source), path + ":3: column 'price': cannot parse 'abc' as f64");
    }

    @Test
    void rowsWithTooManyOrTooFewFieldsNameTheLine() throws Exception {
        String extra = file("extra.csv", "a,b\n1,2\n3,4,5\n");
        String missing = file("missing.csv", "a,b\n1,2\n3\n");

        assertInvalidData(() -> readAll(source(extra, CsvOptions.DEFAULT)),
                extra + ":3: column 3: unexpected: the row has 3 fields, not 2 [a, b]");
        assertInvalidData(() -> readAll(source(missing, CsvOptions.DEFAULT)),
                missing + ":3: column 'b': missing: the row has 1 of the 2 fields [a, b]");
    }

    @Test
    void ignoreErrorsSkipsEveryMalformedRowWhole() throws Exception {
        String path = file("prices.csv", PRICES);
        CsvOptions options = CsvOptions.DEFAULT.withIgnoreErrors(true)
                .withSchemaOverrides(List.of(Field.of("price", DataType.FLOAT64)));

        assertThat(readAll(source(path, options))).containsExactly(row(1L, 1.5, "a"), row(5L, 4.5, "e"));
        // The row with 'abc' goes although its id parsed before its price failed.
        assertThat(read(source(path, options), List.of("id", "price"), 1))
                .containsExactly(row(1L, 1.5), row(5L, 4.5));
    }

    @Test
    void aValueOutOfRangeOfItsIntegerTypeIsAnError() throws Exception {
        String path = file("small.csv", "n\n127\n128\n");
        CsvSource source = source(path, CsvOptions.DEFAULT.withSchemaOverrides(List.of(Field.of("n", DataType.INT8))));

        assertInvalidData(() -> readAll(source), path + ":3: column 'n': cannot parse '128' as i8");
    }

    @Test
    void aDecimalWithTooManyDigitsIsAnError() throws Exception {
        String path = file("dec.csv", "d\n999.994\n999.995\n");
        CsvSource source = source(path, CsvOptions.DEFAULT.withSchemaOverrides(List.of(Field.of("d", DataType.decimal(5, 2)))));

        assertInvalidData(() -> readAll(source), path + ":3: column 'd': cannot parse '999.995' as decimal[5,2]");
    }

    @Test
    void anUnterminatedQuoteNamesWhereTheFieldStarts() throws Exception {
        String path = file("open.csv", "a,b\n1,x\n2,\"never\nclosed\n3,y\n");

        assertInvalidData(() -> readAll(source(path, CsvOptions.DEFAULT)),
                path + ":3: column 'b': unterminated quote: the field runs to the end of the file");
        assertThat(readAll(source(path, CsvOptions.DEFAULT.withIgnoreErrors(true)))).containsExactly(row(1L, "x"));
    }

    @Test
    void anErrorInALaterBatchFreesThatBatch() throws Exception {
        String path = file("late.csv", "n\n1\n2\n3\n4\nfive\n");
        CsvSource source = source(path, CsvOptions.DEFAULT.withInferSchemaLength(2));
        List<Integer> sizes = new ArrayList<>();

        assertInvalidData(() -> forEachBatch(source, List.of("n"), 2, batch -> sizes.add(batch.rowCount())),
                path + ":6: column 'n': cannot parse 'five' as i64");
        assertThat(sizes).containsExactly(2, 2);
    }

    private static void assertInvalidData(ThrowingCallable read, String message) {
        assertFails(read, ErrorCode.INVALID_DATA).hasMessage(message);
    }
}
