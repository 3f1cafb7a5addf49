package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.physical.expr.PhysicalExpr;
import org.apache.arrow.vector.FieldVector;

/** A window function with its argument compiled (null for {@code int_range}). */
public record WindowSpec(WindowCall call, PhysicalExpr arg) {
    /** The function, ready to fill its column for {@code n} rows whose argument values are {@code values}. */
    public WindowFunction start(FieldVector values, int n) {
        WindowFn fn = call.fn();
        return switch (fn) {
            case RANK -> new RankFunction(values, arg.type(), n, call.method(), call.reverse());
            case CUM_SUM, CUM_PROD, CUM_MIN, CUM_MAX, CUM_COUNT ->
                    new CumulativeFunction(fn, call.reverse(), values, arg.type(), call.type(), n);
            case SHIFT -> new GatherFunction(values, call.type(), n, GatherFunction.shift(call.offset()), call.fill());
            case REVERSE -> new GatherFunction(values, call.type(), n, GatherFunction.reverse(), null);
            case FORWARD_FILL, BACKWARD_FILL -> new GatherFunction(values, call.type(), n, GatherFunction.fill(
                    Lanes.validity(values, n), fn == WindowFn.FORWARD_FILL ? 1 : -1, call.offset()), null);
            case RLE_ID -> new RleIdFunction(values, arg.type(), n);
            case ROLLING_SUM, ROLLING_MEAN, ROLLING_MIN, ROLLING_MAX, ROLLING_STD, ROLLING_VAR, ROLLING_MEDIAN,
                 ROLLING_QUANTILE -> new RollingFunction(fn, call.rolling(), values, arg.type(), call.type(), n);
            case INTERPOLATE -> new InterpolateFunction(values, arg.type(), call.type(), n);
            case DIFF, PCT_CHANGE -> new OffsetFunction(fn, call.offset(), values, arg.type(), call.type(), n);
            case IS_FIRST_DISTINCT, IS_LAST_DISTINCT -> new DistinctFunction(values, arg.type(), n, fn == WindowFn.IS_LAST_DISTINCT);
            case INT_RANGE -> new IntRangeFunction(n, call.offset());
            case PLACE -> new PlaceFunction(values, call.placement(), n);
        };
    }

    @Override
    public String toString() {
        return call.toString();
    }
}
