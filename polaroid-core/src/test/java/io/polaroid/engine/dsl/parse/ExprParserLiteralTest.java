package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.TimeUnit;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Literals must carry the value representation and type the codec and the Java API use. */
class ExprParserLiteralTest {

    private static void parses(String text, Object value, DataType type, boolean dynamic) {
        assertThat(ExprParser.parse(text)).as(text).isEqualTo(new Expr.Literal(value, type, dynamic));
    }

    @Test
    void integersAreDynamicAndInt32WhenTheyFit() {
        parses("1", 1L, DataType.INT32, true);
        parses("2147483647", 2147483647L, DataType.INT32, true);
        parses("2147483648", 2147483648L, DataType.INT64, true);
        parses("-2147483648", -2147483648L, DataType.INT32, true);
        parses("-2147483649", -2147483649L, DataType.INT64, true);
        parses("9223372036854775807", Long.MAX_VALUE, DataType.INT64, true);
        parses("-9223372036854775808", Long.MIN_VALUE, DataType.INT64, true);
        parses("-(2147483648)", -2147483648L, DataType.INT32, true);
    }

    @Test
    void floatsAreDynamicFloat64() {
        parses("1.5", 1.5, DataType.FLOAT64, true);
        parses("1e3", 1000.0, DataType.FLOAT64, true);
        parses(".5", 0.5, DataType.FLOAT64, true);
        parses("2.5E-3", 0.0025, DataType.FLOAT64, true);
        parses("1.", 1.0, DataType.FLOAT64, true);
        parses("-1e+2", -100.0, DataType.FLOAT64, true);
    }

    @Test
    void stringsUseSqlQuotes() {
        parses("'AAPL'", "AAPL", DataType.UTF8, false);
        parses("'it''s'", "it's", DataType.UTF8, false);
        parses("''", "", DataType.UTF8, false);
        parses("'a \"b\" -- c'", "a \"b\" -- c", DataType.UTF8, false);
    }

    @Test
    void booleansAndNull() {
        parses("true", true, DataType.BOOL, false);
        parses("FALSE", false, DataType.BOOL, false);
        parses("Null", null, DataType.NULL, false);
    }

    @Test
    void datesAreEpochDays() {
        parses("date '1970-01-02'", 1, DataType.DATE32, false);
        parses("DATE '2024-02-29'", (int) LocalDate.of(2024, 2, 29).toEpochDay(), DataType.DATE32, false);
        parses("date '1969-12-31'", -1, DataType.DATE32, false);
    }

    @Test
    void timestampsAreMicrosecondsWithoutZone() {
        DataType micros = DataType.timestamp(TimeUnit.MICROSECOND, null);
        parses("timestamp '1970-01-01 00:00:01.5'", 1_500_000L, micros, false);
        long expected = LocalDateTime.of(2024, 1, 2, 3, 4, 5).toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 123_456L;
        parses("TIMESTAMP '2024-01-02 03:04:05.123456'", expected, micros, false);
    }

    @Test
    void intervalsWithTheUnitAfterTheString() {
        parses("interval '3' month", new Interval(3, 0, 0), DataType.INTERVAL, false);
        parses("interval '90' day", new Interval(0, 90, 0), DataType.INTERVAL, false);
        parses("interval '1' year", new Interval(12, 0, 0), DataType.INTERVAL, false);
        parses("INTERVAL '2' WEEKS", new Interval(0, 14, 0), DataType.INTERVAL, false);
        parses("interval '-3' days", new Interval(0, -3, 0), DataType.INTERVAL, false);
        parses("interval '90' minute", new Interval(0, 0, 5_400_000_000_000L), DataType.INTERVAL, false);
        parses("interval '2' hours", new Interval(0, 0, 7_200_000_000_000L), DataType.INTERVAL, false);
        parses("interval '10' second", new Interval(0, 0, 10_000_000_000L), DataType.INTERVAL, false);
    }

    @Test
    void intervalsWithUnitsInsideTheString() {
        parses("interval '2 days'", new Interval(0, 2, 0), DataType.INTERVAL, false);
        parses("interval '1 year 2 months 3 days 4 seconds'", new Interval(14, 3, 4_000_000_000L),
                DataType.INTERVAL, false);
        parses("interval ' 1 Hour '", new Interval(0, 0, 3_600_000_000_000L), DataType.INTERVAL, false);
    }

    @Test
    void aNameBeforeAStringIsATypedLiteralOnlyForDateTimestampAndInterval() {
        assertThat(ExprParser.parse("interval")).isEqualTo(new Expr.Column("interval"));
        assertThat(ExprParser.parse("timestamp + 1")).isEqualTo(
                Expr.call("add", new Expr.Column("timestamp"), new Expr.Literal(1L, DataType.INT32, true)));
    }
}
