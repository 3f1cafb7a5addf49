package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The grouping of one SELECT: its GROUP BY keys and the aggregates its SELECT list, HAVING and
 * ORDER BY use, each computed once under a name of its own. Expressions after grouping read
 * those names. Aggregates keep SQL's meaning where Polars' differs: {@code sum} of no values is
 * null, {@code count(DISTINCT x)} does not count null.
 */
final class SqlAggregation {
    private record Key(Expr expr, String internal) {
    }

    private final SqlNames names;
    private final java.util.function.Predicate<Expr> neverNull;
    private final List<Key> keys = new ArrayList<>();
    private final Map<Expr, String> aggs = new LinkedHashMap<>();

    /** {@code neverNull} says which values hold no null: their sum over a group needs no count. */
    SqlAggregation(SqlNames names, java.util.function.Predicate<Expr> neverNull) {
        this.names = names;
        this.neverNull = neverNull;
    }

    /** Adds a GROUP BY key, computed before grouping; {@code preferred} names it when it is a plain column. */
    String addKey(Expr expr, String preferred) {
        for (Key k : keys) {
            if (k.expr().equals(expr)) {
                return k.internal();
            }
        }
        String internal = expr instanceof Expr.Column c ? c.name() : names.fresh(preferred);
        keys.add(new Key(expr, internal));
        return internal;
    }

    /** The key column {@code node} is, or null. */
    Expr key(SqlNode node, ExprTranslator grouped) {
        if (node instanceof SqlLiteral || keys.isEmpty() || ExprTranslator.hasAggregate(node) || hasSubquery(node)
                || node.getKind() == SqlKind.OVER) {
            return null;
        }
        Expr before;
        try {
            before = grouped.ungrouped("GROUP BY").translate(node);
        } catch (PolaroidException notHere) {
            return null;
        }
        for (Key k : keys) {
            if (k.expr().equals(before)) {
                return new Expr.Column(k.internal());
            }
        }
        return null;
    }

    /** An aggregate call, as an expression over the aggregated columns. */
    Expr aggregate(SqlCall call, SqlNode filter, ExprTranslator grouped) {
        if (call.getKind() == SqlKind.FILTER) {
            return aggregate((SqlCall) call.operand(0), call.operand(1), grouped);
        }
        ExprTranslator before = grouped.ungrouped("an aggregate function");
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        boolean distinct = call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(call.getFunctionQuantifier().toValue());
        Expr condition = filter == null ? null : before.translate(filter);
        List<SqlNode> operands = call.getOperandList();
        boolean star = operands.isEmpty() || operands.get(0) instanceof SqlIdentifier id && id.isStar();
        if (name.equals("count") && star) {
            return condition == null ? agg(FunctionNames.LEN) : agg(FunctionNames.COUNT, when(condition, one()));
        }
        if (name.equals("count_if")) {
            return agg(FunctionNames.COUNT, when(before.translate(operands.get(0)), one()));
        }
        if (operands.size() != 1) {
            throw PolaroidException.notSupported(name + "() with " + operands.size() + " arguments");
        }
        Expr x = before.translate(operands.get(0));
        if (condition != null) {
            x = when(condition, x);
        }
        if (distinct && !name.equals("count") && !name.equals("min") && !name.equals("max")) {
            throw PolaroidException.notSupported(name + "(DISTINCT ...); count(DISTINCT ...) is supported");
        }
        return switch (name) {
            case "count" -> distinct ? countDistinct(x) : agg(FunctionNames.COUNT, x);
            case "sum" -> sum(x);
            case "avg", "mean" -> agg(FunctionNames.MEAN, x);
            case "min" -> agg(FunctionNames.MIN, x);
            case "max" -> agg(FunctionNames.MAX, x);
            case "stddev", "stddev_samp" -> agg(FunctionNames.STD, x);
            case "variance", "var_samp" -> agg(FunctionNames.VAR, x);
            case "median" -> agg(FunctionNames.MEDIAN, x);
            case "first", "any_value", "arbitrary" -> agg(FunctionNames.FIRST, x);
            case "last" -> agg(FunctionNames.LAST, x);
            case "bool_and", "every" -> agg(FunctionNames.MIN, x);
            case "bool_or" -> agg(FunctionNames.MAX, x);
            case "product" -> agg(FunctionNames.PRODUCT, x);
            case "list", "array_agg" -> agg(FunctionNames.IMPLODE, x);
            default -> throw PolaroidException.notSupported("the aggregate function " + name + "(); the aggregates are count,"
                    + " sum, avg, min, max, stddev, variance, median, first, last, bool_and, bool_or, product, list");
        };
    }

    /**
     * SQL's sum: null when no value was summed. A group (there are keys) of values that are never
     * null always has one, so then Polars' sum is SQL's.
     */
    private Expr sum(Expr x) {
        if (!keys.isEmpty() && neverNull.test(x)) {
            return agg(FunctionNames.SUM, x);
        }
        return new Expr.When(List.of(new Expr.Branch(gtZero(agg(FunctionNames.COUNT, x)), agg(FunctionNames.SUM, x))), null);
    }

    /** {@code count(DISTINCT x)}: the distinct values, less one when a null is among them. */
    private Expr countDistinct(Expr x) {
        Expr hasNull = new Expr.Call(FunctionNames.LT, List.of(agg(FunctionNames.COUNT, x), agg(FunctionNames.LEN)));
        return new Expr.Call(FunctionNames.SUB, List.of(agg(FunctionNames.N_UNIQUE, x),
                new Expr.Cast(hasNull, DataType.INT64, true)));
    }

    private Expr agg(String fn, Expr... args) {
        Expr call = new Expr.Call(fn, List.of(args));
        String internal = aggs.computeIfAbsent(call, c -> names.fresh(fn));
        return new Expr.Column(internal);
    }

    private static Expr when(Expr condition, Expr value) {
        return new Expr.When(List.of(new Expr.Branch(condition, value)), null);
    }

    private static Expr one() {
        return new Expr.Literal(1L, DataType.INT32, true);
    }

    private static Expr gtZero(Expr count) {
        return new Expr.Call(FunctionNames.GT, List.of(count, new Expr.Literal(0L, DataType.INT32, true)));
    }

    boolean isEmpty() {
        return keys.isEmpty() && aggs.isEmpty();
    }

    /** Columns after grouping, for a window over the aggregated rows. */
    List<String> keyColumns() {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.internal()));
        return out;
    }

    /** The aggregation of {@code input}: one row per key (one row in all without keys). */
    PlanNode plan(PlanNode input) {
        List<Expr> keyExprs = new ArrayList<>();
        for (Key k : keys) {
            keyExprs.add(k.expr() instanceof Expr.Column c && c.name().equals(k.internal()) ? k.expr()
                    : new Expr.Alias(k.expr(), k.internal()));
        }
        List<Expr> aggExprs = new ArrayList<>();
        aggs.forEach((e, internal) -> aggExprs.add(new Expr.Alias(e, internal)));
        if (keyExprs.isEmpty()) {
            return new PlanNode.Select(input, aggExprs);
        }
        return new PlanNode.Aggregate(input, keyExprs, aggExprs, false);
    }

    static boolean hasSubquery(SqlNode node) {
        boolean[] found = {false};
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSelect || call.getKind() == SqlKind.ORDER_BY || call.getKind() == SqlKind.UNION) {
                    found[0] = true;
                    return call;
                }
                return super.visit(call);
            }
        });
        return found[0];
    }
}
