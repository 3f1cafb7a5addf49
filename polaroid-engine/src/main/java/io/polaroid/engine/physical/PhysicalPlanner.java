package io.polaroid.engine.physical;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.filter.RowFilter;
import io.polaroid.engine.exec.operators.AggregateSpec;
import io.polaroid.engine.exec.operators.CrossJoinExec;
import io.polaroid.engine.exec.operators.ExplodeExec;
import io.polaroid.engine.exec.operators.FilterExec;
import io.polaroid.engine.exec.operators.HashAggregateExec;
import io.polaroid.engine.exec.operators.HashJoinExec;
import io.polaroid.engine.exec.operators.LimitExec;
import io.polaroid.engine.exec.operators.ProjectExec;
import io.polaroid.engine.exec.operators.ScanExec;
import io.polaroid.engine.exec.operators.SharedSubplanExec;
import io.polaroid.engine.exec.operators.SortExec;
import io.polaroid.engine.exec.operators.SortKeyExpr;
import io.polaroid.engine.exec.operators.UnionExec;
import io.polaroid.engine.exec.operators.WindowExec;
import io.polaroid.engine.exec.window.WindowSpec;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.functions.ExprCompiler;
import io.polaroid.engine.io.filter.ScanFilter;
import io.polaroid.engine.io.filter.JoinKeyFilter;
import io.polaroid.engine.io.filter.RangeTest;
import io.polaroid.engine.io.filter.StringTest;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.plan.SortSpec;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an optimized logical plan into operators. Operators that make new batches (scans,
 * aggregates, sorts) get source ids in plan order, which keeps union inputs in order.
 */
public final class PhysicalPlanner {
    private static final int MAX_SOURCE_ID = 126;

    private final int threads;
    private int nextSourceId;
    private Map<LogicalPlan, Integer> occurrences = Map.of();
    private final Map<LogicalPlan, ExecNode> shared = new HashMap<>();
    /** The runtime filter the join being planned asks of a scan below it (by identity). */
    /** The runtime filters of the joins being planned, by the scan each is for. */
    private final Map<LogicalPlan.ScanNode, List<JoinKeyFilter>> pendingJoinKeys = new java.util.IdentityHashMap<>();

    public PhysicalPlanner(int threads) {
        this.threads = threads;
    }

    /**
     * The operators for {@code plan}. A subplan with a join or an aggregation that occurs more
     * than once is planned once and shared ({@link SharedSubplanExec}), so it runs once.
     */
    public ExecNode planQuery(LogicalPlan plan) {
        occurrences = repeatedSubplans(plan);
        return plan(plan);
    }

    /**
     * How often each subplan with a join or an aggregation occurs in {@code plan}; the subplans of
     * one that occurs more than once are counted once, with it.
     */
    public static Map<LogicalPlan, Integer> repeatedSubplans(LogicalPlan plan) {
        Map<LogicalPlan, Integer> counts = new HashMap<>();
        countSubplans(plan, counts);
        return counts;
    }

    private static void countSubplans(LogicalPlan plan, Map<LogicalPlan, Integer> counts) {
        if (isExpensive(plan) && counts.merge(plan, 1, Integer::sum) > 1) {
            return; // its own subplans are counted once, with it
        }
        for (LogicalPlan child : plan.children()) {
            countSubplans(child, counts);
        }
    }

    private static boolean isExpensive(LogicalPlan plan) {
        return plan instanceof LogicalPlan.AggregateNode || plan instanceof LogicalPlan.JoinNode;
    }

    private int sourceId() {
        int id = nextSourceId;
        nextSourceId = Math.min(MAX_SOURCE_ID, nextSourceId + 1);
        return id;
    }

    public ExecNode plan(LogicalPlan plan) {
        if (occurrences.getOrDefault(plan, 0) > 1) {
            ExecNode existing = shared.get(plan);
            if (existing == null) {
                existing = new SharedSubplanExec(planNode(plan));
                shared.put(plan, existing);
            }
            return existing;
        }
        return planNode(plan);
    }

