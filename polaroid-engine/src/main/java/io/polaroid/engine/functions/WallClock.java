package io.polaroid.engine.functions;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import java.util.List;

/**
 * A zoned timestamp's local wall-clock time and back, for the calendar operations Polars does in
 * the column's zone ({@code dt.date}, {@code dt.truncate}): the zone is dropped, the operation runs
 * on the naive value, and the result is placed in the zone again, keeping the original instant's
 * offset where the wall time is shown twice ({@link io.polaroid.engine.kernels.ZonedFromLocalExpr}).
 */
final class WallClock {
    private WallClock() {
    }

    /** The naive local time of {@code x}, a timestamp of {@code type} (with a zone). */
    static BoundExpr local(BoundExpr x, DataType type) {
        return replaceZone(x, DataType.timestamp(type.unit(), null), "");
    }

    /** A naive local time computed from {@code original} placed in {@code zoned}'s zone. */
    static BoundExpr zoned(BoundExpr naive, BoundExpr original, DataType zoned) {
        return new BoundExpr.Call(ScalarFn.DT_ZONED_FROM_LOCAL, List.of(naive, original), zoned);
    }

    private static BoundExpr replaceZone(BoundExpr x, DataType result, String zone) {
        return new BoundExpr.Call(ScalarFn.DT_REPLACE_TIME_ZONE, List.of(x, text(zone), text("earliest"), text("null")), result);
    }

    private static BoundExpr text(String s) {
        return new BoundExpr.Literal(s, DataType.UTF8);
    }
}
