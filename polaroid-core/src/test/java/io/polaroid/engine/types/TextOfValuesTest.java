package io.polaroid.engine.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Floats, datetimes and times as text, as Polars casts them to String (the Python differential suite
 * checks the same against Polars itself; these pin the cases Java's own formatting gets wrong).
 */
class TextOfValuesTest {

    @ParameterizedTest
    @CsvSource({"4.9E-324, 5e-324", "1.0E23, 1e+23", "0.1, 0.1", "2.5, 2.5", "1.7976931348623157E308, 1.7976931348623157e+308"})
    void doublesTakeTheShortestDigitsThatReadBack(double value, String text) {
        assertThat(FloatText.of(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"3.4e38, 3.4e+38", "0.1, 0.1", "16777216, 16777216.0", "1.4E-45, 1e-45", "Infinity, inf", "NaN, NaN"})
    void floatsTakeTheDigitsOfTheFloat(float value, String text) {
        assertThat(FloatText.ofFloat(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
            "1710052200000000, MICROSECOND, , 2024-03-10 06:30:00.000000",
            "1710052200000000, MICROSECOND, America/New_York, 2024-03-10 01:30:00.000000-05:00",
            "1710052200000, MILLISECOND, UTC, 2024-03-10 06:30:00.000+00:00",
            "-1, NANOSECOND, , 1969-12-31 23:59:59.999999999",
            "0, MICROSECOND, Asia/Kolkata, 1970-01-01 05:30:00.000000+05:30"})
    void datetimesAreWrittenInTheirZoneWithTheDigitsOfTheirUnit(long value, TimeUnit unit, String zone, String text) {
        assertThat(TemporalText.timestamp(value, DataType.timestamp(unit, zone))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 00:00:00", "86399999999999, 23:59:59", "3723004000000, 01:02:03"})
    void timesOfDayDropTheFractionAsPolars(long nanos, String text) {
        assertThat(TemporalText.time(nanos)).isEqualTo(text);
    }
}
