package io.polaroid.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.InProcessStages;
import io.polaroid.engine.distributed.StageTaskRunner;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import io.polaroid.Polaroid;
import io.polaroid.engine.vector.Batch;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All 22 TPC-H queries cut into stages by the distributed planner and run stage by stage in one
 * process: the same rows as local mode. Run twice, with every join shuffled and with every small
 * join broadcast, so that both strategies meet every query.
 */
class TpchDistributedPlanTest {
    static Path data;
    static Polaroid pl;
    static TpchTables tables;
    static QueryEngine engine;

    @BeforeAll
    static void setUp() {
        data = TpchData.splitTestData();
        EngineConfig config = EngineConfig.defaults().withThreads(2).withBatchRows(8192);
        pl = Polaroid.local(config);
        tables = new TpchTables(pl, data);
        engine = new QueryEngine(config);
    }

    @AfterAll
    static void tearDown() {
        engine.close();
        pl.close();
    }

    static List<Integer> queries() {
        return IntStream.rangeClosed(1, 22).boxed().toList();
    }

    @ParameterizedTest(name = "Q{0} shuffled")
    @MethodSource("queries")
    void shuffledJoinsMatchLocalMode(int q) {
        check(q, 0);
    }

    @ParameterizedTest(name = "Q{0} broadcast")
    @MethodSource("queries")
    void broadcastJoinsMatchLocalMode(int q) {
        check(q, Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "Q{0} broadcast stages")
    @MethodSource("queries")
    void broadcastStagesMatchLocalMode(int q) {
        var lazy = TpchQueries.query(q, tables);
        check(lazy, new DistributedPlanner(3, Long.MAX_VALUE, 0).plan(engine.plan(lazy.plan()).optimized()));
    }

    /**
     * Q16's suppliers with complaints, a small side, are read whole by each task that joins them,
     * not broadcast by a stage of their own (the parts are split with partsupp by key ranges): only
     * the aggregation's shuffle and the final sort's gather remain, and every task finds every match.
     */
    @Test
    void aSmallBuildSideIsReadByEveryTaskThatJoinsIt() {
        var lazy = TpchQueries.query(16, tables);
        DistributedPlan plan = new DistributedPlanner(3, 32 << 20).plan(engine.plan(lazy.plan()).optimized());
        assertThat(plan.explain()).contains("supplier.parquet] read whole by every task");
        assertThat(plan.stages()).as(plan.explain()).hasSize(3)
                .allMatch(s -> !s.inputs().isEmpty() || io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()).contains("partsupp"));
        check(lazy, plan);
    }

    /**
     * A task may be lent more threads than its engine runs a task on (a worker's share of a
     * machine whose other slots are idle), at most the machine's cores; Q2 and Q16 as one task
     * and Q22's stages then answer as on one thread.
     */
    @ParameterizedTest(name = "Q{0} on lent threads")
    @ValueSource(ints = {2, 16, 22})
    void aTaskLentMoreThreadsThanItsEngineHasAnswersTheSame(int q) {
        try (QueryEngine oneThread = new QueryEngine(EngineConfig.defaults().withThreads(1).withBatchRows(8192))) {
            StageTaskRunner runner = new StageTaskRunner(oneThread);
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(runner.threads()).isEqualTo(1);
            assertThat(oneThread.maxThreads()).isEqualTo(Math.max(1, cores));
            assertThat(runner.withThreads(2).threads()).isEqualTo(Math.min(2, oneThread.maxThreads()));
            assertThat(runner.withThreads(cores + 7).threads()).as("never above the cores").isEqualTo(oneThread.maxThreads());
            var lazy = TpchQueries.query(q, tables);
            var optimized = oneThread.plan(lazy.plan()).optimized();
            check(lazy, new DistributedPlanner(2, 32L << 20).plan(optimized), oneThread, 2);
            check(lazy, new DistributedPlanner(1, 32L << 20, DistributedPlanner.REPLICATED_ROWS, Long.MAX_VALUE).plan(optimized),
                    oneThread, 2);
        }
    }

