package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The offsets of a timestamp's time zone at each instant, as durations in milliseconds: the
 * standard offset from UTC ({@code dst} false, Polars' {@code base_utc_offset}) or the extra
 * daylight-saving offset ({@code dst} true, {@code dst_offset}).
 */
public record ZoneOffsetExpr(PhysicalExpr input, boolean dst) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.duration(TimeUnit.MILLISECOND);
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType t = input.type();
        ZoneRules rules = ZoneId.of(t.timeZone()).getRules();
        long perSecond = t.unit().perSecond();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type(), "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                Instant at = Instant.ofEpochSecond(Math.floorDiv(x.getLong((long) i << 3), perSecond));
                long seconds = dst ? rules.getDaylightSavings(at).getSeconds() : rules.getStandardOffset(at).getTotalSeconds();
                o.setLong((long) i << 3, seconds * 1000);
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return (dst ? "dt.dst_offset(" : "dt.base_utc_offset(") + input + ")";
    }
}
