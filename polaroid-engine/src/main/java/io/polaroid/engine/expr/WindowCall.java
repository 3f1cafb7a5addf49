package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import java.util.Objects;

/**
 * An order-dependent function over an argument expression (null for {@code int_range}), with its
 * options and result type.
 *
 * @param offset  rows back for {@code shift}, {@code diff} and {@code pct_change} (negative: ahead);
 *                the start of {@code int_range}
 * @param reverse running functions from the partition's last row back; {@code rank} descending
 * @param method  how {@code rank} numbers ties; null for the other functions
 * @param fill    the value {@code shift} gives rows with no row {@code offset} away (null: null)
 * @param rolling the window of a rolling function; null for the others
 * @param by      the second argument of {@code rolling_*_by} and {@code interpolate_by}; null for the others
 * @param options the options of {@code ewm_*} and {@code rolling_*_by}; null for the others
 * @param placement the rows a row-set expression gives ({@link WindowFn#PLACE}); null for the others
 */
public record WindowCall(WindowFn fn, BoundExpr arg, long offset, boolean reverse, WindowFn.RankMethod method,
                         Object fill, DataType type, WindowFn.RollingWindow rolling, BoundExpr by, WindowOptions options,
                         Placement placement) {
    public WindowCall(WindowFn fn, BoundExpr arg, long offset, boolean reverse, WindowFn.RankMethod method, Object fill,
                      DataType type, WindowFn.RollingWindow rolling) {
        this(fn, arg, offset, reverse, method, fill, type, rolling, null, null, null);
    }

    public WindowCall(WindowFn fn, BoundExpr arg, long offset, boolean reverse, WindowFn.RankMethod method, Object fill,
                      DataType type, WindowFn.RollingWindow rolling, BoundExpr by, WindowOptions options) {
        this(fn, arg, offset, reverse, method, fill, type, rolling, by, options, null);
    }

    public WindowCall(WindowFn fn, BoundExpr arg, long offset, boolean reverse, WindowFn.RankMethod method, Object fill,
                      DataType type) {
        this(fn, arg, offset, reverse, method, fill, type, null);
    }

    public WindowCall {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(type, "type");
        if (arg == null && fn != WindowFn.INT_RANGE) {
            throw new IllegalArgumentException(fn + " needs an argument");
        }
    }

    public WindowCall withArg(BoundExpr newArg) {
        return new WindowCall(fn, newArg, offset, reverse, method, fill, type, rolling, by, options, placement);
    }

    public WindowCall withBy(BoundExpr newBy) {
        return new WindowCall(fn, arg, offset, reverse, method, fill, type, rolling, newBy, options, placement);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(fn.wireName()).append('(').append(arg == null ? "" : arg);
        switch (fn) {
            case RANK -> s.append(", ").append(method.name().toLowerCase(java.util.Locale.ROOT)).append(reverse ? ", desc" : "");
            case SHIFT, DIFF, PCT_CHANGE, INT_RANGE, FORWARD_FILL, BACKWARD_FILL -> s.append(arg == null ? "" : ", ")
                    .append(offset).append(fill == null ? "" : ", fill " + fill);
            case ROLLING_SUM, ROLLING_MEAN, ROLLING_MIN, ROLLING_MAX, ROLLING_STD, ROLLING_VAR, ROLLING_MEDIAN,
                 ROLLING_QUANTILE -> s.append(", ").append(rolling);
            case PLACE -> s.append(", ").append(placement);
            default -> s.append(reverse ? ", reverse" : "").append(by == null ? "" : ", by " + by)
                    .append(options == null ? "" : ", " + options);
        }
        return s.append(')').toString();
    }
}
