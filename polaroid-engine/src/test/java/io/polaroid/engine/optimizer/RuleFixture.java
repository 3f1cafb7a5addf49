package io.polaroid.engine.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.analyze.Analyzer;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.io.DefaultSourceResolver;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Two small Parquet tables written by DuckDB and the helpers a rule test needs: build a plan from
 * the DSL, resolve it, apply one rule (or all), and print the result the way {@code explain} does.
 * {@code orders} is 10,000 rows in 5 row groups (4 of 2,048 rows, then 1,808), sorted by {@code id}; {@code customers} is 100 rows.
 */
final class RuleFixture {
    static final Path DIR;
    static final String ORDERS;
    static final String CUSTOMERS;

    static {
        try {
            DIR = Files.createTempDirectory("polaroid-rules");
            DIR.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ORDERS = DIR.resolve("orders.parquet").toString();
        CUSTOMERS = DIR.resolve("customers.parquet").toString();
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT i AS id, i % 100 AS cust, (i % 997) * 1.5 AS amount, 'item' || (i % 13) AS item"
                    + " FROM range(10000) t(i)) TO '" + ORDERS + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
            duck.execute("COPY (SELECT i AS cid, 'name' || i AS name, i % 5 AS region FROM range(100) t(i)) TO '"
                    + CUSTOMERS + "' (FORMAT PARQUET)");
        }
        new java.io.File(ORDERS).deleteOnExit();
        new java.io.File(CUSTOMERS).deleteOnExit();
    }

    private RuleFixture() {
    }

    static PlanNode orders() {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(ORDERS), null);
    }

    static PlanNode customers() {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(CUSTOMERS), null);
    }

    /** An expression string; a trailing {@code as name} names it. */
    static Expr e(String text) {
        int as = text.lastIndexOf(" as ");
        if (as > 0) {
            return new Expr.Alias(ExprParser.parse(text.substring(0, as)), text.substring(as + 4).trim());
        }
        return ExprParser.parse(text);
    }

    static List<Expr> exprs(String... texts) {
        return Arrays.stream(texts).map(RuleFixture::e).toList();
    }

    static PlanNode filter(PlanNode input, String predicate) {
        return new PlanNode.Filter(input, e(predicate));
    }

    static PlanNode select(PlanNode input, String... columns) {
        return new PlanNode.Select(input, exprs(columns));
    }

    static PlanNode join(PlanNode left, PlanNode right, String leftOn, String rightOn, JoinType how) {
        return new PlanNode.Join(left, right, exprs(leftOn), exprs(rightOn), how, PlanNode.Join.DEFAULT_SUFFIX);
    }

    static LogicalPlan resolve(PlanNode node) {
        return new Analyzer(new DefaultSourceResolver(new FileSystems(Map.of()))).analyze(node);
    }

    /** The plan after one application of {@code rule}, or the plan itself when the rule changed nothing. */
    static LogicalPlan apply(OptimizerRule rule, LogicalPlan plan) {
        return rule.apply(plan).orElse(plan);
    }

    static LogicalPlan optimize(LogicalPlan plan) {
        return new Optimizer(Rules.once(), Rules.defaults()).optimize(plan);
    }

    /**
     * Asserts that {@code rule} rewrites {@code node} into {@code expected} (as printed), and that
     * the rewritten plan returns the same rows as the plan it came from.
     */
    static void assertRewrite(OptimizerRule rule, PlanNode node, String expected) {
        LogicalPlan before = resolve(node);
        LogicalPlan after = apply(rule, before);
        assertThat(print(after)).isEqualTo(expected);
        assertThat(Rows.difference(rows(before), rows(after), false)).isNull();
    }

    /** Runs a resolved plan as it is, without the optimizer. */
    static List<List<Object>> rows(LogicalPlan plan) {
        QueryEngine engine = Engine.INSTANCE;
        ExecNode physical = new PhysicalPlanner(engine.config().threads()).planQuery(plan);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(physical, results)) {
            return Rows.of(r.batches());
        }
    }

    /** How many rows the scans of {@code node} read when it runs fully optimized. */
    static long rowsScanned(PlanNode node) {
        QueryEngine engine = Engine.INSTANCE;
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(node, results)) {
            return r.stats().rowsScanned();
        }
    }

    /** One engine for every rule test, closed with the JVM. */
    private static final class Engine {
        static final QueryEngine INSTANCE = new QueryEngine(EngineConfig.defaults().withThreads(2).withHadoop(Map.of()));
    }

    /** The plan as {@code explain} prints it, with the temporary folder written as {@code $DIR}. */
    static String print(LogicalPlan plan) {
        return PlanPrinter.print(plan).replace(DIR.toString(), "$DIR");
    }
}
