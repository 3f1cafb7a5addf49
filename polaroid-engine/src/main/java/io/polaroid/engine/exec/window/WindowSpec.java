package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.kernels.PhysicalExpr;
import org.apache.arrow.vector.FieldVector;

/** A window function with its argument (null for {@code int_range}) and its {@code by} argument (or null) compiled. */
public record WindowSpec(WindowCall call, PhysicalExpr arg, PhysicalExpr by) {
    public WindowSpec(WindowCall call, PhysicalExpr arg) {
        this(call, arg, null);
    }

    /**
     * The function, ready to fill its column for {@code n} rows whose argument values are
     * {@code values} (and {@code by} values {@code byValues}, or null).
     */
    public WindowFunction start(FieldVector values, FieldVector byValues, int n) {
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
            case EWM_MEAN, EWM_STD, EWM_VAR, EWM_SUM -> new EwmFunction(fn, (WindowOptions.Ewm) call.options(), values,
                    arg.type(), call.type(), n);
            case ROLLING_SUM_BY, ROLLING_MEAN_BY, ROLLING_MIN_BY, ROLLING_MAX_BY, ROLLING_STD_BY, ROLLING_VAR_BY,
                 ROLLING_MEDIAN_BY, ROLLING_QUANTILE_BY -> new RollingByFunction(fn, (WindowOptions.ByWindow) call.options(),
                    values, arg.type(), byValues, by.type(), call.type(), n);
            case EWM_MEAN_BY -> new EwmByFunction((WindowOptions.ByWindow) call.options(), values, arg.type(), byValues,
                    by.type(), call.type(), n);
            case INTERPOLATE_BY -> new InterpolateByFunction(values, arg.type(), byValues, by.type(), call.type(), n);
        };
    }

    @Override
    public String toString() {
        return call.toString();
    }
}
