package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A local time computed from a zoned timestamp (a calendar truncation of its wall time) placed back
 * in the zone as Polars places it: a wall time the clock shows twice keeps the offset the original
 * instant had, a wall time the clock skips becomes the first instant after the gap.
 */
public record ZonedFromLocalExpr(PhysicalExpr local, PhysicalExpr original, DataType type) implements PhysicalExpr {

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        ZoneId zone = ZoneId.of(type.timeZone());
        try (FieldVector walls = local.eval(batch, allocator); FieldVector instants = original.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (walls.isNull(i) || instants.isNull(i)) {
                    continue;
                }
                LocalDateTime wall = WallTimes.wallTime(walls.getDataBuffer().getLong((long) i << 3), type.unit(), null);
                long before = instants.getDataBuffer().getLong((long) i << 3);
                ZoneOffset offset = WallTimes.wallTimeOffset(before, type.unit(), zone);
                o.setLong((long) i << 3, WallTimes.value(place(wall, zone, offset), type.unit()));
                org.apache.arrow.vector.BitVectorHelper.setBit(out.getValidityBuffer(), i);
            }
            out.setValueCount(n);
            return out;
        }
    }

    private static Instant place(LocalDateTime wall, ZoneId zone, ZoneOffset preferred) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(wall);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(wall);
            return gap.getInstant();
        }
        return wall.toInstant(offsets.contains(preferred) ? preferred : offsets.get(0));
    }
}