    private ExecNode planNode(LogicalPlan plan) {
        if (plan instanceof LogicalPlan.ScanNode s) {
            return scan(s);
        }
        if (plan instanceof LogicalPlan.FilterNode f) {
            ExecNode input = plan(f.input());
            return new FilterExec(input, RowFilter.compile(f.predicate(), input.schema()));
        }
        if (plan instanceof LogicalPlan.ProjectNode p) {
            ExecNode input = plan(p.input());
            ExprCompiler compiler = new ExprCompiler(input.schema());
            List<PhysicalExpr> exprs = new ArrayList<>();
            for (NamedExpr e : p.exprs()) {
                exprs.add(compiler.compile(e.expr()));
            }
            return new ProjectExec(input, exprs, p.schema());
        }
        if (plan instanceof LogicalPlan.AggregateNode a) {
            int id = sourceId();
            ExecNode input = plan(a.input());
            ExprCompiler compiler = new ExprCompiler(input.schema());
            List<PhysicalExpr> keys = new ArrayList<>();
            for (NamedExpr k : a.keys()) {
                keys.add(compiler.compile(k.expr()));
            }
            List<AggregateSpec> aggs = new ArrayList<>();
            for (NamedAgg agg : a.aggs()) {
                BoundExpr arg = agg.call().arg();
                aggs.add(new AggregateSpec(agg.call().fn(), arg == null ? null : compiler.compile(arg), agg.call().type(),
                        agg.call().quantile()));
            }
            return new HashAggregateExec(input, keys, aggs, a.schema(), a.order(), threads, id);
        }
        if (plan instanceof LogicalPlan.JoinNode j) {
            RuntimeJoinFilters.ProbeScan probe = RuntimeJoinFilters.of(j, p -> occurrences.getOrDefault(p, 0) > 1)
                    .orElse(null);
            if (probe != null) {
                pendingJoinKeys.computeIfAbsent(probe.scan(), k -> new ArrayList<>()).add(probe.filter());
            }
            ExecNode left;
            try {
                left = plan(j.left());
            } finally {
                if (probe != null) {
                    pendingJoinKeys.get(probe.scan()).remove(probe.filter());
                }
            }
            ExecNode right = plan(j.right());
            if (j.kind() == JoinKind.CROSS) {
                return new CrossJoinExec(left, right, j.schema());
            }
            return new HashJoinExec(left, right, j.kind(), new ExprCompiler(left.schema()).compileAll(j.leftKeys()),
                    new ExprCompiler(right.schema()).compileAll(j.rightKeys()), j.schema(), probe == null ? null : probe.filter());
        }
        if (plan instanceof LogicalPlan.SortNode s) {
            int id = sourceId();
            ExecNode input = plan(s.input());
            ExprCompiler compiler = new ExprCompiler(input.schema());
            List<SortKeyExpr> keys = new ArrayList<>();
            for (SortSpec k : s.keys()) {
                keys.add(new SortKeyExpr(compiler.compile(k.expr()), k.descending(), k.nullsLast()));
            }
            return new SortExec(input, keys, s.fetch(), id);
        }
        if (plan instanceof LogicalPlan.LimitNode l) {
            return new LimitExec(plan(l.input()), l.offset(), l.fetch());
        }
        if (plan instanceof LogicalPlan.WindowNode w) {
            return window(w);
        }
        if (plan instanceof LogicalPlan.ExplodeNode e) {
            ExecNode input = plan(e.input());
            int[] columns = e.columns().stream().mapToInt(input.schema()::indexOf).toArray();
            return new ExplodeExec(input, columns, e.emptyAsNull(), e.keepNulls(), e.schema());
        }
        LogicalPlan.UnionNode u = (LogicalPlan.UnionNode) plan;
        List<ExecNode> inputs = new ArrayList<>();
        for (LogicalPlan input : u.inputs()) {
            inputs.add(plan(input));
        }
        return new UnionExec(inputs, u.schema());
    }

    private ExecNode window(LogicalPlan.WindowNode w) {
        int id = sourceId();
        ExecNode input = plan(w.input());
        ExprCompiler compiler = new ExprCompiler(input.schema());
        List<SortKeyExpr> order = new ArrayList<>();
        for (SortSpec k : w.orderBy()) {
            order.add(new SortKeyExpr(compiler.compile(k.expr()), k.descending(), k.nullsLast()));
        }
        List<WindowSpec> functions = new ArrayList<>();
        for (NamedWindowCall f : w.functions()) {
            functions.add(new WindowSpec(f.call(), f.call().arg() == null ? null : compiler.compile(f.call().arg()),
                    f.call().by() == null ? null : compiler.compile(f.call().by())));
        }
        return new WindowExec(input, compiler.compileAll(w.partitionBy()), order, functions, w.schema(), threads, id);
    }

    private ExecNode scan(LogicalPlan.ScanNode s) {
        int id = sourceId();
        // Tests of one column against literals run in the reader (once per dictionary entry, for
        // Parquet): range tests of integer-like columns, and string tests of a column no other
        // filter reads. A tested column is materialized only for the rows that pass, if the scan
        // returns it or the predicate reads it. The other filters form a predicate the reader
        // runs before it decodes the returned columns.
        Map<BoundExpr, StringTest> candidates = new LinkedHashMap<>();
        Map<String, RangeTest> ranges = new LinkedHashMap<>();
        List<BoundExpr> rest = new ArrayList<>();
        for (BoundExpr f : s.filters()) {
            StringTest t = StringTest.of(f);
            RangeTest r = t == null ? RangeTest.of(f) : null;
            if (t != null) {
                candidates.put(f, t);
            } else if (r != null) {
                ranges.merge(r.column(), r, RangeTest::and);
            } else {
                rest.add(f);
            }
        }
        Set<String> predicateColumns = new LinkedHashSet<>();
        rest.forEach(f -> collectColumns(f, predicateColumns));
        List<StringTest> tests = new ArrayList<>();
        candidates.forEach((f, t) -> {
            if (predicateColumns.contains(t.column())) {
                rest.add(f);
            } else {
                tests.add(t);
            }
        });
        List<RangeTest> rangeTests = List.copyOf(ranges.values());
        Schema sourceSchema = s.source().schema();
        List<String> read = sourceSchema.names().stream().filter(predicateColumns::contains).toList();
        ScanFilter filter = rest.isEmpty()
                ? new ScanFilter(tests, rangeTests, List.of(), null)
                : new ScanFilter(tests, rangeTests, read, RowFilter.compile(Exprs.conjoin(rest), sourceSchema.select(read)));
        List<JoinKeyFilter> joinKeys = pendingJoinKeys.getOrDefault(s, List.of());
        if (!joinKeys.isEmpty()) {
            filter = filter.withJoinKeys(joinKeys);
        }
        return new ScanExec(s.source(), s.schema(), s.filters(), filter, s.limit(), threads, id);
    }

    public static void collectColumns(BoundExpr e, Set<String> out) {
        if (e instanceof BoundExpr.ColumnRef c) {
            out.add(c.name());
        }
        for (BoundExpr child : e.children()) {
            collectColumns(child, out);
        }
    }

    /** The physical plan as indented text. */
    public static String print(ExecNode node) {
        StringBuilder sb = new StringBuilder();
        print(node, 0, sb);
        return sb.toString();
    }

    private static void print(ExecNode node, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(node.describe()).append('\n');
        for (ExecNode child : node.children()) {
            print(child, depth + 1, sb);
        }
    }
}
