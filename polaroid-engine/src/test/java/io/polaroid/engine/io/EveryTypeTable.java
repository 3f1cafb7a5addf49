package io.polaroid.engine.io;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table with a column of every Polaroid type and rows that reach into the corners: extremes,
 * negative and pre-1970 values, all three decimal widths, unicode and empty strings, a row of
 * nulls. Writers are checked by reading it back; {@code id} is the one non-nullable column.
 */
public final class EveryTypeTable {
    public static final DataType DEC5 = DataType.decimal(5, 2);
    public static final DataType DEC15 = DataType.decimal(15, 2);
    public static final DataType DEC30 = DataType.decimal(30, 10);
    public static final DataType MILLIS = DataType.timestamp(TimeUnit.MILLISECOND, null);
    public static final DataType MICROS = DataType.timestamp(TimeUnit.MICROSECOND, null);
    public static final DataType NANOS = DataType.timestamp(TimeUnit.NANOSECOND, null);
    public static final DataType MICROS_UTC = DataType.timestamp(TimeUnit.MICROSECOND, "UTC");

    public static final Schema SCHEMA = Schema.of(
            Field.of("b", DataType.BOOL), Field.of("i8", DataType.INT8), Field.of("i16", DataType.INT16),
            Field.of("i32", DataType.INT32), Field.of("i64", DataType.INT64), Field.of("f32", DataType.FLOAT32),
            Field.of("f64", DataType.FLOAT64), Field.of("s", DataType.UTF8), Field.of("d", DataType.DATE32),
            Field.of("ms", MILLIS), Field.of("us", MICROS), Field.of("ns", NANOS), Field.of("utc", MICROS_UTC),
            Field.of("dec5", DEC5), Field.of("dec15", DEC15), Field.of("dec30", DEC30),
            Field.of("iv", DataType.INTERVAL), Field.of("nothing", DataType.NULL), new Field("id", DataType.INT64, false));

    /** 2024-02-29 12:34:56.789 UTC, then with more digits. */
    private static final long T_MS = 1_709_210_096_789L;
    private static final long T_US = T_MS * 1_000 + 123;
    private static final long T_NS = T_US * 1_000 + 456;

    public static final List<List<Object>> ROWS = List.of(
            row(true, 127L, 32_767L, 2_147_483_647L, Long.MAX_VALUE, 1.5, 1e300, "Zürich 東京 🎉", day("2024-02-29"),
                    T_MS, T_US, T_NS, T_US, new BigDecimal("123.45"), new BigDecimal("1234567890123.45"),
                    new BigDecimal("12345678901234567890.0123456789"), new Interval(14, 3, 5_000_000_000L), null, 0L),
            row(false, -128L, -32_768L, -2_147_483_648L, Long.MIN_VALUE, (double) -0.1f, -2.5e-300, "", day("1969-07-20"),
                    -1L, -1L, -1L, -86_400_000_000L, new BigDecimal("-999.99"), new BigDecimal("-9999999999999.99"),
                    new BigDecimal("-99999999999999999999.9999999999"), new Interval(-1, 0, -1L), null, 1L),
            row(null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, 2L),
            row(false, 0L, 0L, 0L, 0L, (double) Float.MAX_VALUE, Double.NaN, "a \"quoted\",\nline", day("1900-01-01"),
                    0L, 0L, 0L, 0L, new BigDecimal("0.00"), new BigDecimal("0.01"),
                    new BigDecimal("0.0000000001"), new Interval(0, 0, 0L), null, 3L));

    private EveryTypeTable() {
    }

    /** The table without the named columns, for formats that cannot hold them. */
    public static Schema schemaWithout(String... names) {
        List<String> dropped = Arrays.asList(names);
        return new Schema(SCHEMA.fields().stream().filter(f -> !dropped.contains(f.name())).toList());
    }

    /** The rows of {@link #schemaWithout(String...)}. */
    public static List<List<Object>> rowsWithout(String... names) {
        List<String> dropped = Arrays.asList(names);
        return ROWS.stream().map(r -> {
            List<Object> kept = new ArrayList<>();
            for (int c = 0; c < SCHEMA.size(); c++) {
                if (!dropped.contains(SCHEMA.field(c).name())) {
                    kept.add(r.get(c));
                }
            }
            return kept;
        }).toList();
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }
}