    /**
     * Q11 reads partsupp, supplier and nation, each twice in its plan (once for the threshold) but
     * once when it runs: a limit of exactly those rows makes it one task, one row fewer splits it.
     */
    @Test
    void aQueryThatReadsFewRowsIsOneTask() {
        var lazy = TpchQueries.query(11, tables);
        long rows = 0;
        for (String table : List.of("partsupp", "supplier", "nation")) {
            try (DataFrame df = pl.scanParquet(data.resolve(table + ".parquet").toString()).collect()) {
                rows += df.height();
            }
        }
        var optimized = engine.plan(lazy.plan()).optimized();
        DistributedPlan one = new DistributedPlanner(3, 0, 0, rows).plan(optimized);
        assertThat(one.stages()).as(one.explain()).hasSize(1);
        assertThat(one.root().tasks()).isEqualTo(1);
        check(lazy, one);
        DistributedPlan split = new DistributedPlanner(3, 0, 0, rows - 1).plan(optimized);
        assertThat(split.stages().size()).as(split.explain()).isGreaterThan(1);
        assertThat(new DistributedPlanner(3, 0, 0, 0).plan(optimized).stages()).hasSameSizeAs(split.stages());
    }

    /**
     * The rows counted are those of the row groups a scan's filters leave: lineitem is in order
     * of its order keys, so its first fifth of orders is a fifth of its row groups (several, split
     * across tasks when nothing stops it), under a limit of half its rows; the whole of it is not.
     */
    @Test
    void onlyTheRowGroupsAFilterLeavesCount() {
        long half;
        try (DataFrame df = tables.lineitem().collect()) {
            half = df.height() / 2;
        }
        var firstOrders = tables.lineitem().filter(io.polaroid.Functions.col("l_orderkey").lt(io.polaroid.Functions.lit(60_000)))
                .select(io.polaroid.Functions.col("l_quantity").sum());
        var optimized = engine.plan(firstOrders.plan()).optimized();
        assertThat(new DistributedPlanner(3, 0, 0, 0).plan(optimized).stages()).hasSizeGreaterThan(1);
        DistributedPlan pruned = new DistributedPlanner(3, 0, 0, half).plan(optimized);
        assertThat(pruned.stages()).as(pruned.explain()).hasSize(1);
        check(firstOrders, pruned);
        var all = tables.lineitem().select(io.polaroid.Functions.col("l_quantity").sum());
        DistributedPlan whole = new DistributedPlanner(3, 0, 0, half).plan(engine.plan(all.plan()).optimized());
        assertThat(whole.stages().size()).as(whole.explain()).isGreaterThan(1);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void aSubplanThatOccursTwiceIsOneStage(int q) {
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(q, tables).plan()).optimized());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var stage : plan.stages()) {
            String fragment = io.polaroid.engine.optimizer.PlanPrinter.print(stage.fragment()) + stage.output() + stage.tasks();
            assertThat(seen.add(fragment)).as("stage %d repeats an earlier one:%n%s", stage.id(), plan.explain()).isTrue();
        }
    }

    /**
     * Q21 scans lineitem three times: planning reads each of its four files' footers once, and the
     * tasks, which get each row group with its footer cut to it, read none.
     */
    @Test
    void footersAreReadOncePerQueryByThePlannerAndNeverByTasks(@org.junit.jupiter.api.io.TempDir Path copy) throws Exception {
        for (String table : List.of("lineitem", "orders", "supplier", "nation")) {
            java.nio.file.Files.copy(data.resolve(table + ".parquet"), copy.resolve(table + ".parquet"));
        }
        TpchTables fresh = new TpchTables(pl, copy);
        long before = io.polaroid.engine.io.parquet.FooterCache.reads();
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(21, fresh).plan()).optimized());
        long planned = io.polaroid.engine.io.parquet.FooterCache.reads();
        assertThat(planned - before).as("footers read while planning").isEqualTo(4);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
            List<Batch> batches = InProcessStages.run(engine, plan, results);
            assertThat(batches).isNotEmpty();
            batches.forEach(Batch::close);
        }
        assertThat(io.polaroid.engine.io.parquet.FooterCache.reads()).as("footers read by the tasks").isEqualTo(planned);
    }

    /**
     * Q17 reads lineitem joined to its parts twice (the average quantity per part, and the rows
     * compared with it), and Q11 partsupp joined to its suppliers twice (the total, and the value
     * per part): each join is one stage, read by both, so each table is scanned by one stage.
     */
    @ParameterizedTest(name = "Q{0} scans {1} once")
    @org.junit.jupiter.params.provider.CsvSource({"17, lineitem", "11, partsupp", "20, partsupp"})
    void aSubplanReadInTwoStagesIsMadeOnce(int q, String table) {
        for (long broadcastBytes : new long[] {0, 32 << 20}) {
            DistributedPlan plan = new DistributedPlanner(3, broadcastBytes).plan(engine.plan(TpchQueries.query(q, tables).plan()).optimized());
            assertThat(plan.stages().stream().filter(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment())
                    .contains(table + ".parquet"))).as(plan.explain()).hasSize(1);
            check(TpchQueries.query(q, tables), plan);
        }
    }

    /**
     * Q21's task joins lineitem to the one broadcast of suppliers in six places of its plan: bound
     * on a worker, every read of a stage is one source, so that those joins are equal and run once.
     */
    @Test
    void aTaskBindsEveryReadOfAStageToOneSource() {
        // the suppliers broadcast, not read by every task
        DistributedPlan plan = new DistributedPlanner(3, 32 << 20, 0).plan(engine.plan(TpchQueries.query(21, tables).plan()).optimized());
        var fragments = new io.polaroid.engine.serde.fragment.TaskFragments(plan);
        var stage = plan.stages().stream().filter(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment())
                .split("Scan exchange from stage 0", -1).length > 2).findFirst().orElseThrow();
        var bound = io.polaroid.engine.serde.fragment.FragmentBinding.bind(fragments.fragment(stage.id()),
                fragments.scans(stage.id(), 0), (stageId, schema) -> List.of(), engine.files());
        List<io.polaroid.engine.io.DataSource> reads = new java.util.ArrayList<>();
        collectExchanges(bound, reads);
        assertThat(reads).as(plan.explain()).hasSizeGreaterThan(2);
        long stagesRead = reads.stream().map(r -> ((io.polaroid.engine.distributed.ExchangeSource) r).stageId()).distinct().count();
        java.util.Set<io.polaroid.engine.io.DataSource> sources = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        sources.addAll(reads);
        assertThat(sources).as("sources of %d reads of %d stages", reads.size(), stagesRead).hasSize((int) stagesRead);
    }

    private static void collectExchanges(io.polaroid.engine.plan.LogicalPlan plan, List<io.polaroid.engine.io.DataSource> out) {
        if (plan instanceof io.polaroid.engine.plan.LogicalPlan.ScanNode s
                && s.source() instanceof io.polaroid.engine.distributed.ExchangeSource) {
            out.add(s.source());
        }
        plan.children().forEach(c -> collectExchanges(c, out));
    }

    /** Customers of a segment that placed an order: the orders only say which customers exist. */
    private io.polaroid.LazyFrame customersWithOrders() {
        return tables.customer().filter(io.polaroid.Functions.col("c_mktsegment").eq(io.polaroid.Functions.lit("BUILDING")))
                .join(tables.orders(), io.polaroid.Functions.col("c_custkey"), io.polaroid.Functions.col("o_custkey"), "semi");
    }

    private static String fragmentReading(DistributedPlan plan, String table) {
        return plan.stages().stream().map(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()))
                .filter(f -> f.contains(table)).findFirst().orElseThrow();
    }

    @Test
    void theExistenceSideOfAShuffledSemiJoinSendsDistinctKeys() {
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(customersWithOrders().plan()).optimized());
        assertThat(fragmentReading(plan, "orders")).as(plan.explain()).startsWith("Aggregate keys=[o_custkey] aggs=[]");
        check(customersWithOrders(), plan);
    }

    @Test
    void aSemiJoinKeepingASmallSideMovesOnlyTheKeysItMatched() {
        // the segment's customers are broadcast to the orders, which send back the keys they matched
        DistributedPlan plan = new DistributedPlanner(3, Long.MAX_VALUE).plan(engine.plan(customersWithOrders().plan()).optimized());
        var ordersStage = plan.stages().stream()
                .filter(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()).contains("orders")).findFirst().orElseThrow();
        String fragment = io.polaroid.engine.optimizer.PlanPrinter.print(ordersStage.fragment());
        assertThat(fragment).as(plan.explain()).startsWith("Aggregate keys=[o_custkey] aggs=[]").contains("LEFT_SEMI");
        assertThat(ordersStage.output()).isEqualTo(io.polaroid.engine.distributed.Partitioning.single());
        check(customersWithOrders(), plan);
    }

    @Test
    void joinsAndAggregationsOnTheKeyTheFilesAreOrderedByMoveNoRows() {
        // Q4: orders with a late line item, counted by priority; both tables are in order-key order
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(4, tables).plan()).optimized());
        String first = io.polaroid.engine.optimizer.PlanPrinter.print(plan.stages().get(0).fragment());
        assertThat(first).as(plan.explain()).contains("lineitem").contains("orders").contains("split by l_orderkey into 3 key ranges")
                .contains("split by o_orderkey into 3 key ranges");
        // the join and partial counts; the five priorities' final counts and the sort in one task
        assertThat(plan.stages()).as(plan.explain()).hasSize(2);
        check(TpchQueries.query(4, tables), plan);
        // Q18: quantities summed by order in place, then joined with the orders and line items in place too
        DistributedPlan q18 = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(18, tables).plan()).optimized());
        assertThat(io.polaroid.engine.optimizer.PlanPrinter.print(q18.stages().get(0).fragment())).as(q18.explain())
                .contains("Join INNER on l_orderkey = o_orderkey").contains("Aggregate keys=[l_orderkey]");
        check(TpchQueries.query(18, tables), q18);
        // Q2 (suppliers broadcast): part and partsupp meet in place, and the cheapest supply cost per part (grouped by
        // the part's key, equal to the partsupp key the rows are split by) is found in place too
        DistributedPlan q2 = new DistributedPlanner(3, 32 << 20).plan(engine.plan(TpchQueries.query(2, tables).plan()).optimized());
        assertThat(q2.stages()).as(q2.explain())
                .noneMatch(s -> s.output() instanceof io.polaroid.engine.distributed.Partitioning.Hash h
                        && h.keys().toString().contains("partkey"));
        check(TpchQueries.query(2, tables), q2);
    }

    /** The same with null keys on both sides, for semi and anti joins: a null key matches nothing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"semi", "anti"})
    void aSmallSideKeptByKeysMatchedElsewhereTreatsNullKeysAsUnmatched(String how,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("small.csv"), "k,name\n1,a\n2,b\n,c\n3,d\n,e\n5,f\n1,g\n");
        List<String> bigFiles = new java.util.ArrayList<>();
        for (int f = 0; f < 3; f++) { // three files: three tasks
            StringBuilder big = new StringBuilder("k,v\n");
            for (int i = 0; i < 3000; i++) {
                big.append(i % 7 == f ? "" : String.valueOf((i + f) % 4)).append(',').append(i).append('\n');
            }
            bigFiles.add(java.nio.file.Files.writeString(dir.resolve("big" + f + ".csv"), big).toString());
        }
        var joined = pl.scanCsv(dir.resolve("small.csv").toString())
                .join(pl.scanCsv(bigFiles.toArray(String[]::new)), "k", "k", how);
        DistributedPlan plan = new DistributedPlanner(3, Long.MAX_VALUE).plan(engine.plan(joined.plan()).optimized());
        String last = io.polaroid.engine.optimizer.PlanPrinter.print(plan.root().fragment());
        assertThat(last).as(plan.explain()).startsWith("Join " + (how.equals("semi") ? "LEFT_SEMI" : "LEFT_ANTI"));
        assertThat(plan.stages()).as(plan.explain()).hasSize(3) // small rows; big rows' matched keys; the join
                .allMatch(stage -> stage.output().equals(io.polaroid.engine.distributed.Partitioning.single()));
        check(joined, plan);
    }

    @Test
    void anAggregationOfFewGroupsIsCombinedInOneTaskAndOfManyShuffled() {
        // Q1 groups by two one-letter flags (dictionaries of a few entries): the partial sums go to one task
        DistributedPlan q1 = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(1, tables).plan()).optimized());
        assertThat(q1.stages()).as(q1.explain()).hasSize(2);
        assertThat(q1.stages().get(0).output()).as(q1.explain()).isEqualTo(io.polaroid.engine.distributed.Partitioning.single());
        assertThat(io.polaroid.engine.optimizer.PlanPrinter.print(q1.root().fragment())).as(q1.explain())
                .contains("Aggregate keys=[l_returnflag, l_linestatus]");
        check(TpchQueries.query(1, tables), q1);
        // counts by customer and day (millions of pairs, as far as footers tell): shuffled by the keys, combined in every task
        var byCustomer = tables.orders().groupBy("o_custkey", "o_orderdate").agg(io.polaroid.Functions.len().alias("n"));
        DistributedPlan many = new DistributedPlanner(3, 0).plan(engine.plan(byCustomer.plan()).optimized());
        assertThat(many.stages().get(0).output()).as(many.explain()).isInstanceOf(io.polaroid.engine.distributed.Partitioning.Hash.class);
        check(byCustomer, many);
    }

    @Test
    void aRightJoinsRowsStayPartitionedByItsRightKeys() {
        // Q13: customers right-joined to their orders, both shuffled by customer key; the orders are
        // then counted by c_custkey where they were joined, with no shuffle between
        DistributedPlan q13 = new DistributedPlanner(3, 0).plan(engine.plan(TpchQueries.query(13, tables).plan()).optimized());
        assertThat(q13.stages()).as(q13.explain())
                .filteredOn(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()).contains("Join RIGHT"))
                .singleElement()
                .satisfies(s -> assertThat(io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()))
                        .contains("Aggregate keys=[c_custkey] aggs=[count(o_orderkey) AS c_count]"));
        assertThat(q13.stages()).as(q13.explain()).noneMatch(s -> s.output() instanceof io.polaroid.engine.distributed.Partitioning.Hash h
                && h.keys().toString().contains("c_custkey") && io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()).contains("Join"));
        check(TpchQueries.query(13, tables), q13);
    }

    /** The same with null keys on both sides and right rows without a match, grouped by the join key after it. */
    @Test
    void aRightJoinGroupedByItsKeyAfterwardsMovesNoRowsBetween(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<String> leftFiles = new java.util.ArrayList<>();
        List<String> rightFiles = new java.util.ArrayList<>();
        for (int f = 0; f < 3; f++) { // three files a side: three tasks
            StringBuilder left = new StringBuilder("k,v\n");
            StringBuilder right = new StringBuilder("k,w\n");
            for (int i = 0; i < 2000; i++) {
                left.append(i % 7 == f ? "" : String.valueOf((i + f) % 9)).append(',').append(i).append('\n');
                right.append(i % 5 == f ? "" : String.valueOf((i * 3 + f) % 13)).append(',').append(i % 17).append('\n');
            }
            leftFiles.add(java.nio.file.Files.writeString(dir.resolve("left" + f + ".csv"), left).toString());
            rightFiles.add(java.nio.file.Files.writeString(dir.resolve("right" + f + ".csv"), right).toString());
        }
        var grouped = pl.scanCsv(leftFiles.toArray(String[]::new))
                .join(pl.scanCsv(rightFiles.toArray(String[]::new)), "k", "k", "right")
                .groupBy("k").agg(io.polaroid.Functions.len().alias("n"), io.polaroid.Functions.col("v").sum().alias("v"),
                        io.polaroid.Functions.col("w").max().alias("w"));
        DistributedPlan plan = new DistributedPlanner(3, 0, DistributedPlanner.REPLICATED_ROWS, 0, 0).plan(engine.plan(grouped.plan()).optimized());
        assertThat(plan.stages()).as(plan.explain()).hasSize(3) // left rows; right rows; join and group
                .filteredOn(s -> io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment()).contains("Join RIGHT"))
                .singleElement().satisfies(s -> assertThat(io.polaroid.engine.optimizer.PlanPrinter.print(s.fragment())).contains("Aggregate"));
        check(grouped, plan);
    }

    @Test
    void aJoinOnTheKeysItsInputIsGroupedByShufflesOnlyTheOtherSide() {
        var counts = tables.orders().groupBy("o_custkey").agg(io.polaroid.Functions.len().alias("n"));
        var joined = counts.join(tables.customer(), io.polaroid.Functions.col("o_custkey"),
                io.polaroid.Functions.col("c_custkey"), "inner");
        // (as many customers as here are few enough groups to count in one task: this planner never does)
        DistributedPlan plan = new DistributedPlanner(3, 0, DistributedPlanner.REPLICATED_ROWS, 0, 0).plan(engine.plan(joined.plan()).optimized());
        // partial aggregate -> shuffle; customer -> shuffle; final aggregate and join in one stage
        assertThat(plan.stages()).as(plan.explain()).hasSize(3);
        check(joined, plan);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"left", "anti"})
    void aTaskKeepsOnlyItsOwnKeysOfTheRowGroupsItSharesWithANeighbour(String how) {
        // orders, split by lineitem's key ranges, shares row groups between tasks: an outer or anti
        // join that kept a neighbour's orders would make them again, unmatched
        var joined = tables.orders().select(io.polaroid.Functions.col("o_orderkey"), io.polaroid.Functions.col("o_orderstatus"))
                .join(tables.lineitem().select(io.polaroid.Functions.col("l_orderkey"), io.polaroid.Functions.col("l_linenumber")),
                        io.polaroid.Functions.col("o_orderkey"), io.polaroid.Functions.col("l_orderkey"), how);
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(joined.plan()).optimized());
        assertThat(plan.explain()).contains("split by o_orderkey into 3 key ranges").contains("split by l_orderkey into 3 key ranges");
        check(joined, plan);
    }

    private void check(int q, long broadcastBytes) {
        var lazy = TpchQueries.query(q, tables);
        check(lazy, new DistributedPlanner(3, broadcastBytes).plan(engine.plan(lazy.plan()).optimized()));
    }

    private void check(io.polaroid.LazyFrame lazy, DistributedPlan plan) {
        check(lazy, plan, engine, engine.config().threads());
    }

    /** Checks {@code plan}'s answer, its tasks run by {@code engine} on {@code threads} threads each, against local mode. */
    private static void check(io.polaroid.LazyFrame lazy, DistributedPlan plan, QueryEngine engine, int threads) {
        List<List<Object>> expected;
        try (DataFrame df = lazy.collect()) {
            expected = df.rows();
        }
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
            List<Batch> batches = InProcessStages.run(engine, plan, results, threads);
            try {
                assertThat(Rows.difference(expected, Rows.of(batches), plan.ordered()))
                        .as("%d stages:%n%s", plan.stages().size(), plan.explain()).isNull();
            } finally {
                batches.forEach(Batch::close);
            }
        }
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
    }
}
