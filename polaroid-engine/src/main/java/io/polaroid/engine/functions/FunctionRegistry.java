package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every function family, and lookups over them: a function by wire name or SQL spelling, the type
 * rule of a call, the kernel of a resolved function. Checked when the class loads: names are
 * unique and every resolved function has exactly one kernel (or is an aggregate's).
 */
public final class FunctionRegistry {
    private static final List<FunctionFamily> FAMILIES = List.of(new ArithmeticFunctions(), new MathFunctions(), new FloatFunctions(),
            new ComparisonFunctions(), new LogicFunctions(), new NullFunctions(), new StringFunctions(), new DateFunctions(),
            new ListFunctions(), new ListMoreFunctions(), new StringMoreFunctions(), new AggregateFunctions(),
            new WindowFunctions(), new WindowMoreFunctions(), new RowSetFunctions(), new NumberFunctions(),
            new CalendarMoreFunctions(), new DurationFunctions(), new StructFunctions(), new BinaryFunctions());
    private static final Map<String, FunctionDef> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> SQL = new LinkedHashMap<>();
    private static final Map<ScalarFn, Kernel> KERNELS = new EnumMap<>(ScalarFn.class);

    static {
        for (FunctionFamily family : FAMILIES) {
            for (FunctionDef f : family.functions()) {
                if (BY_NAME.put(f.name(), f) != null) {
                    throw new IllegalStateException("function " + f.name() + " is defined twice");
                }
                for (String alias : f.sql()) {
                    if (SQL.put(alias, f.name()) != null) {
                        throw new IllegalStateException("SQL name " + alias + " means two functions");
                    }
                }
            }
            family.kernels().forEach((fn, kernel) -> {
                if (KERNELS.put(fn, kernel) != null) {
                    throw new IllegalStateException(fn + " has two kernels");
                }
            });
        }
        for (ScalarFn fn : ScalarFn.values()) {
            if (!KERNELS.containsKey(fn)) {
                throw new IllegalStateException(fn + " has no kernel in any function family");
            }
        }
    }

    private FunctionRegistry() {
    }

    public static List<FunctionFamily> families() {
        return FAMILIES;
    }

    /** The function with wire name {@code name}, or null. */
    public static FunctionDef find(String name) {
        return BY_NAME.get(name);
    }

    /** The wire name for a name in an expression string or SQL (lower case), or null if none. */
    public static String wireName(String name) {
        String alias = SQL.get(name);
        return alias != null ? alias : BY_NAME.containsKey(name) ? name : null;
    }

    /** Binds a scalar call over its bound arguments by its function's type rule. */
    public static BoundExpr bind(Expr.Call call, List<Arg> args) {
        FunctionDef f = BY_NAME.get(call.function());
        if (f == null || f.binder() == null && f.kind() == FunctionDef.Kind.SCALAR) {
            throw PolaroidException.invalidPlan("unknown function '" + call.function() + "' in " + ExprFormatter.format(call));
        }
        if (f.kind() == FunctionDef.Kind.WINDOW) {
            throw PolaroidException.invalidPlan(call.function() + "() computes each row from the rows around it, so it"
                    + " belongs in select(), with_columns() or filter(), not here: " + ExprFormatter.format(call));
        }
        if (f.kind() == FunctionDef.Kind.ROW_SET) {
            throw PolaroidException.invalidPlan(call.function() + "() makes a new set of rows, so it can only be the one"
                    + " expression of a select(): " + ExprFormatter.format(call));
        }
        return f.binder().bind(new Binding(call, args));
    }

    /** Binds an aggregate call over its bound argument (null for {@code len()}). */
    public static AggCall aggregate(Expr.Call call, BoundExpr arg) {
        return AggregateFunctions.resolve(call, arg);
    }

    /**
     * Binds a call of an order-dependent function (a {@link FunctionDef.Kind#WINDOW}), resolving
     * its value argument with {@code argument}.
     */
    public static WindowCall window(Expr.Call call, java.util.function.Function<Expr, Arg> argument) {
        return WindowFunctions.resolve(call, argument);
    }

    /** Whether {@code name} is an order-dependent function, computed by the window operator. */
    public static boolean isWindow(String name) {
        FunctionDef f = BY_NAME.get(name);
        return f != null && f.kind() == FunctionDef.Kind.WINDOW || WindowFn.PLACE.wireName().equals(name);
    }

    /** The kernel of a resolved function. */
    public static Kernel kernel(ScalarFn fn) {
        return KERNELS.get(fn);
    }
}
