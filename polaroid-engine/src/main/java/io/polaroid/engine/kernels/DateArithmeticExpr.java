package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * ADD_INTERVAL: a DATE32 or TIMESTAMP plus a literal interval (months first, with the day clamped
 * to the month's end, then days, then nanoseconds).
 */
public record DateArithmeticExpr(PhysicalExpr left, Interval interval, DataType type)
        implements PhysicalExpr {

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType t = left.type();
        try (FieldVector in = left.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            if (t.kind() == TypeKind.DATE32 && type.kind() == TypeKind.DATE32) {
                for (int i = 0; i < n; i++) {
                    long d = CivilDates.plusMonths(x.getInt((long) i << 2), interval.months()) + interval.days();
                    o.setInt((long) i << 2, (int) d);
                }
            } else if (type.kind() == TypeKind.TIMESTAMP) {
                long perDay = type.unit().perDay();
                long nanosPerUnit = 1_000_000_000L / type.unit().perSecond();
                boolean fromDate = t.kind() == TypeKind.DATE32;
                for (int i = 0; i < n; i++) {
                    long v = fromDate ? x.getInt((long) i << 2) * perDay : x.getLong((long) i << 3);
                    long days = Math.floorDiv(v, perDay);
                    long within = Math.floorMod(v, perDay);
                    long shifted = (CivilDates.plusMonths(days, interval.months()) + interval.days()) * perDay + within;
                    o.setLong((long) i << 3, shifted + interval.nanos() / nanosPerUnit);
                }
            } else {
                throw PolaroidException.internal("interval arithmetic from " + t + " to " + type);
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "(" + left + " + interval '" + interval + "')";
    }
}
