package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;

/** Date and timestamp functions of an expression ({@code expr.dt()}), named as Polars names them. */
public final class DateFunctions {
    private final Expr expr;

    DateFunctions(Expr expr) {
        this.expr = expr;
    }

    public Expr year() {
        return expr.call(FunctionNames.DT_YEAR);
    }

    /** The start of the calendar window of {@code every}: one unit, as "1mo", "2w", "1d", "15m". */
    public Expr truncate(String every) {
        return expr.call(FunctionNames.DT_TRUNCATE, every);
    }

    /** The first day of the month (a timestamp keeps its time of day). */
    public Expr monthStart() {
        return expr.call(FunctionNames.DT_MONTH_START);
    }

    /** The last day of the month (a timestamp keeps its time of day). */
    public Expr monthEnd() {
        return expr.call(FunctionNames.DT_MONTH_END);
    }

    public Expr quarter() {
        return expr.call(FunctionNames.DT_QUARTER);
    }

    public Expr month() {
        return expr.call(FunctionNames.DT_MONTH);
    }

    public Expr day() {
        return expr.call(FunctionNames.DT_DAY);
    }

    /** ISO weekday: Monday 1 .. Sunday 7. */
    public Expr weekday() {
        return expr.call(FunctionNames.DT_WEEKDAY);
    }

    public Expr ordinalDay() {
        return expr.call(FunctionNames.DT_ORDINAL_DAY);
    }

    public Expr hour() {
        return expr.call(FunctionNames.DT_HOUR);
    }

    public Expr minute() {
        return expr.call(FunctionNames.DT_MINUTE);
    }

    public Expr second() {
        return expr.call(FunctionNames.DT_SECOND);
    }

    /** SQL's {@code extract(part from x)}: year, quarter, month, day, weekday, ordinal_day, hour, minute, second. */
    public Expr extract(String part) {
        String function = FunctionNames.extractFunction(part);
        if (function == null) {
            throw PolaroidException.invalidPlan("extract: unknown part '" + part
                    + "'; use year, quarter, month, day, weekday, ordinal_day, hour, minute or second");
        }
        return expr.call(function);
    }
}
