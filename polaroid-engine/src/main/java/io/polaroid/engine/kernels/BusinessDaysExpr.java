package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code dt.add_business_days(x, n)} (x a DATE32, or a TIMESTAMP whose wall-clock day moves and
 * time of day stays; n INT64) and {@code business_day_count(start, end)} (DATE32s, an INT32
 * result), null where an operand is null, by a {@link BusinessCalendar}.
 */
public record BusinessDaysExpr(boolean count, PhysicalExpr left, PhysicalExpr right, BusinessCalendar calendar, String roll)
        implements PhysicalExpr {

    @Override
    public DataType type() {
        return count ? DataType.INT32 : left.type();
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType t = left.type();
        try (Operand a = Operand.of(left, batch, allocator); Operand b = Operand.of(right, batch, allocator)) {
            long[] valid = new long[Bits.words(n)];
            for (int w = 0; w < valid.length; w++) {
                valid[w] = a.validWord(w, n) & b.validWord(w, n);
            }
            FieldVector out = Vectors.allocate(type(), "", n, allocator);
            ArrowBuf x = a.data();
            ArrowBuf y = b.data();
            ArrowBuf o = out.getDataBuffer();
            ZoneId zone = t.kind() == TypeKind.TIMESTAMP && t.timeZone() != null ? ZoneId.of(t.timeZone()) : null;
            for (int i = 0; i < n; i++) {
                if ((valid[i >>> 6] & (1L << i)) == 0) {
                    continue;
                }
                int ia = i & a.mask;
                int ib = i & b.mask;
                if (count) {
                    long days = calendar.count(x.getInt((long) ia << 2), y.getInt((long) ib << 2));
                    o.setInt((long) i << 2, Math.toIntExact(days));
                } else if (t.kind() == TypeKind.DATE32) {
                    o.setInt((long) i << 2, Math.toIntExact(calendar.add(x.getInt((long) ia << 2), y.getLong((long) ib << 3), roll)));
                } else {
                    o.setLong((long) i << 3, addToTimestamp(x.getLong((long) ia << 3), y.getLong((long) ib << 3), t, zone));
                }
            }
            Bits.setValidity(out, valid, n);
            out.setValueCount(n);
            return out;
        }
    }

    private long addToTimestamp(long value, long businessDays, DataType t, ZoneId zone) {
        LocalDateTime wall = WallTimes.wallTime(value, t.unit(), zone);
        long day = calendar.add(wall.toLocalDate().toEpochDay(), businessDays, roll);
        LocalDateTime moved = LocalDateTime.of(java.time.LocalDate.ofEpochDay(day), wall.toLocalTime());
        return WallTimes.value(moved, t.unit(), zone, "raise", "raise");
    }

    @Override
    public String toString() {
        return (count ? "business_day_count(" : "dt.add_business_days(") + left + ", " + right + ")";
    }
}
