package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.functions.TypeCoercion;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves an unresolved expression against a schema: binds column names, types literals and
 * resolves function calls. Aggregate calls are an error unless an {@code aggregates} handler is
 * given, which turns each into a reference to the column that will hold its result.
 */
final class ExprResolver {
    private final Schema schema;
    private final Function<Expr.Call, BoundExpr> aggregates;
    private final Function<Expr.Window, BoundExpr> windows;
    private final Function<Expr.Call, BoundExpr> windowCalls;

    ExprResolver(Schema schema, Function<Expr.Call, BoundExpr> aggregates) {
        this(schema, aggregates, null);
    }

    ExprResolver(Schema schema, Function<Expr.Call, BoundExpr> aggregates, Function<Expr.Window, BoundExpr> windows) {
        this(schema, aggregates, windows, null);
    }

    /**
     * A resolver whose aggregations, windows and order-dependent calls ({@code cum_sum}, ...)
     * become the columns that hold them; a null handler makes that kind an error.
     */
    ExprResolver(Schema schema, Function<Expr.Call, BoundExpr> aggregates, Function<Expr.Window, BoundExpr> windows,
                 Function<Expr.Call, BoundExpr> windowCalls) {
        this.schema = schema;
        this.aggregates = aggregates;
        this.windows = windows;
        this.windowCalls = windowCalls;
    }

    ExprResolver(Schema schema) {
        this(schema, null);
    }

    /** The bound expression, refused if it nests deeper than {@link ExprDepth#MAX} levels. */
    BoundExpr resolve(Expr expr) {
        return ExprDepth.check(resolveArg(expr).expr(), expr);
    }

