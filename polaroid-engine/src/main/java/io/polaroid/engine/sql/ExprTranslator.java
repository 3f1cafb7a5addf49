package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;

/**
 * One SQL expression as the engine's expression, in a {@link Scope}: operators and functions
 * become the calls the DataFrame API makes, so the analyzer and the optimizer see nothing new.
 * Aggregates and grouping keys go through the {@link SqlAggregation} of the query (none in WHERE),
 * scalar subqueries through {@link SqlSubqueries}, window functions become {@code over()}.
 */
final class ExprTranslator {
    static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "mean", "min", "max", "stddev", "stddev_samp",
            "stddev_pop", "variance", "var_samp", "var_pop", "median", "first", "last", "any_value", "arbitrary",
            "bool_and", "bool_or", "every", "product", "string_agg", "list", "array_agg", "count_if");

    private final Scope scope;
    private final SqlParameters parameters;
    private final SqlSubqueries subqueries;
    private final SqlAggregation aggregation;
    private final String clause;

    /** {@code clause} names where the expression stands, for errors ("WHERE", "the SELECT list"). */
    ExprTranslator(Scope scope, SqlParameters parameters, SqlSubqueries subqueries, SqlAggregation aggregation, String clause) {
        this.scope = scope;
        this.parameters = parameters;
        this.subqueries = subqueries;
        this.aggregation = aggregation;
        this.clause = clause;
    }

    /** The same translator without grouping: for the arguments of an aggregate, the rows before grouping. */
    ExprTranslator ungrouped(String where) {
        return new ExprTranslator(scope, parameters, subqueries, null, where);
    }

    Scope scope() {
        return scope;
    }

    SqlSubqueries subqueries() {
        return subqueries;
    }

    Expr translate(SqlNode node) {
        if (aggregation != null) {
            Expr key = aggregation.key(node, this);
            if (key != null) {
                return key;
            }
        }
        if (node instanceof SqlIdentifier id) {
            return column(id);
        }
        if (node instanceof SqlLiteral lit) {
            return SqlLiterals.literal(lit);
        }
        if (node instanceof SqlDynamicParam p) {
            return parameters.get(p.getIndex());
        }
        if (node instanceof SqlCase c) {
            return caseWhen(c);
        }
        if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.UNION
                || node.getKind() == SqlKind.WITH) {
            return subqueries.scalar(node, this);
        }
        if (node instanceof SqlCall call) {
            return call(call);
        }
        throw PolaroidException.notSupported("the SQL expression " + node + " (" + node.getKind() + ")");
    }

    List<Expr> translateAll(List<SqlNode> nodes) {
        List<Expr> out = new ArrayList<>();
        for (SqlNode n : nodes) {
            out.add(translate(n));
        }
        return out;
    }

    private Expr column(SqlIdentifier id) {
        if (id.isStar()) {
            throw PolaroidException.notSupported("* in " + clause + "; it stands alone in a SELECT list or in count(*)");
        }
        Scope.Found found = scope.resolve(id.names);
        if (aggregation != null && found.depth() == 0) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "column '" + id + "' must appear in the GROUP BY clause"
                    + " or be used in an aggregate function");
        }
        return new Expr.Column(found.column().internal());
    }

    private Expr call(SqlCall call) {
        SqlKind kind = call.getKind();
        List<SqlNode> ops = call.getOperandList();
        switch (kind) {
            case AND:
                return chain(FunctionNames.AND, ops);
            case OR:
                return chain(FunctionNames.OR, ops);
            case NOT:
                return not(translate(ops.get(0)));
            case EQUALS:
                return binary(FunctionNames.EQ, ops);
            case NOT_EQUALS:
                return binary(FunctionNames.NE, ops);
            case LESS_THAN:
                return binary(FunctionNames.LT, ops);
            case LESS_THAN_OR_EQUAL:
                return binary(FunctionNames.LE, ops);
            case GREATER_THAN:
                return binary(FunctionNames.GT, ops);
            case GREATER_THAN_OR_EQUAL:
                return binary(FunctionNames.GE, ops);
            case PLUS:
                return arithmetic(FunctionNames.ADD, ops, true);
            case MINUS:
                return arithmetic(FunctionNames.SUB, ops, false);
            case TIMES:
                return binary(FunctionNames.MUL, ops);
            case DIVIDE:
                return binary(FunctionNames.TRUEDIV, ops);
            case MOD:
                return binary(FunctionNames.MOD, ops);
            case MINUS_PREFIX:
                return negate(translate(ops.get(0)));
            case PLUS_PREFIX:
                return translate(ops.get(0));
            case IS_NULL:
                return unary(FunctionNames.IS_NULL, ops);
            case IS_NOT_NULL:
                return unary(FunctionNames.IS_NOT_NULL, ops);
            case IS_TRUE:
                return fillFalse(translate(ops.get(0)), false);
            case IS_NOT_TRUE:
                return not(fillFalse(translate(ops.get(0)), false));
            case IS_FALSE:
                return fillFalse(not(translate(ops.get(0))), false);
            case IS_NOT_FALSE:
                return not(fillFalse(not(translate(ops.get(0))), false));
            case IS_DISTINCT_FROM:
                return not(notDistinct(translate(ops.get(0)), translate(ops.get(1))));
            case IS_NOT_DISTINCT_FROM:
                return notDistinct(translate(ops.get(0)), translate(ops.get(1)));
            case LIKE:
                return like(call, ops);
            case BETWEEN:
                return between(call, ops);
            case IN:
            case NOT_IN:
                return in(kind == SqlKind.NOT_IN, ops);
            case EXISTS:
                return subqueries.exists(ops.get(0), this);
            case CAST:
                return cast(ops, true);
            case EXTRACT:
                return extract(ops);
            case COALESCE:
                return new Expr.Call(FunctionNames.COALESCE, translateAll(ops));
            case NULLIF: {
                Expr a = translate(ops.get(0));
                return new Expr.When(List.of(new Expr.Branch(new Expr.Call(FunctionNames.EQ,
                        List.of(a, translate(ops.get(1)))), Expr.Literal.of(null, DataType.NULL))), a);
            }
            case TRIM:
                return trim(ops);
            case POSITION:
                throw PolaroidException.notSupported("POSITION; the string functions are listed in docs/sql.md");
            case OVER:
                return SqlWindows.over(call, this, aggregation);
            case FILTER:
                return aggregate(call, null);
            case FLOOR:
            case CEIL:
                if (ops.size() != 1) {
                    throw PolaroidException.notSupported(kind + " to a time unit");
                }
                return unary(kind == SqlKind.FLOOR ? FunctionNames.FLOOR : FunctionNames.CEIL, ops);
            case ROW:
                throw PolaroidException.notSupported("row values (a, b) outside IN");
            default:
                break;
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (name.equals("||") || kind == SqlKind.OTHER && name.equals("concat")) {
            return new Expr.Call(FunctionNames.CONCAT_STR, translateAll(ops));
        }
        if (name.equals("::")) {
            return cast(ops, true);
        }
        if (AGGREGATES.contains(name) || call.getOperator().isAggregator()) {
            return aggregate(call, null);
        }
        return SqlFunctions.call(name, call, this);
    }

    /** An aggregate call: in a grouped query, a column of the aggregation; elsewhere an error. */
    Expr aggregate(SqlCall call, SqlNode filter) {
        if (aggregation == null) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "aggregate functions are not allowed in " + clause + ": " + call);
        }
        return aggregation.aggregate(call, filter, this);
    }

    private Expr chain(String fn, List<SqlNode> ops) {
        Expr out = translate(ops.get(0));
        for (int i = 1; i < ops.size(); i++) {
            out = new Expr.Call(fn, List.of(out, translate(ops.get(i))));
        }
        return out;
    }

    private Expr binary(String fn, List<SqlNode> ops) {
        Expr left = translate(ops.get(0));
        Expr right = translate(ops.get(1));
        parameters.observe(ops.get(0), right);
        parameters.observe(ops.get(1), left);
        return new Expr.Call(fn, List.of(left, right));
    }

    private Expr unary(String fn, List<SqlNode> ops) {
        return new Expr.Call(fn, List.of(translate(ops.get(0))));
    }

    /** {@code +} and {@code -}; a date literal and an interval literal fold to a date, as the optimizer could not. */
    private Expr arithmetic(String fn, List<SqlNode> ops, boolean plus) {
        Expr left = translate(ops.get(0));
        Expr right = translate(ops.get(1));
        Expr folded = SqlLiterals.foldDateArithmetic(left, right, plus);
        if (folded != null) {
            return folded;
        }
        Expr out = new Expr.Call(fn, List.of(left, right));
        if (DataType.DATE32.equals(typeOf(left)) && DataType.INTERVAL.equals(typeOf(right))) {
            // DuckDB: a date moved by an interval is a timestamp
            return new Expr.Cast(out, DataType.timestamp(io.polaroid.engine.types.TimeUnit.MICROSECOND, null), true);
        }
        return out;
    }

    private static Expr negate(Expr e) {
        if (e instanceof Expr.Literal l && l.value() instanceof Long v) {
            return new Expr.Literal(-v, l.type(), l.dynamic());
        }
        if (e instanceof Expr.Literal l && l.value() instanceof Integer v) {
            return new Expr.Literal(-v, l.type(), l.dynamic());
        }
        if (e instanceof Expr.Literal l && l.value() instanceof Double v) {
            return new Expr.Literal(-v, l.type(), l.dynamic());
        }
        if (e instanceof Expr.Literal l && l.value() instanceof java.math.BigDecimal v) {
            return new Expr.Literal(v.negate(), l.type(), l.dynamic());
        }
        return new Expr.Call(FunctionNames.NEG, List.of(e));
    }

    static Expr not(Expr e) {
        return new Expr.Call(FunctionNames.NOT, List.of(e));
    }

    private static Expr fillFalse(Expr e, boolean value) {
        return new Expr.Call(FunctionNames.FILL_NULL, List.of(e, Expr.Literal.of(value, DataType.BOOL)));
    }

    /** {@code a IS NOT DISTINCT FROM b}: equal, or both null. */
    private static Expr notDistinct(Expr a, Expr b) {
        Expr bothNull = new Expr.Call(FunctionNames.AND, List.of(new Expr.Call(FunctionNames.IS_NULL, List.of(a)),
                new Expr.Call(FunctionNames.IS_NULL, List.of(b))));
        return new Expr.Call(FunctionNames.OR, List.of(fillFalse(new Expr.Call(FunctionNames.EQ, List.of(a, b)), false), bothNull));
    }

    private Expr like(SqlCall call, List<SqlNode> ops) {
        if (ops.size() > 2) {
            throw PolaroidException.notSupported("LIKE ... ESCAPE");
        }
        boolean negated = call.getOperator() instanceof SqlLikeOperator l && l.isNegated();
        boolean ignoreCase = call.getOperator().getName().toUpperCase(Locale.ROOT).contains("ILIKE");
        Expr value = translate(ops.get(0));
        Expr pattern = translate(ops.get(1));
        if (ignoreCase) {
            value = new Expr.Call(FunctionNames.STR_TO_LOWERCASE, List.of(value));
            pattern = pattern instanceof Expr.Literal l && l.value() instanceof String p
                    ? Expr.Literal.of(p.toLowerCase(Locale.ROOT), DataType.UTF8)
                    : new Expr.Call(FunctionNames.STR_TO_LOWERCASE, List.of(pattern));
        }
        Expr like = new Expr.Call(FunctionNames.STR_LIKE, List.of(value, pattern));
        return negated ? not(like) : like;
    }

    private Expr between(SqlCall call, List<SqlNode> ops) {
        SqlBetweenOperator op = (SqlBetweenOperator) call.getOperator();
        if (op.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
            throw PolaroidException.notSupported("BETWEEN SYMMETRIC");
        }
        Expr value = translate(ops.get(0));
        Expr low = translate(ops.get(1));
        Expr high = translate(ops.get(2));
        Expr between = new Expr.Call(FunctionNames.AND, List.of(new Expr.Call(FunctionNames.GE, List.of(value, low)),
                new Expr.Call(FunctionNames.LE, List.of(value, high))));
        return op.isNegated() ? not(between) : between;
    }

    /** {@code x [NOT] IN (v1, v2, ...)}; with a subquery, the subquery's rows. */
    private Expr in(boolean negated, List<SqlNode> ops) {
        if (!(ops.get(1) instanceof SqlNodeList list)) {
            return subqueries.in(ops.get(0), ops.get(1), negated, this);
        }
        Expr value = translate(ops.get(0));
        List<Expr> args = new ArrayList<>();
        args.add(value);
        boolean literals = true;
        for (SqlNode v : list) {
            Expr e = translate(v);
            literals &= e instanceof Expr.Literal;
            args.add(e);
        }
        Expr in;
        if (literals) {
            in = new Expr.Call(FunctionNames.IS_IN, args);
        } else {
            in = null;
            for (int i = 1; i < args.size(); i++) {
                Expr eq = new Expr.Call(FunctionNames.EQ, List.of(value, args.get(i)));
                in = in == null ? eq : new Expr.Call(FunctionNames.OR, List.of(in, eq));
            }
        }
        return negated ? not(in) : in;
    }

    private Expr caseWhen(SqlCase c) {
        SqlNode value = c.getValueOperand();
        Expr subject = value == null ? null : translate(value);
        List<Expr.Branch> branches = new ArrayList<>();
        for (int i = 0; i < c.getWhenOperands().size(); i++) {
            Expr when = translate(c.getWhenOperands().get(i));
            Expr condition = subject == null ? when : new Expr.Call(FunctionNames.EQ, List.of(subject, when));
            branches.add(new Expr.Branch(condition, translate(c.getThenOperands().get(i))));
        }
        SqlNode otherwise = c.getElseOperand();
        boolean noElse = otherwise == null || otherwise instanceof SqlLiteral l && l.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL;
        return new Expr.When(branches, noElse ? null : translate(otherwise));
    }

    Expr cast(List<SqlNode> ops, boolean strict) {
        Expr value = translate(ops.get(0));
        DataType type = SqlTypes.of((SqlDataTypeSpec) ops.get(1));
        if (value instanceof Expr.Literal l && l.value() instanceof String s && type.equals(DataType.DATE32)) {
            return Expr.Literal.of(io.polaroid.engine.types.Scalars.parseDate(s.trim()), DataType.DATE32);
        }
        if (type.kind().isInteger()) {
            // DuckDB rounds to the nearest integer (decimals half away from zero, floats half to even); Polars truncates
            DataType from = typeOf(value);
            if (from != null && (from.kind().isFloat() || from.kind() == io.polaroid.engine.types.TypeKind.DECIMAL)) {
                value = new Expr.Call(FunctionNames.ROUND, List.of(value, new Expr.Literal(0L, DataType.INT32, true),
                        Expr.Literal.of(from.kind().isFloat() ? "half_to_even" : "half_away_from_zero", DataType.UTF8)));
            }
        }
        return new Expr.Cast(value, type, strict);
    }

    /** The type of a column or a literal, when it is known before analysis; else null. */
    DataType typeOf(Expr e) {
        if (e instanceof Expr.Column c) {
            return parameters.columnType(c.name());
        }
        return e instanceof Expr.Literal l && !l.type().equals(DataType.NULL) ? l.type() : null;
    }

    private Expr extract(List<SqlNode> ops) {
        SqlIntervalQualifier q = (SqlIntervalQualifier) ops.get(0);
        String part = q.timeUnitRange.startUnit.name();
        return datePart(part, translate(ops.get(1)));
    }

    /** {@code extract(part from x)} and {@code date_part('part', x)}. */
    static Expr datePart(String part, Expr value) {
        String p = part.toLowerCase(Locale.ROOT);
        if (p.equals("dow")) {
            // DuckDB: Sunday is 0; Polars' weekday: Monday is 1 ... Sunday is 7
            return new Expr.Call(FunctionNames.MOD, List.of(new Expr.Call(FunctionNames.DT_WEEKDAY, List.of(value)),
                    new Expr.Literal(7L, DataType.INT32, true)));
        }
        String fn = FunctionNames.extractFunction(p);
        if (fn == null) {
            throw PolaroidException.notSupported("the date part " + part
                    + "; the parts are year, quarter, month, day, dow, isodow, doy, hour, minute and second");
        }
        return new Expr.Call(fn, List.of(value));
    }

    private Expr trim(List<SqlNode> ops) {
        SqlTrimFunction.Flag flag = ((SqlLiteral) ops.get(0)).getValueAs(SqlTrimFunction.Flag.class);
        Expr chars = translate(ops.get(1));
        Expr value = translate(ops.get(2));
        String fn = switch (flag) {
            case BOTH -> FunctionNames.STR_STRIP_CHARS;
            case LEADING -> FunctionNames.STR_STRIP_CHARS_START;
            case TRAILING -> FunctionNames.STR_STRIP_CHARS_END;
        };
        return new Expr.Call(fn, List.of(value, chars));
    }

    /** ORDER BY items of a window or a query: {@code x [ASC|DESC] [NULLS FIRST|LAST]}, nulls as DuckDB puts them (last). */
    List<SortKey> sortKeys(SqlNodeList items, java.util.function.Function<SqlNode, Expr> keyOf) {
        List<SortKey> keys = new ArrayList<>();
        for (SqlNode item : items) {
            boolean descending = false;
            Boolean nullsFirst = null;
            SqlNode e = item;
            while (e instanceof SqlBasicCall c && (c.getKind() == SqlKind.DESCENDING || c.getKind() == SqlKind.NULLS_FIRST
                    || c.getKind() == SqlKind.NULLS_LAST)) {
                if (c.getKind() == SqlKind.DESCENDING) {
                    descending = true;
                } else if (nullsFirst == null) {
                    nullsFirst = c.getKind() == SqlKind.NULLS_FIRST;
                }
                e = c.operand(0);
            }
            boolean nullsLast = nullsFirst == null || !nullsFirst;
            keys.add(new SortKey(keyOf.apply(e), descending, nullsLast));
        }
        return keys;
    }

    static boolean isAggregateCall(SqlNode node) {
        if (!(node instanceof SqlCall call)) {
            return false;
        }
        SqlOperator op = call.getOperator();
        return call.getKind() != SqlKind.OVER && (op.isAggregator() || AGGREGATES.contains(op.getName().toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code node} holds an aggregate call outside a window and outside subqueries. */
    static boolean hasAggregate(SqlNode node) {
        if (node == null || node instanceof SqlSelect || node instanceof SqlWindow) {
            return false;
        }
        if (node.getKind() == SqlKind.OVER) {
            return hasAggregate(((SqlCall) node).operand(0) instanceof SqlCall c ? argsOf(c) : null);
        }
        if (node.getKind() == SqlKind.FILTER || isAggregateCall(node)) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (hasAggregate(n)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof SqlCall call) {
            for (SqlNode n : call.getOperandList()) {
                if (hasAggregate(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SqlNodeList argsOf(SqlCall c) {
        return new SqlNodeList(c.getOperandList().stream().filter(java.util.Objects::nonNull).toList(),
                org.apache.calcite.sql.parser.SqlParserPos.ZERO);
    }

    /** The wire name of a SQL function the registry knows by that SQL name, or null. */
    static String registered(String sqlName) {
        return FunctionRegistry.wireName(sqlName);
    }
}
