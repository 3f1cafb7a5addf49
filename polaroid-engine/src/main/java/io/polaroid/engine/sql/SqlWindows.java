package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWindow;

/**
 * {@code f(...) OVER (PARTITION BY ... ORDER BY ... frame)} as Polars' {@code over()}: ranking and
 * offset functions run in the window's order; an aggregate over a whole partition is the
 * partition's value on every row; with ORDER BY (the frame from the partition's start to the
 * current row) it is the running aggregate; {@code ROWS BETWEEN n PRECEDING AND CURRENT ROW}
 * is a rolling one.
 */
final class SqlWindows {
    private SqlWindows() {
    }

    static Expr over(SqlCall over, ExprTranslator t, SqlAggregation grouping) {
        SqlCall fn = (SqlCall) over.operand(0);
        if (!(over.operand(1) instanceof SqlWindow w)) {
            throw PolaroidException.notSupported("named windows (WINDOW w AS ...); write the window in OVER (...)");
        }
        List<Expr> partition = t.translateAll(w.getPartitionList().getList());
        List<SortKey> order = t.sortKeys(w.getOrderList(), t::translate);
        String name = fn.getOperator().getName().toLowerCase(Locale.ROOT);
        List<SqlNode> args = fn.getOperandList();
        Expr value = switch (name) {
            case "row_number" -> rowNumber();
            case "rank", "dense_rank" -> rank(name, order);
            case "lag", "lead" -> offset(name, args, t);
            default -> aggregate(name, fn, w, order, t);
        };
        if (partition.isEmpty() && order.isEmpty()) {
            return value;
        }
        Expr window = new Expr.Window(value, partition, order);
        if (!running(name, w, order)) {
            return window;
        }
        // RANGE frame (the default with ORDER BY): rows that tie on the order (peers) all get the
        // value at the last of them; the running value is computed first, then read at each peer group's end
        Expr rows = t.subqueries().precomputed(window);
        List<Expr> peers = new ArrayList<>(partition);
        order.forEach(k -> peers.add(k.expr()));
        return new Expr.Window(new Expr.Call(FunctionNames.LAST, List.of(rows)), peers, List.of());
    }

    /** An aggregate over a RANGE frame from the partition's start to the current row's peers. */
    private static boolean running(String name, SqlWindow w, List<SortKey> order) {
        return !order.isEmpty() && !w.isRows() && ExprTranslator.AGGREGATES.contains(name)
                && !(unbounded(w.getLowerBound()) && unbounded(w.getUpperBound()) && w.getLowerBound() != null);
    }

    private static Expr rowNumber() {
        return new Expr.Call(FunctionNames.ADD, List.of(new Expr.Call(FunctionNames.INT_RANGE, List.of(lit(0),
                new Expr.Call(FunctionNames.LEN, List.of()))), lit(1)));
    }

    /** {@code rank()}: ties share the lowest rank; {@code dense_rank()}: without gaps. One ORDER BY key. */
    private static Expr rank(String name, List<SortKey> order) {
        if (order.size() != 1) {
            throw PolaroidException.notSupported(name + "() over an ORDER BY of " + order.size() + " keys; rank by one key");
        }
        SortKey key = order.get(0);
        return new Expr.Call(FunctionNames.RANK, List.of(key.expr(),
                Expr.Literal.of(name.equals("rank") ? "min" : "dense", DataType.UTF8),
                Expr.Literal.of(key.descending(), DataType.BOOL)));
    }

    /** {@code lag(x[, n[, default]])} and {@code lead(...)}: the value n rows before or after in the window's order. */
    private static Expr offset(String name, List<SqlNode> args, ExprTranslator t) {
        Expr x = t.translate(args.get(0));
        long n = args.size() > 1 ? ((SqlLiteral) args.get(1)).longValue(true) : 1;
        List<Expr> shift = new ArrayList<>(List.of(x, lit(name.equals("lag") ? n : -n)));
        if (args.size() > 2) {
            shift.add(t.translate(args.get(2)));
        }
        return new Expr.Call(FunctionNames.SHIFT, shift);
    }

