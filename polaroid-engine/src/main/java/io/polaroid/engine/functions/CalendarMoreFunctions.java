package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.BusinessCalendar;
import io.polaroid.engine.kernels.BusinessDaysExpr;
import io.polaroid.engine.kernels.DateReplaceExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polars' {@code dt.replace} (calendar fields replaced, as integers or columns), and its business
 * days: {@code dt.add_business_days} and {@code business_day_count}, with a week mask ("1111100",
 * Monday first) and holidays (comma-separated ISO dates) as literals.
 */
final class CalendarMoreFunctions implements FunctionFamily {
    private static final List<String> FIELDS = List.of("year", "month", "day", "hour", "minute", "second", "microsecond");
    private static final Set<String> AMBIGUOUS = Set.of("raise", "earliest", "latest", "null");
    private static final Set<String> ROLLS = Set.of("raise", "forward", "backward");

    @Override
    public String name() {
        return "calendar_more";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.DT_REPLACE, "dt.replace(x: date|timestamp, year, month, day, hour, minute, second,"
                        + " microsecond: int or null (null keeps the field), ambiguous: str lit) -> type of x",
                        "Expr.dt.replace", "Expr.dt().replace", CalendarMoreFunctions::replace),
                scalar(FunctionNames.DT_ADD_BUSINESS_DAYS, "dt.add_business_days(x: date|timestamp, n: int, week_mask: str"
                        + " lit (7 of 0/1, Monday first), holidays: str lit (ISO dates, comma-separated), roll: str lit"
                        + " (raise, forward, backward)) -> type of x", "Expr.dt.add_business_days",
                        "Expr.dt().addBusinessDays", CalendarMoreFunctions::addBusinessDays),
                scalar(FunctionNames.BUSINESS_DAY_COUNT, "business_day_count(start: date, end: date, week_mask: str lit,"
                        + " holidays: str lit) -> i32 (business days in [start, end))", "business_day_count",
                        "Functions.businessDayCount", CalendarMoreFunctions::businessDayCount));
    }

    private static BoundExpr replace(Binding c) {
        c.arity(FIELDS.size() + 2);
        DataType t = temporal(c, c.arg(0));
        List<BoundExpr> args = new ArrayList<>(List.of(c.arg(0).expr()));
        for (int i = 0; i < FIELDS.size(); i++) {
            args.add(integer(c, c.arg(i + 1), FIELDS.get(i)));
        }
        String ambiguous = c.stringLiteral(c.arg(FIELDS.size() + 1), "ambiguous");
        if (!AMBIGUOUS.contains(ambiguous)) {
            throw c.invalid("takes ambiguous as one of raise, earliest, latest, null, not '" + ambiguous + "'");
        }
        args.add(c.arg(FIELDS.size() + 1).expr());
        return new BoundExpr.Call(ScalarFn.DT_REPLACE, args, t);
    }

    private static BoundExpr addBusinessDays(Binding c) {
        c.arity(5);
        DataType t = temporal(c, c.arg(0));
        if (!c.given(1)) {
            throw c.mismatch(c.function() + " needs an integer number of days, not null");
        }
        BoundExpr n = integer(c, c.arg(1), "n");
        calendar(c, 2);
        String roll = c.stringLiteral(c.arg(4), "roll");
        if (!ROLLS.contains(roll)) {
            throw c.invalid("takes roll as one of raise, forward, backward, not '" + roll + "'");
        }
        return new BoundExpr.Call(ScalarFn.ADD_BUSINESS_DAYS, List.of(c.arg(0).expr(), n, c.arg(2).expr(),
                c.arg(3).expr(), c.arg(4).expr()), t);
    }

    private static BoundExpr businessDayCount(Binding c) {
        c.arity(4);
        for (int i = 0; i < 2; i++) {
            DataType t = c.arg(i).type();
            if (t.kind() != TypeKind.DATE32 && t.kind() != TypeKind.NULL) {
                throw c.mismatch(c.function() + " needs dates, not " + t);
            }
        }
        calendar(c, 2);
        return new BoundExpr.Call(ScalarFn.BUSINESS_DAY_COUNT, List.of(TypeCoercion.castTo(c.arg(0).expr(), DataType.DATE32),
                TypeCoercion.castTo(c.arg(1).expr(), DataType.DATE32), c.arg(2).expr(), c.arg(3).expr()), DataType.INT32);
    }

    /** Checks the week mask and holidays at {@code at} and {@code at + 1}. */
    private static BusinessCalendar calendar(Binding c, int at) {
        boolean[] mask = BusinessCalendar.mask(c.stringLiteral(c.arg(at), "week_mask"));
        if (mask == null) {
            throw c.invalid("takes week_mask as seven of 0 and 1, Monday first, as \"1111100\"");
        }
        boolean any = false;
        for (boolean b : mask) {
            any |= b;
        }
        if (!any) {
            throw c.invalid("`week_mask` must have at least one business day");
        }
        try {
            return new BusinessCalendar(mask, BusinessCalendar.holidays(c.stringLiteral(c.arg(at + 1), "holidays")));
        } catch (DateTimeParseException e) {
            throw c.invalid("takes holidays as ISO dates separated by commas: " + e.getMessage());
        }
    }

    private static DataType temporal(Binding c, Arg a) {
        DataType t = a.type();
        if (t.kind() != TypeKind.DATE32 && t.kind() != TypeKind.TIMESTAMP) {
            throw c.mismatch(c.function() + " needs a date or datetime, not " + t);
        }
        return t;
    }

    /** An integer argument as INT64 (a null literal: a null INT64). */
    private static BoundExpr integer(Binding c, Arg a, String what) {
        if (!a.type().isInteger() && a.type().kind() != TypeKind.NULL) {
            throw c.mismatch(c.function() + " needs " + what + " as an integer, not " + a.type());
        }
        return TypeCoercion.castTo(a.expr(), DataType.INT64);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of(
                ScalarFn.DT_REPLACE, (call, compile) -> {
                    List<BoundExpr> args = call.args();
                    List<PhysicalExpr> fields = args.subList(1, FIELDS.size() + 1).stream().map(compile).toList();
                    return new DateReplaceExpr(compile.apply(args.get(0)), fields,
                            (String) Kernel.literal(args.get(FIELDS.size() + 1)));
                },
                ScalarFn.ADD_BUSINESS_DAYS, (call, compile) -> business(call, compile, false),
                ScalarFn.BUSINESS_DAY_COUNT, (call, compile) -> business(call, compile, true));
    }

    private static PhysicalExpr business(BoundExpr.Call call, java.util.function.Function<BoundExpr, PhysicalExpr> compile,
                                         boolean count) {
        List<BoundExpr> args = call.args();
        BusinessCalendar calendar = new BusinessCalendar(BusinessCalendar.mask((String) Kernel.literal(args.get(2))),
                BusinessCalendar.holidays((String) Kernel.literal(args.get(3))));
        return new BusinessDaysExpr(count, compile.apply(args.get(0)), compile.apply(args.get(1)), calendar,
                count ? null : (String) Kernel.literal(args.get(4)));
    }
}
