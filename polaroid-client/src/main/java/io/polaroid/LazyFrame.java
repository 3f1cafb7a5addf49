package io.polaroid;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.UniqueKeep;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lazy query, as in Polars: every method returns a new frame with one more plan node; nothing
 * runs until {@link #collect()}. Names are resolved where the plan runs, so building a frame
 * needs no schema.
 */
public final class LazyFrame {
    private final Backend backend;
    private final PlanNode plan;

    LazyFrame(Backend backend, PlanNode plan) {
        this.backend = backend;
        this.plan = plan;
    }

    /** The unresolved plan this frame has built. */
    public PlanNode plan() {
        return plan;
    }

    /** The plan in its canonical JSON form (polaroid.v1). */
    public String toJson() {
        return PlanJson.toJson(plan);
    }

    /**
     * A SQL query over this frame, named {@code self} in it (Polars' {@code LazyFrame.sql}):
     * {@code lf.sql("SELECT a, sum(b) FROM self GROUP BY a")}.
     */
    public LazyFrame sql(String query) {
        return sql(query, "self");
    }

    /** A SQL query over this frame, named {@code tableName} in it. */
    public LazyFrame sql(String query, String tableName) {
        return with(new PlanNode.Sql(query, java.util.Map.of(tableName, plan)));
    }

    LazyFrame with(PlanNode node) {
        return new LazyFrame(backend, node);
    }

    private static List<io.polaroid.engine.dsl.Expr> nodes(Expr... exprs) {
        List<io.polaroid.engine.dsl.Expr> out = new ArrayList<>(exprs.length);
        for (Expr e : exprs) {
            out.add(e.node());
        }
        return out;
    }

    private static List<io.polaroid.engine.dsl.Expr> columns(String... names) {
        List<io.polaroid.engine.dsl.Expr> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(new io.polaroid.engine.dsl.Expr.Column(n));
        }
        return out;
    }

    // ---- rows -----------------------------------------------------------------------------

    /** Keeps the rows for which {@code predicate} is true. */
    public LazyFrame filter(Expr predicate) {
        return with(new PlanNode.Filter(plan, predicate.node()));
    }

    /** Keeps the rows for which the expression string is true, e.g. {@code "price > 100 and symbol = 'AAPL'"}. */
    public LazyFrame filter(String predicate) {
        return with(new PlanNode.Filter(plan, ExprParser.parse(predicate)));
    }

    /** The first {@code n} rows. */
    public LazyFrame head(long n) {
        return slice(0, n);
    }

    public LazyFrame limit(long n) {
        return slice(0, n);
    }

    /** {@code length} rows from row {@code offset}. */
    public LazyFrame slice(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw PolaroidException.invalidPlan("slice offset and length must be >= 0");
        }
        return with(new PlanNode.Slice(plan, offset, length));
    }

    /** Every row from row {@code offset}. */
    public LazyFrame slice(long offset) {
        if (offset < 0) {
            throw PolaroidException.invalidPlan("slice offset must be >= 0");
        }
        return with(new PlanNode.Slice(plan, offset, null));
    }

    /** Drops duplicate rows (keeping any one of each). */
    public LazyFrame unique() {
        return unique(List.of(), "any", false);
    }

    /** Drops rows that repeat the values of {@code subset}. */
    public LazyFrame unique(String... subset) {
        return unique(Arrays.asList(subset), "any", false);
    }

    /** {@code keep}: "any", "first", "last" or "none"; {@code maintainOrder} keeps the input order. */
    public LazyFrame unique(List<String> subset, String keep, boolean maintainOrder) {
        UniqueKeep k;
        try {
            k = UniqueKeep.valueOf(keep.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PolaroidException.invalidPlan("unique keep must be any, first, last or none, not '" + keep + "'");
        }
        return with(new PlanNode.Unique(plan, subset, k, maintainOrder));
    }

    // ---- columns --------------------------------------------------------------------------

    public LazyFrame select(Expr... exprs) {
        return with(new PlanNode.Select(plan, nodes(exprs)));
    }

    public LazyFrame select(String... columns) {
        return with(new PlanNode.Select(plan, columns(columns)));
    }

    /**
     * Replaces each struct column of {@code columns} by its fields, in place (Polars' unnest): a
     * select of {@code struct().field(...)} calls built from the schema.
     */
    public LazyFrame unnest(String... columns) {
        Schema schema = schema();
        List<String> wanted = Arrays.asList(columns);
        for (String c : wanted) {
            io.polaroid.engine.types.DataType t = schema.field(c).type();
            if (!t.isStruct()) {
                throw new PolaroidException(io.polaroid.engine.error.ErrorCode.TYPE_MISMATCH,
                        "unnest: column '" + c + "' is of type " + t + ", not a struct");
            }
        }
        List<Expr> out = new ArrayList<>();
        for (io.polaroid.engine.types.Field f : schema.fields()) {
            if (!wanted.contains(f.name())) {
                out.add(Functions.col(f.name()));
                continue;
            }
            for (io.polaroid.engine.types.Field inner : f.type().fields()) {
                out.add(Functions.col(f.name()).struct().field(inner.name()));
            }
        }
        return select(out.toArray(new Expr[0]));
    }

    /** Adds columns, or replaces those with the same name. */
    public LazyFrame withColumns(Expr... exprs) {
        return with(new PlanNode.WithColumns(plan, nodes(exprs)));
    }

    public LazyFrame withColumn(Expr expr) {
        return withColumns(expr);
    }

    /** A first column {@code name} numbering the rows from {@code offset}, as Polars' {@code with_row_index}. */
    public LazyFrame withRowIndex(String name, long offset) {
        return select(Functions.intRange(Functions.len()).add(offset).alias(name), Functions.col("*"));
    }

    /** {@code withRowIndex("index", 0)}. */
    public LazyFrame withRowIndex() {
        return withRowIndex("index", 0);
    }

    // ---- the row order: made of the order-dependent expressions ------------------------------

    /** The last {@code n} rows. */
    public LazyFrame tail(long n) {
        return filter(Functions.intRange(Functions.len()).ge(Functions.len().sub(n)));
    }

    /** The last row. */
    public LazyFrame last() {
        return tail(1);
    }

    /** Every column shifted {@code n} rows down (up when negative); the gap is null. */
    public LazyFrame shift(long n) {
        return select(schema().names().stream().map(c -> Functions.col(c).shift(n)).toArray(Expr[]::new));
    }

    /** The rows in reverse order. */
    public LazyFrame reverse() {
        return select(schema().names().stream().map(c -> Functions.col(c).reverse()).toArray(Expr[]::new));
    }

    /** Every {@code n}-th row from row {@code offset}, as Polars' {@code gather_every}. */
    public LazyFrame gatherEvery(long n, long offset) {
        if (n <= 0) {
            throw PolaroidException.invalidPlan("gatherEvery needs a positive n, not " + n);
        }
        Expr row = Functions.intRange(Functions.len());
        return filter(row.ge(offset).and(row.sub(offset).mod(n).eq(0)));
    }

    /**
     * The number columns' nulls on the straight line between the values around them (integers
     * become Float64), the other columns as they are, as Polars' {@code interpolate}.
     */
    public LazyFrame interpolate() {
        Schema schema = schema();
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.field(i).name();
            exprs.add(schema.field(i).type().isNumeric() ? Functions.col(name).interpolate() : Functions.col(name));
        }
        return select(exprs.toArray(Expr[]::new));
    }

    /** The {@code k} rows with the largest values of {@code by}. */
    public LazyFrame topK(long k, String... by) {
        boolean[] descending = new boolean[by.length];
        java.util.Arrays.fill(descending, true);
        return sort(by, descending).head(k);
    }

    /** The {@code k} rows with the smallest values of {@code by}. */
    public LazyFrame bottomK(long k, String... by) {
        return sort(by).head(k);
    }

    /**
     * Each row joined to the right row nearest to it on the key: the last one at or before it
     * ({@code strategy} "backward"), the first one at or after it ("forward") or the nearer
     * ("nearest", ties going forward), within groups of {@code by}, as Polars' {@code join_asof}.
     * The rows keep their order; right columns whose names clash get {@code _right}.
     */
    public LazyFrame joinAsof(LazyFrame other, String leftOn, String rightOn, List<String> by, String strategy) {
        checkSameBackend(other);
        return AsofJoin.join(this, other, leftOn, rightOn, by, strategy, "_right");
    }

    public LazyFrame joinAsof(LazyFrame other, String on, String strategy) {
        return joinAsof(other, on, on, List.of(), strategy);
    }

    /**
     * Wide to long, as Polars' {@code unpivot}: for every column of {@code on} in turn, every row's
     * {@code index} columns, the column's name ({@code variable}) and its value ({@code value}).
     * The values of {@code on} must have one type.
     */
    public LazyFrame unpivot(List<String> on, List<String> index) {
        List<LazyFrame> parts = new ArrayList<>();
        for (String column : on) {
            List<Expr> exprs = new ArrayList<>();
            index.forEach(c -> exprs.add(Functions.col(c)));
            exprs.add(Functions.lit(column).alias("variable"));
            exprs.add(Functions.col(column).alias("value"));
            parts.add(select(exprs.toArray(Expr[]::new)));
        }
        return concat(parts.get(0), parts.subList(1, parts.size()).toArray(LazyFrame[]::new));
    }

    public LazyFrame rename(String from, String to) {
        return with(new PlanNode.Rename(plan, List.of(new PlanNode.Renaming(from, to))));
    }

    /** Renames columns; the map's iteration order is kept. */
    public LazyFrame rename(Map<String, String> mapping) {
        List<PlanNode.Renaming> renamings = new ArrayList<>();
        mapping.forEach((from, to) -> renamings.add(new PlanNode.Renaming(from, to)));
        return with(new PlanNode.Rename(plan, renamings));
    }

    public LazyFrame drop(String... columns) {
        return with(new PlanNode.Drop(plan, List.of(columns)));
    }

    /**
     * One row per value of the list {@code columns}, the other columns repeated (Polars' explode);
     * an empty list gives no row, a null list one row with a null.
     */
    public LazyFrame explode(String... columns) {
        return with(new PlanNode.Explode(plan, List.of(columns)));
    }

    /** {@link #explode(String...)}, with an empty list giving a null row if {@code emptyAsNull} and a null list none unless {@code keepNulls}. */
    public LazyFrame explode(List<String> columns, boolean emptyAsNull, boolean keepNulls) {
        return with(new PlanNode.Explode(plan, columns, emptyAsNull, keepNulls));
    }

    // ---- grouping -------------------------------------------------------------------------

    public GroupBy groupBy(String... keys) {
        return new GroupBy(this, columns(keys), false);
    }

    public GroupBy groupBy(Expr... keys) {
        return new GroupBy(this, nodes(keys), false);
    }

    /** Like {@link #groupBy(String...)}, with groups in the order they first appear. */
    public GroupBy groupByStable(String... keys) {
        return new GroupBy(this, columns(keys), true);
    }

    // ---- joins ----------------------------------------------------------------------------

    /** Inner join on columns with the same name on both sides. */
    public LazyFrame join(LazyFrame other, String on) {
        return join(other, on, "inner");
    }

    /** {@code how}: inner, left, right, full, semi, anti. */
    public LazyFrame join(LazyFrame other, String on, String how) {
        return join(other, List.of(on), how);
    }

    public LazyFrame join(LazyFrame other, List<String> on, String how) {
        String[] keys = on.toArray(String[]::new);
        return join(other, columns(keys), columns(keys), how, null);
    }

    public LazyFrame join(LazyFrame other, String leftOn, String rightOn, String how) {
        return join(other, columns(leftOn), columns(rightOn), how, null);
    }

    public LazyFrame join(LazyFrame other, List<String> leftOn, List<String> rightOn, String how) {
        return join(other, columns(leftOn.toArray(String[]::new)), columns(rightOn.toArray(String[]::new)), how, null);
    }

    /** Joins on an expression of each side ({@code left_on}/{@code right_on} expressions in Polars). */
    public LazyFrame join(LazyFrame other, Expr leftOn, Expr rightOn, String how) {
        return join(other, List.of(leftOn.node()), List.of(rightOn.node()), how, null);
    }

    /** The general join: key expressions on each side, {@code how}, and the suffix for right-hand name clashes. */
    public LazyFrame join(LazyFrame other, List<io.polaroid.engine.dsl.Expr> leftOn, List<io.polaroid.engine.dsl.Expr> rightOn,
                          String how, String suffix) {
        checkSameBackend(other);
        return with(new PlanNode.Join(plan, other.plan, leftOn, rightOn, joinType(how), suffix));
    }

    /**
     * This frame's values replaced by {@code other}'s where the keys {@code on} match (no keys: the
     * row positions), as Polars' {@code update}: non-null ones only, unless {@code includeNulls};
     * {@code how} left (every row of this frame, in order), inner (the matched ones) or full (and
     * other's unmatched rows after them).
     */
    public LazyFrame update(LazyFrame other, List<String> on, String how, boolean includeNulls) {
        String h = how.toLowerCase(Locale.ROOT);
        if (!List.of("left", "inner", "full").contains(h)) {
            throw PolaroidException.invalidPlan("update how must be left, inner or full, not '" + how + "'");
        }
        checkSameBackend(other);
        String index = "__polaroid_row";
        LazyFrame left = on.isEmpty() ? withRowIndex(index, 0) : this;
        LazyFrame right = on.isEmpty() ? other.withRowIndex(index, 0) : other;
        List<String> keys = on.isEmpty() ? List.of(index) : on;
        List<String> leftNames = left.schema().names();
        List<String> rightNames = right.schema().names();
        List<String> updated = new ArrayList<>();
        for (String name : leftNames) {
            if (rightNames.contains(name) && !keys.contains(name)) {
                updated.add(name);
            }
        }
        if (!h.equals("full") && updated.isEmpty()) {
            return this;
        }
        String valid = "__polaroid_valid";
        String order = "__polaroid_order";
        List<Expr> picked = new ArrayList<>();
        keys.forEach(k -> picked.add(Functions.col(k)));
        updated.forEach(n -> picked.add(Functions.col(n)));
        if (includeNulls) {
            picked.add(Functions.lit(true).alias(valid));
        }
        LazyFrame joined = left.withColumns(Functions.intRange(Functions.len()).alias(order))
                .join(right.select(picked.toArray(Expr[]::new)), keys, h);
        List<String> joinedNames = joined.schema().names();
        List<Expr> replaced = new ArrayList<>();
        List<String> dropped = new ArrayList<>(List.of(order, index, valid));
        for (String n : updated) {
            Expr theirs = Functions.col(n + "_right");
            replaced.add((includeNulls ? Functions.when(Functions.col(valid).isNull()).then(Functions.col(n)).otherwise(theirs)
                    : Functions.coalesce(theirs, Functions.col(n))).alias(n));
            dropped.add(n + "_right");
        }
        for (String k : keys) {  // a full join keeps the right keys apart: one key column, as Polars
            if (joinedNames.contains(k + "_right")) {
                replaced.add(Functions.coalesce(Functions.col(k), Functions.col(k + "_right")).alias(k));
                dropped.add(k + "_right");
            }
        }
        LazyFrame result = replaced.isEmpty() ? joined : joined.withColumns(replaced.toArray(Expr[]::new));
        result = result.sort(List.of(Functions.col(order)), new boolean[] {false}, true);
        return result.select(joinedNames.stream().filter(n -> !dropped.contains(n)).toArray(String[]::new));
    }

    /** {@link #update(LazyFrame, List, String, boolean)} of the non-null values, keeping every row of this frame. */
    public LazyFrame update(LazyFrame other, String... on) {
        return update(other, List.of(on), "left", false);
    }

    /** Every row of this frame with every row of {@code other}. */
    public LazyFrame crossJoin(LazyFrame other) {
        checkSameBackend(other);
        return with(new PlanNode.Join(plan, other.plan, List.of(), List.of(), JoinType.CROSS, null));
    }

    private void checkSameBackend(LazyFrame other) {
        if (other.backend != backend) {
            throw PolaroidException.invalidPlan("cannot combine frames of two different Polaroid sessions");
        }
    }

    private static JoinType joinType(String how) {
        String h = how.toLowerCase(Locale.ROOT);
        if (h.equals("outer")) {
            return JoinType.FULL;
        }
        try {
            return JoinType.valueOf(h.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PolaroidException.invalidPlan("join how must be inner, left, right, full, semi, anti or cross, not '" + how + "'");
        }
    }

    // ---- sorting --------------------------------------------------------------------------

    /** Sorts ascending by the columns, in order. */
    public LazyFrame sort(String... by) {
        boolean[] descending = new boolean[by.length];
        return sort(by, descending);
    }

    public LazyFrame sort(String by, boolean descending) {
        return sort(new String[] {by}, new boolean[] {descending});
    }

    public LazyFrame sort(String[] by, boolean[] descending) {
        List<Expr> exprs = new ArrayList<>();
        for (String b : by) {
            exprs.add(Functions.col(b));
        }
        return sort(exprs, descending, false);
    }

    public LazyFrame sort(Expr by, boolean descending) {
        return sort(List.of(by), new boolean[] {descending}, false);
    }

    /** Sorts by expressions; nulls come first unless {@code nullsLast} (as Polars). Ties keep input order. */
    public LazyFrame sort(List<Expr> by, boolean[] descending, boolean nullsLast) {
        if (by.size() != descending.length) {
            throw PolaroidException.invalidPlan("sort needs one descending flag per key");
        }
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            keys.add(new SortKey(by.get(i).node(), descending[i], nullsLast));
        }
        return with(new PlanNode.Sort(plan, keys, false));
    }

    // ---- running --------------------------------------------------------------------------

    /** The result's column names and types, without running the query. */
    public Schema schema() {
        return backend.schema(plan);
    }

    /** The logical, optimized and physical plans, as text. */
    public String explain() {
        return backend.explain(plan);
    }

    /** Runs the query. The frame holds Arrow memory: close it (or let it be collected). */
    public DataFrame collect() {
        return backend.collect(plan);
    }

    /**
     * The result of {@link #profile()}: the query's result and what its operators did, one row per
     * operator, root first ({@code node}, indented by depth; {@code start} and {@code end} in
     * microseconds from the start of the run, as Polars gives them; {@code rows}, {@code batches},
     * {@code time}: microseconds inside the operator and those below it, summed over its
     * partitions; {@code spilled_bytes}). On a cluster, one row for the whole query. Close both.
     */
    public record Profile(DataFrame result, DataFrame timings) implements AutoCloseable {
        @Override
        public void close() {
            result.close();
            timings.close();
        }
    }

    /** Runs the query as {@link #collect()} does, and reports what each of its operators did (Polars' {@code profile()}). */
    public Profile profile() {
        return backend.profile(plan);
    }

    /**
     * Runs the query and hands over its result one batch at a time, as each arrives (on a cluster,
     * while later partitions are still being fetched), in result order. Each frame is the
     * caller's to close; closing the stream stops the fetching.
     */
    public java.util.stream.Stream<DataFrame> collectStream() {
        return backend.stream(plan);
    }

    /** This frame's rows, then the other frames' (same columns in the same order). */
    public static LazyFrame concat(LazyFrame first, LazyFrame... others) {
        List<PlanNode> inputs = new ArrayList<>();
        inputs.add(first.plan);
        for (LazyFrame o : others) {
            first.checkSameBackend(o);
            inputs.add(o.plan);
        }
        return first.with(new PlanNode.Union(inputs));
    }

    Backend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "LazyFrame " + toJson();
    }
}
