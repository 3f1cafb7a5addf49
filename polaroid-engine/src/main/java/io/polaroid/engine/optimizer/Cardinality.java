package io.polaroid.engine.optimizer;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.io.parquet.ParquetSource;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Rough sizes of plan outputs, for choosing join sides and orders: row counts from the sources,
 * the share of a range of a Parquet column from its row groups' min/max, of an equality on a
 * dictionary-encoded Parquet column from its index width, of a string pattern from its length,
 * textbook selectivities for other filters (equality 0.1, ranges 1/3), a quarter of the rows for
 * groups, and foreign-key joins that keep the fact side's rows matching the filtered part of the
 * dimension.
 */
public final class Cardinality {
    private static final double UNKNOWN_ROWS = 1_000_000;

    private Cardinality() {
    }

    /**
     * Estimated output size in bytes, in memory (Arrow layout): what a hash join's build side
     * holds. Strings of a Parquet scan count with their average length in the file.
     */
    public static double bytes(LogicalPlan plan) {
        double rows = rows(plan);
        if (plan instanceof ScanNode s && s.source() instanceof ParquetSource p) {
            double width = 0;
            for (String c : s.columns()) {
                Field f = s.source().schema().field(c);
                width += f.type().kind().isVarBytes() ? p.averageBytes(c) + 4 : width(f);
            }
            return rows * Math.max(width, 1);
        }
        return rows * rowWidth(plan.schema());
    }

    public static double rows(LogicalPlan plan) {
        return estimate(plan).rows();
    }

    /** The estimated share of its base relation's rows that {@code plan} keeps (its filters and joins). */
    public static double retained(LogicalPlan plan) {
        return estimate(plan).retained();
    }

    /**
     * Rows out of a subplan, and the rows of the relation it filters ({@code base}): their ratio is
     * the fraction its filters keep, which a foreign-key join passes on to the other side.
     */
    record Estimate(double rows, double base) {
        double retained() {
            return base <= 0 ? 1 : Math.min(1, rows / base);
        }
    }

    static Estimate estimate(LogicalPlan plan) {
        if (plan instanceof ScanNode s) {
            Statistics stats = s.source().statistics();
            double base = stats.isKnown() ? stats.rows() : UNKNOWN_ROWS;
            double rows = base * selectivity(s);
            return new Estimate(s.limit() == null ? rows : Math.min(rows, s.limit()), base);
        }
        if (plan instanceof FilterNode f) {
            Estimate in = estimate(f.input());
            return new Estimate(in.rows() * selectivity(f.predicate()), in.base());
        }
        if (plan instanceof AggregateNode a) {
            double rows = a.keys().isEmpty() ? 1 : Math.max(1, estimate(a.input()).rows() / 4);
            return new Estimate(rows, rows);
        }
        if (plan instanceof JoinNode j) {
            Estimate l = estimate(j.left());
            Estimate r = estimate(j.right());
            // A foreign-key join keeps the rows of the side with the larger base (the facts) that
            // match the part of the other side (the dimension) its filters kept.
            boolean leftIsDimension = l.base() <= r.base();
            Estimate facts = leftIsDimension ? r : l;
            Estimate dimension = leftIsDimension ? l : r;
            return switch (j.kind()) {
                case INNER -> new Estimate(facts.rows() * dimension.retained(), facts.base());
                case LEFT -> l;
                case RIGHT -> r;
                case FULL -> new Estimate(l.rows() + r.rows(), l.base() + r.base());
                case LEFT_SEMI -> new Estimate(l.rows() * r.retained(), l.base());
                case RIGHT_SEMI -> new Estimate(r.rows() * l.retained(), r.base());
                case LEFT_ANTI -> new Estimate(l.rows() / 2, l.base());
                case RIGHT_ANTI -> new Estimate(r.rows() / 2, r.base());
                case CROSS -> new Estimate(l.rows() * r.rows(), l.base() * r.base());
            };
        }
        if (plan instanceof LogicalPlan.WindowNode w) {
            return estimate(w.input());
        }
        if (plan instanceof LogicalPlan.ExplodeNode e) {
            // lists of a few values each, a guess: nothing in the plan says how long they are
            Estimate in = estimate(e.input());
            return new Estimate(in.rows() * 4, in.base());
        }
        if (plan instanceof SortNode s) {
            Estimate in = estimate(s.input());
            return s.fetch() == null ? in : new Estimate(Math.min(in.rows(), s.fetch()), in.base());
        }
        if (plan instanceof LimitNode l) {
            Estimate in = estimate(l.input());
            return l.fetch() == null ? in : new Estimate(Math.min(in.rows(), l.fetch()), in.base());
        }
        if (plan instanceof UnionNode u) {
            double rows = 0;
            double base = 0;
            for (LogicalPlan in : u.inputs()) {
                Estimate e = estimate(in);
                rows += e.rows();
                base += e.base();
            }
            return new Estimate(rows, base);
        }
        return estimate(plan.children().get(0));
    }

