package io.polaroid.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level parsers against the JDK's own, which are the oracle for what a number means. */
class CsvValueParserTest {
    private final CsvValueParser parser = new CsvValueParser();

    @Test
    void doublesMatchDoubleParseDouble() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> (random.nextLong() % 100_000_000_000L) / 1000.0 + "";
                default -> random.nextInt(1_000_000) + "." + "0".repeat(random.nextInt(3)) + random.nextInt(1000)
                        + "e" + (random.nextInt(60) - 30);
            };
            if (text.contains("N") || text.contains("I")) {
                continue;
            }
            assertThat(parseDouble(text)).as(text).isTrue();
            assertThat(Double.compare(parser.doubleValue, Double.parseDouble(text))).as(text).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.0", "+1.5", ".5", "5.", "1e5", "1E-5", "0.000000000000000000000000001",
        "123456789012345678901234567890", "nan", "NaN", "inf", "-Infinity", "2.2250738585072014E-308", "1.7976931348623157e308", "1e400"})
    void acceptsNumberForms(String text) {
        assertThat(parseDouble(text)).isTrue();
        double expected = switch (text.toLowerCase()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
        assertThat(Double.compare(parser.doubleValue, expected)).as(text).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x10", "1d", "1f", "na", "infinite",
        "--1", "1e5.5"})
    void rejectsWhatIsNotANumber(String text) {
        assertThat(parseDouble(text)).isFalse();
    }

    @Test
    void longsCoverTheWholeRangeAndNoMore() {
        assertThat(parseLong("9223372036854775807")).isTrue();
        assertThat(parser.longValue).isEqualTo(Long.MAX_VALUE);
        assertThat(parseLong("-9223372036854775808")).isTrue();
        assertThat(parser.longValue).isEqualTo(Long.MIN_VALUE);
        assertThat(parseLong("+42")).isTrue();
        assertThat(parser.longValue).isEqualTo(42);
        String[] bad = {"9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "-", "+", "1.0", "1e3", " 1"};
        for (String text : bad) {
            assertThat(parseLong(text)).as(text).isFalse();
        }
    }

    @Test
    void datesAreExactlyIsoCalendarDays() {
        for (String ok : List.of("2024-02-29", "1970-01-01", "0001-01-01", "9999-12-31", "1900-02-28")) {
            byte[] b = ok.getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parseDate(b, 0, b.length)).as(ok).isTrue();
            assertThat(parser.dateValue).isEqualTo(LocalDate.parse(ok).toEpochDay());
        }
        for (String bad : List.of("2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/01/01", "2024-01-01 ",
                "20240101")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parseDate(b, 0, b.length)).as(bad).isFalse();
        }
    }

    @Test
    void plainDecimalsAreScaledAndTheRestLeftToBigDecimal() {
        assertThat(parsePlainDecimal("-12.3", 2)).isTrue();
        assertThat(parser.longValue).isEqualTo(-1230);
        assertThat(parsePlainDecimal("7", 3)).isTrue();
        assertThat(parser.longValue).isEqualTo(7000);
        for (String other : List.of("1.005", "1e3", "1234567890123456789", "12345678901234567.8", "", "-", "1.2.3", "abc")) {
            assertThat(parsePlainDecimal(other, 2)).as(other).isFalse();
        }
    }

    private boolean parseDouble(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parser.parseDouble(b, 0, b.length);
    }

    private boolean parseLong(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parser.parseLong(b, 0, b.length);
    }

    private boolean parsePlainDecimal(String text, int scale) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parser.parsePlainDecimal(b, 0, b.length, scale);
    }
}
