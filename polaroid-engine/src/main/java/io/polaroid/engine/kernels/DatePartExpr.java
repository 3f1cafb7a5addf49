package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A part of a DATE32 or TIMESTAMP as INT32: year, quarter, month, day, ISO weekday (Monday 1),
 * day of the year, hour, minute, second. Timestamps with a time zone give local parts.
 */
public record DatePartExpr(ScalarFn fn, PhysicalExpr input) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.INT32;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType t = input.type();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(DataType.INT32, "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            if (t.kind() == TypeKind.DATE32) {
                for (int i = 0; i < n; i++) {
                    o.setInt((long) i << 2, part(x.getInt((long) i << 2), 0));
                }
            } else if (t.timeZone() == null) {
                long perDay = t.unit().perDay();
                long perSecond = t.unit().perSecond();
                for (int i = 0; i < n; i++) {
                    long v = x.getLong((long) i << 3);
                    long days = Math.floorDiv(v, perDay);
                    long secondOfDay = Math.floorMod(v, perDay) / perSecond;
                    o.setInt((long) i << 2, part(days, secondOfDay));
                }
            } else {
                ZoneId zone = ZoneId.of(t.timeZone());
                long perSecond = t.unit().perSecond();
                for (int i = 0; i < n; i++) {
                    long v = x.getLong((long) i << 3);
                    ZonedDateTime local = Instant.ofEpochSecond(Math.floorDiv(v, perSecond)).atZone(zone);
                    o.setInt((long) i << 2, part(local.toLocalDate().toEpochDay(), local.toLocalTime().toSecondOfDay()));
                }
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    private int part(long days, long secondOfDay) {
        return switch (fn) {
            case YEAR -> CivilDates.year(days);
            case MONTH -> CivilDates.month(days);
            case QUARTER -> (CivilDates.month(days) + 2) / 3;
            case DAY -> CivilDates.day(days);
            case WEEKDAY -> Math.floorMod(days + 3, 7) + 1;
            case ORDINAL_DAY -> (int) (days - CivilDates.days(CivilDates.year(days), 1, 1)) + 1;
            case HOUR -> (int) (secondOfDay / 3600);
            case MINUTE -> (int) (secondOfDay / 60 % 60);
            case SECOND -> (int) (secondOfDay % 60);
            default -> throw PolaroidException.internal(fn + " is not a date part");
        };
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ")";
    }
}
