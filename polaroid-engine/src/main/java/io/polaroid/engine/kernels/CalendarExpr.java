package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Calendar windows of a DATE32 or a TIMESTAMP without a time zone, of the same type, as Polars:
 * {@code dt.truncate(every)} gives the start of the window of {@code every} holding the value
 * (windows of months counted from January 1970, of weeks from Monday 1970-01-05, of days and
 * shorter units from the epoch); {@code dt.month_start} and {@code dt.month_end} the first and
 * last day of the month, keeping a timestamp's time of day.
 */
public record CalendarExpr(ScalarFn fn, PhysicalExpr input, Every every) implements PhysicalExpr {
    private static final long FIRST_MONDAY = 4; // 1970-01-05

    /** A window length of one unit: {@code months}, {@code weeks}, {@code days} or {@code nanos} (shorter units). */
    public record Every(long months, long weeks, long days, long nanos) {
        private static final Pattern FORM = Pattern.compile("(\\d+)(y|q|mo|w|d|h|ms|us|ns|m|s)");

        /** The window of a Polars duration of one unit ({@code "1mo"}, {@code "15m"}), or null. */
        public static Every parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "y" -> new Every(12 * n, 0, 0, 0);
                case "q" -> new Every(3 * n, 0, 0, 0);
                case "mo" -> new Every(n, 0, 0, 0);
                case "w" -> new Every(0, n, 0, 0);
                case "d" -> new Every(0, 0, n, 0);
                case "h" -> new Every(0, 0, 0, n * 3_600_000_000_000L);
                case "m" -> new Every(0, 0, 0, n * 60_000_000_000L);
                case "s" -> new Every(0, 0, 0, n * 1_000_000_000L);
                case "ms" -> new Every(0, 0, 0, n * 1_000_000L);
                case "us" -> new Every(0, 0, 0, n * 1_000L);
                default -> new Every(0, 0, 0, n);
            };
        }
    }

    @Override
    public DataType type() {
        return input.type();
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType t = input.type();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(t, "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            if (t.kind() == TypeKind.DATE32) {
                for (int i = 0; i < n; i++) {
                    o.setInt((long) i << 2, (int) day(x.getInt((long) i << 2)));
                }
            } else {
                long perDay = t.unit().perDay();
                long nanosPerUnit = 1_000_000_000L / t.unit().perSecond();
                for (int i = 0; i < n; i++) {
                    long v = x.getLong((long) i << 3);
                    o.setLong((long) i << 3, timestamp(v, perDay, nanosPerUnit));
                }
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    /** A date's window start or month boundary, as days since the epoch. */
    private long day(long days) {
        return switch (fn) {
            case MONTH_START -> days - CivilDates.day(days) + 1;
            case MONTH_END -> CivilDates.days(CivilDates.year(days), CivilDates.month(days),
                    CivilDates.daysInMonth(CivilDates.year(days), CivilDates.month(days)));
            case DT_TRUNCATE -> {
                if (every.months() > 0) {
                    long month = (CivilDates.year(days) - 1970L) * 12 + CivilDates.month(days) - 1;
                    long start = Math.floorDiv(month, every.months()) * every.months();
                    yield CivilDates.days(1970 + Math.floorDiv(start, 12), (int) Math.floorMod(start, 12) + 1, 1);
                }
                if (every.weeks() > 0) {
                    yield Math.floorDiv(days - FIRST_MONDAY, 7 * every.weeks()) * 7 * every.weeks() + FIRST_MONDAY;
                }
                yield every.days() > 0 ? Math.floorDiv(days, every.days()) * every.days() : days;
            }
            default -> throw PolaroidException.internal(fn + " is not a calendar window");
        };
    }

    private long timestamp(long v, long perDay, long nanosPerUnit) {
        if (fn == ScalarFn.DT_TRUNCATE && every.nanos() > 0) {
            long ticks = Math.max(1, every.nanos() / nanosPerUnit);
            return Math.floorDiv(v, ticks) * ticks;
        }
        long days = Math.floorDiv(v, perDay);
        long timeOfDay = fn == ScalarFn.DT_TRUNCATE ? 0 : Math.floorMod(v, perDay);
        return day(days) * perDay + timeOfDay;
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ")";
    }
}
