package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.DurationTotalExpr;
import io.polaroid.engine.kernels.ZoneOffsetExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durations as totals of a unit ({@code dt.total_days} .. {@code dt.total_nanoseconds}: whole units
 * truncated toward zero, or floats with {@code fractional}), and a zone's offsets at a timestamp
 * ({@code dt.base_utc_offset}, {@code dt.dst_offset}), as Polars.
 */
final class DurationFunctions implements FunctionFamily {
    /** Nanoseconds per unit of each {@code dt.total_*}, by wire name. */
    private static final Map<String, Long> TOTALS = new LinkedHashMap<>();

    static {
        TOTALS.put(FunctionNames.DT_TOTAL_DAYS, 86_400_000_000_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_HOURS, 3_600_000_000_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_MINUTES, 60_000_000_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_SECONDS, 1_000_000_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_MILLISECONDS, 1_000_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_MICROSECONDS, 1_000L);
        TOTALS.put(FunctionNames.DT_TOTAL_NANOSECONDS, 1L);
    }

    @Override
    public String name() {
        return "durations";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (Map.Entry<String, Long> unit : TOTALS.entrySet()) {
            String method = unit.getKey().substring("dt.".length());
            out.add(scalar(unit.getKey(), unit.getKey() + "(x: duration, fractional: bool lit = false) -> i64 (whole "
                    + method.substring("total_".length()) + ", truncated) | f64",
                    "Expr.dt." + method, "Expr.dt()." + DateFunctions.camel(method), c -> total(c, unit.getValue())));
        }
        out.add(scalar(FunctionNames.DT_BASE_UTC_OFFSET, "dt.base_utc_offset(x: timestamp with time zone) -> duration[ms]",
                "Expr.dt.base_utc_offset", "Expr.dt().baseUtcOffset", c -> offset(c, ScalarFn.BASE_UTC_OFFSET)));
        out.add(scalar(FunctionNames.DT_DST_OFFSET, "dt.dst_offset(x: timestamp with time zone) -> duration[ms]",
                "Expr.dt.dst_offset", "Expr.dt().dstOffset", c -> offset(c, ScalarFn.DST_OFFSET)));
        return out;
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of(
                ScalarFn.DURATION_TOTAL, (call, compile) -> new DurationTotalExpr(compile.apply(call.args().get(0)),
                        (Long) Kernel.literal(call.args().get(1)), (Boolean) Kernel.literal(call.args().get(2))),
                ScalarFn.BASE_UTC_OFFSET, (call, compile) -> new ZoneOffsetExpr(compile.apply(call.args().get(0)), false),
                ScalarFn.DST_OFFSET, (call, compile) -> new ZoneOffsetExpr(compile.apply(call.args().get(0)), true));
    }

    private static BoundExpr total(Binding c, long nanosPerUnit) {
        if (c.size() < 1 || c.size() > 2) {
            c.arity(2);
        }
        boolean fractional = c.size() == 2 && c.boolLiteral(c.arg(1), "fractional");
        DataType t = c.arg(0).type();
        DataType result = fractional ? DataType.FLOAT64 : DataType.INT64;
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, result);
        }
        if (!t.isDuration()) {
            throw c.mismatch(c.function() + " needs a duration, not " + t);
        }
        return new BoundExpr.Call(ScalarFn.DURATION_TOTAL, List.of(c.arg(0).expr(),
                new BoundExpr.Literal(nanosPerUnit, DataType.INT64), new BoundExpr.Literal(fractional, DataType.BOOL)), result);
    }

    private static BoundExpr offset(Binding c, ScalarFn fn) {
        c.arity(1);
        DataType t = c.arg(0).type();
        DataType result = DataType.duration(TimeUnit.MILLISECOND);
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, result);
        }
        if (t.kind() != TypeKind.TIMESTAMP || t.timeZone() == null) {
            throw c.mismatch(c.function() + " needs a datetime with a time zone, not " + t);
        }
        return new BoundExpr.Call(fn, List.of(c.arg(0).expr()), result);
    }
}