    Arg resolveArg(Expr expr) {
        if (expr instanceof Expr.Column c) {
            Field f = schema.field(c.name());
            return new Arg(new BoundExpr.ColumnRef(f.name(), f.type()), false);
        }
        if (expr instanceof Expr.Literal l) {
            return new Arg(new BoundExpr.Literal(l.value(), l.type()), l.dynamic());
        }
        if (expr instanceof Expr.Alias a) {
            return resolveArg(a.expr());
        }
        if (expr instanceof Expr.Cast c) {
            BoundExpr input = resolveArg(c.expr()).expr();
            if (!Casts.canCast(input.type(), c.type())) {
                throw PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(c) + ": cannot cast "
                        + input.type() + " to " + c.type());
            }
            if (input.type().equals(c.type())) {
                return new Arg(input, false);
            }
            if (input instanceof BoundExpr.Literal lit) {
                return new Arg(new BoundExpr.Literal(Casts.convert(lit.value(), lit.type(), c.type(), c.strict()), c.type()), false);
            }
            return new Arg(new BoundExpr.Cast(input, c.type(), c.strict()), false);
        }
        if (expr instanceof Expr.When w) {
            return new Arg(resolveWhen(w), false);
        }
        if (expr instanceof Expr.Window w) {
            if (windows == null) {
                throw PolaroidException.invalidPlan("a window expression " + ExprFormatter.format(w)
                        + " is not allowed here; use it in select(), with_columns() or filter()");
            }
            return new Arg(windows.apply(w), false);
        }
        Expr.Call call = (Expr.Call) expr;
        if (FunctionNames.AGGREGATES.contains(call.function())) {
            if (aggregates == null) {
                throw PolaroidException.invalidPlan("aggregation " + ExprFormatter.format(call)
                        + " is not allowed here; use it in group_by().agg() or select()");
            }
            return new Arg(aggregates.apply(call), false);
        }
        if (windowCalls != null && FunctionRegistry.isWindow(call.function())) {
            return new Arg(windowCalls.apply(call), false);
        }
        if (ListElementResolver.handles(call.function())) {
            return ListElementResolver.resolve(call, this::resolveArg);
        }
        List<Expr> operands = isLogical(call) ? chainTerms(call) : call.args();
        List<Arg> args = new ArrayList<>(operands.size());
        for (Expr arg : operands) {
            args.add(resolveArg(arg));
        }
        if (call.function().equals(FunctionNames.NEG) && args.size() == 1 && args.get(0).isLiteral()) {
            Arg a = args.get(0);
            Object v = a.literalValue();
            if (v instanceof Long x) {
                return new Arg(new BoundExpr.Literal(-x, a.type()), a.dynamic());
            }
            if (v instanceof Double x) {
                return new Arg(new BoundExpr.Literal(-x, a.type()), a.dynamic());
            }
        }
        return new Arg(FunctionRegistry.bind(call, args), false);
    }

    private static boolean isLogical(Expr.Call call) {
        return call.function().equals(FunctionNames.AND) || call.function().equals(FunctionNames.OR);
    }

    /**
     * The terms of an AND (or OR) chain in order, {@code (a and b) and c} as [a, b, c], walked
     * without recursion: a chain built by calling {@code and()} in a loop is as deep as it is long,
     * and resolving it as one n-ary call binds it once, balanced, instead of 10,000 levels deep.
     */
    private static List<Expr> chainTerms(Expr.Call chain) {
        List<Expr> terms = new ArrayList<>();
        Deque<Expr> pending = new ArrayDeque<>();
        pending.push(chain);
        while (!pending.isEmpty()) {
            Expr e = pending.pop();
            if (e instanceof Expr.Call c && c.function().equals(chain.function())) {
                for (int i = c.args().size() - 1; i >= 0; i--) {
                    pending.push(c.args().get(i));
                }
            } else {
                terms.add(e);
            }
        }
        return terms;
    }

    private BoundExpr resolveWhen(Expr.When w) {
        List<BoundExpr> conditions = new ArrayList<>();
        List<Arg> values = new ArrayList<>();
        for (Expr.Branch b : w.branches()) {
            BoundExpr cond = resolveArg(b.condition()).expr();
            if (cond.type().kind() == TypeKind.NULL) {
                cond = new BoundExpr.Literal(null, DataType.BOOL);
            }
            if (cond.type().kind() != TypeKind.BOOL) {
                throw PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(w)
                        + ": a when() condition must be bool, not " + cond.type());
            }
            conditions.add(cond);
            values.add(resolveArg(b.then()));
        }
        Arg otherwise = w.otherwise() == null ? new Arg(new BoundExpr.Literal(null, DataType.NULL), false)
                : resolveArg(w.otherwise());
        values.add(otherwise);
        DataType common = DataType.NULL;
        for (Arg v : values) {
            if (v.isLiteral() && v.dynamic()) {
                continue;
            }
            DataType next = TypeCoercion.supertype(common, v.type());
            if (next == null) {
                throw PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(w)
                        + ": branches have types " + common + " and " + v.type());
            }
            common = next;
        }
        for (Arg v : values) {
            if (v.isLiteral() && v.dynamic()) {
                DataType target = common.kind() == TypeKind.NULL ? v.type() : common;
                BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(v, target);
                DataType t = adapted != null ? adapted.type() : v.type();
                DataType next = TypeCoercion.supertype(common, t);
                if (next == null) {
                    throw PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(w)
                            + ": branches have types " + common + " and " + v.type());
                }
                common = next;
            }
        }
        if (common.kind() == TypeKind.NULL) {
            common = DataType.BOOL;
        }
        if (common.isStruct()) {
            throw PolaroidException.notSupported("when/then/otherwise of struct values (" + common + ") is not supported"
                    + " yet; choose each field instead: " + ExprFormatter.format(w));
        }
        List<BoundExpr> cast = new ArrayList<>();
        for (Arg v : values) {
            BoundExpr e = v.expr();
            if (v.isLiteral()) {
                BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(v, common);
                e = adapted != null ? adapted : e;
            }
            cast.add(TypeCoercion.castTo(e, common));
        }
        return new BoundExpr.Case(conditions, cast.subList(0, conditions.size()), cast.get(cast.size() - 1), common);
    }

    /** Whether the expression contains an aggregate call outside any window. */
    static boolean hasAggregate(Expr expr) {
        if (expr instanceof Expr.Call c) {
            if (FunctionNames.AGGREGATES.contains(c.function())) {
                return true;
            }
            return ListElementResolver.outerArgs(c).stream().anyMatch(ExprResolver::hasAggregate);
        }
        if (expr instanceof Expr.Alias a) {
            return hasAggregate(a.expr());
        }
        if (expr instanceof Expr.Cast c) {
            return hasAggregate(c.expr());
        }
        if (expr instanceof Expr.When w) {
            return w.branches().stream().anyMatch(b -> hasAggregate(b.condition()) || hasAggregate(b.then()))
                    || (w.otherwise() != null && hasAggregate(w.otherwise()));
        }
        return false;
    }

}