    /**
     * What a scan's filters keep. Comparisons of one column of a Parquet source with literals count
     * as one range, whose share the row groups' min/max statistics tell; the rest count by the
     * textbook selectivities.
     */
    private static double selectivity(ScanNode s) {
        double sel = 1;
        List<BoundExpr> rest = new ArrayList<>(s.filters());
        if (s.source() instanceof ParquetSource parquet) {
            for (ColumnRange r : ColumnRange.of(s.filters())) {
                OptionalDouble kept = parquet.fractionBetween(r.column(), r.low(), r.high());
                if (kept.isPresent()) {
                    sel *= kept.getAsDouble();
                    rest.removeAll(r.filters());
                }
            }
        }
        for (BoundExpr f : rest) {
            sel *= s.source() instanceof ParquetSource parquet ? equality(f, parquet).orElse(selectivity(f)) : selectivity(f);
        }
        return sel;
    }

    /**
     * What {@code column == literal} (or {@code is_in} of n literals) keeps of a Parquet column
     * stored with a dictionary, from the dictionary indices' size; empty for other filters.
     * TPC-H's o_orderstatus = 'F' keeps 49% of orders: counted as a tenth, it made Q21 build its
     * hash table on 7.3M orders rather than 1.5M lineitem rows.
     */
    private static OptionalDouble equality(BoundExpr f, ParquetSource parquet) {
        if (!(f instanceof BoundExpr.Call c) || c.args().size() < 2) {
            return OptionalDouble.empty();
        }
        List<BoundExpr> args = c.args();
        BoundExpr column;
        if (c.fn() == ScalarFn.EQ && args.size() == 2) {
            column = args.get(0) instanceof BoundExpr.Literal ? args.get(1) : args.get(0);
            if (!(args.get(0) instanceof BoundExpr.Literal || args.get(1) instanceof BoundExpr.Literal)) {
                return OptionalDouble.empty();
            }
        } else if (c.fn() == ScalarFn.IS_IN && args.stream().skip(1).allMatch(a -> a instanceof BoundExpr.Literal)) {
            column = args.get(0);
        } else {
            return OptionalDouble.empty();
        }
        if (!(column instanceof BoundExpr.ColumnRef ref)) {
            return OptionalDouble.empty();
        }
        OptionalDouble one = parquet.equalityFraction(ref.name());
        return one.isPresent() ? OptionalDouble.of(Math.min(1, one.getAsDouble() * (args.size() - 1))) : one;
    }

    static double selectivity(BoundExpr e) {
        if (e instanceof BoundExpr.Literal l) {
            return Boolean.TRUE.equals(l.value()) ? 1 : 0;
        }
        if (!(e instanceof BoundExpr.Call c)) {
            return 0.5;
        }
        return switch (c.fn()) {
            case AND -> selectivity(c.args().get(0)) * selectivity(c.args().get(1));
            case OR -> {
                double a = selectivity(c.args().get(0));
                double b = selectivity(c.args().get(1));
                yield a + b - a * b;
            }
            case NOT -> 1 - selectivity(c.args().get(0));
            case EQ -> 0.1;
            case NE -> 0.9;
            case LT, LE, GT, GE -> 1.0 / 3;
            case IS_IN -> Math.min(1, 0.1 * (c.args().size() - 1));
            case IS_NULL -> 0.05;
            case IS_NOT_NULL -> 0.95;
            case LIKE, CONTAINS, STARTS_WITH, ENDS_WITH -> patternSelectivity(c);
            case CONTAINS_REGEX -> 0.25;
            default -> 0.5;
        };
    }

    /**
     * A string pattern's share of the rows: a quarter for one character, half as much for each two
     * more (longer patterns match fewer strings), at least 1%. TPC-H's {@code p_name} containing
     * 'green' keeps 5.4% of parts; a flat quarter made Q9 build its hash table on 15M orders
     * instead of the 3M lineitem rows of green parts.
     */
    private static double patternSelectivity(BoundExpr.Call c) {
        if (c.args().size() < 2 || !(c.args().get(1) instanceof BoundExpr.Literal l) || !(l.value() instanceof CharSequence p)) {
            return 0.25;
        }
        long fixed = c.fn() == ScalarFn.LIKE
                ? p.chars().filter(ch -> ch != '%' && ch != '_').count() : p.length();
        return Math.max(0.01, 0.25 / Math.pow(2, Math.max(0, fixed - 1) / 2.0));
    }

    static double rowWidth(Schema schema) {
        double width = 0;
        for (Field f : schema.fields()) {
            width += width(f);
        }
        return Math.max(width, 1);
    }

    private static double width(Field f) {
        int w = f.type().byteWidth();
        return w < 0 ? (f.type().kind() == io.polaroid.engine.types.TypeKind.BOOL ? 1 : 24) : w;
    }
}
