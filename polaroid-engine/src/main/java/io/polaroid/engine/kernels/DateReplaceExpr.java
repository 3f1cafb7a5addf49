package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Polars' {@code dt.replace}: a DATE32 or TIMESTAMP with some of its fields (year, month, day,
 * hour, minute, second, microsecond; INT64 operands) replaced where the operand is not null. A
 * timestamp with a time zone has its wall-clock fields replaced and is localized again with
 * {@code ambiguous}; a date ignores the time fields. Fields that make no date or time of day
 * (February 31st, hour 24) fail as Polars fails, naming them.
 */
public record DateReplaceExpr(PhysicalExpr input, List<PhysicalExpr> fields, String ambiguous) implements PhysicalExpr {
    /** chrono's (and so Polars') years. */
    private static final long MIN_YEAR = -262_143;
    private static final long MAX_YEAR = 262_142;

    @Override
    public DataType type() {
        return input.type();
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        List<Operand> parts = new ArrayList<>();
        DataType t = type();
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            for (PhysicalExpr f : fields) {
                parts.add(Operand.of(f, batch, allocator));
            }
            FieldVector out = Vectors.allocate(t, "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            boolean date = t.kind() == TypeKind.DATE32;
            ZoneId zone = date || t.timeZone() == null ? null : ZoneId.of(t.timeZone());
            long[] valid = new long[Bits.words(n)];
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    continue;
                }
                if (date) {
                    o.setInt((long) i << 2, (int) replaceDate(x.getInt((long) i << 2), parts, i));
                    valid[i >>> 6] |= 1L << i;
                    continue;
                }
                Long v = replaceTimestamp(x.getLong((long) i << 3), parts, i, t, zone);
                if (v != null) {
                    o.setLong((long) i << 3, v);
                    valid[i >>> 6] |= 1L << i;
                }
            }
            Bits.setValidity(out, valid, n);
            out.setValueCount(n);
            return out;
        } finally {
            parts.forEach(Operand::close);
        }
    }

    private static long replaceDate(long days, List<Operand> parts, int i) {
        return civilDays(pick(parts, 0, i, CivilDates.year(days)), pick(parts, 1, i, CivilDates.month(days)),
                pick(parts, 2, i, CivilDates.day(days)));
    }

    private Long replaceTimestamp(long value, List<Operand> parts, int i, DataType t, ZoneId zone) {
        LocalDateTime wall = WallTimes.wallTime(value, t.unit(), zone);
        long days = civilDays(pick(parts, 0, i, wall.getYear()), pick(parts, 1, i, wall.getMonthValue()),
                pick(parts, 2, i, wall.getDayOfMonth()));
        long hour = pick(parts, 3, i, wall.getHour());
        long minute = pick(parts, 4, i, wall.getMinute());
        long second = pick(parts, 5, i, wall.getSecond());
        Long micro = at(parts.get(6), i);
        long nanos = micro == null ? wall.getNano() : Math.multiplyExact(micro, 1000L);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0
                || nanos > 999_999_999L) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "Invalid time components (" + hour + ", " + minute + ", "
                    + second + ", " + nanos + ") supplied");
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(days * 86_400L + hour * 3600 + minute * 60 + second, (int) nanos,
                java.time.ZoneOffset.UTC);
        try {
            return WallTimes.value(local, t.unit(), zone, ambiguous, "raise");
        } catch (ArithmeticException e) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "dt.replace: " + local + " is out of the range of " + t, e);
        }
    }

    /** Days since the epoch of a civil date, failing as Polars on one that does not exist. */
    static long civilDays(long year, long month, long day) {
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1
                || day > CivilDates.daysInMonth(year, (int) month)) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "Invalid date components (" + year + ", " + month + ", "
                    + day + ") supplied");
        }
        return CivilDates.days(year, (int) month, (int) day);
    }

    private static long pick(List<Operand> parts, int field, int row, long current) {
        Long v = at(parts.get(field), row);
        return v == null ? current : v;
    }

    /** Row {@code row} of an INT64 operand, or null. */
    private static Long at(Operand o, int row) {
        if (o.isNullScalar()) {
            return null;
        }
        int r = row & o.mask;
        return o.vector.isNull(r) ? null : o.data().getLong((long) r << 3);
    }

    @Override
    public String toString() {
        return "dt.replace(" + input + ", " + fields + ")";
    }
}