    private static Expr aggregate(String name, SqlCall fn, SqlWindow w, List<SortKey> order, ExprTranslator t) {
        if (!ExprTranslator.isAggregateCall(fn)) {
            throw PolaroidException.notSupported("the window function " + name
                    + "(); the window functions are row_number, rank, dense_rank, lag, lead and the aggregates");
        }
        Expr x = fn.getOperandList().isEmpty() || fn.operand(0) instanceof SqlIdentifier id && id.isStar()
                ? null : t.translate(fn.operand(0));
        boolean wholePartition = order.isEmpty() || unbounded(w.getLowerBound()) && unbounded(w.getUpperBound())
                && w.getLowerBound() != null;
        if (wholePartition) {
            return switch (name) {
                case "count" -> x == null ? new Expr.Call(FunctionNames.LEN, List.of()) : call(FunctionNames.COUNT, x);
                case "sum" -> call(FunctionNames.SUM, x);
                case "avg", "mean" -> call(FunctionNames.MEAN, x);
                case "min" -> call(FunctionNames.MIN, x);
                case "max" -> call(FunctionNames.MAX, x);
                case "stddev", "stddev_samp" -> call(FunctionNames.STD, x);
                case "variance", "var_samp" -> call(FunctionNames.VAR, x);
                case "median" -> call(FunctionNames.MEDIAN, x);
                case "first_value", "first" -> call(FunctionNames.FIRST, x);
                case "last_value", "last" -> call(FunctionNames.LAST, x);
                default -> throw PolaroidException.notSupported(name + "() over a window");
            };
        }
        Integer preceding = precedingRows(w);
        if (preceding != null) {
            String rolling = switch (name) {
                case "sum" -> FunctionNames.ROLLING_SUM;
                case "avg", "mean" -> FunctionNames.ROLLING_MEAN;
                case "min" -> FunctionNames.ROLLING_MIN;
                case "max" -> FunctionNames.ROLLING_MAX;
                default -> throw PolaroidException.notSupported(name + "() over ROWS BETWEEN n PRECEDING AND CURRENT ROW");
            };
            return new Expr.Call(rolling, List.of(x, lit(preceding + 1), lit(1)));
        }
        if (!unbounded(w.getLowerBound()) && w.getLowerBound() != null || w.getUpperBound() != null && !isCurrentRow(w.getUpperBound())) {
            throw PolaroidException.notSupported("the window frame " + w.getLowerBound() + " .. " + w.getUpperBound()
                    + "; the frames are the whole partition, UNBOUNDED PRECEDING to CURRENT ROW, and n PRECEDING to CURRENT ROW");
        }
        // Polars' running aggregates are null where the value is; SQL's carry the aggregate so far
        return switch (name) {
            case "count" -> x == null ? rowNumber() : call(FunctionNames.CUM_COUNT, x);
            case "sum" -> carried(FunctionNames.CUM_SUM, x);
            case "min" -> carried(FunctionNames.CUM_MIN, x);
            case "max" -> carried(FunctionNames.CUM_MAX, x);
            case "avg", "mean" -> new Expr.Call(FunctionNames.TRUEDIV, List.of(carried(FunctionNames.CUM_SUM, x),
                    call(FunctionNames.CUM_COUNT, x)));
            default -> throw PolaroidException.notSupported(name + "() as a running aggregate");
        };
    }

    private static Integer precedingRows(SqlWindow w) {
        if (!w.isRows() || w.getLowerBound() == null || !isCurrentRow(w.getUpperBound())) {
            return null;
        }
        if (w.getLowerBound() instanceof SqlCall c && c.getOperator().getName().equalsIgnoreCase("PRECEDING")
                && c.operand(0) instanceof SqlLiteral n) {
            return n.intValue(true);
        }
        return null;
    }

    private static boolean unbounded(SqlNode bound) {
        return bound == null || SqlWindow.isUnboundedPreceding(bound) || SqlWindow.isUnboundedFollowing(bound);
    }

    private static boolean isCurrentRow(SqlNode bound) {
        return bound == null || SqlWindow.isCurrentRow(bound);
    }

    /**
     * A running aggregate that skips nulls, as SQL's does: nulls are filled with a value that
     * cannot change it (0 for a sum, the partition's minimum for a running maximum, ...), and rows
     * before the first value get null.
     */
    private static Expr carried(String fn, Expr x) {
        Expr neutral = switch (fn) {
            case FunctionNames.CUM_SUM -> new Expr.Literal(0L, DataType.INT32, true);
            case FunctionNames.CUM_MAX -> call(FunctionNames.MIN, x);
            default -> call(FunctionNames.MAX, x);
        };
        Expr running = call(fn, new Expr.Call(FunctionNames.FILL_NULL, List.of(x, neutral)));
        Expr seen = new Expr.Call(FunctionNames.GT, List.of(call(FunctionNames.CUM_COUNT, x), lit(0)));
        return new Expr.When(List.of(new Expr.Branch(seen, running)), null);
    }

    private static Expr call(String fn, Expr x) {
        if (x == null) {
            throw PolaroidException.notSupported(fn + "(*) over a window");
        }
        return new Expr.Call(fn, List.of(x));
    }

    private static Expr lit(long v) {
        return new Expr.Literal(v, v == (int) v ? DataType.INT32 : DataType.INT64, true);
    }
}
