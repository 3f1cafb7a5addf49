package io.polaroid.engine.session;

import io.polaroid.engine.analyze.Analyzer;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.OperatorProfile;
import io.polaroid.engine.exec.QueryRunner;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.DefaultSourceResolver;
import io.polaroid.engine.io.SourceResolver;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.fs.PathGuard;
import io.polaroid.engine.memory.MemoryLimits;
import io.polaroid.engine.optimizer.Optimizer;
import io.polaroid.engine.optimizer.Rules;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.spill.SpillArea;
import io.polaroid.engine.spill.SpillQuota;
import io.polaroid.engine.sql.SqlExpansion;
import io.polaroid.engine.sql.SqlTables;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The engine in one process: analyze, optimize, plan and run. Each query gets its own child
 * allocator with the configured limit; when the query ends, its results move to the caller's
 * allocator and the query allocator is closed, which proves that nothing leaked.
 */
public final class QueryEngine implements AutoCloseable {
    private static final AtomicLong QUERY_IDS = new AtomicLong();

    private final EngineConfig config;
    private final RootAllocator root;
    private final ExecutorService pool;
    private final FileSystems files;
    private final SourceResolver sources;
    private final Optimizer optimizer;
    /** The disk all of this engine's queries may spill to, together. */
    private final SpillQuota spillQuota;

    public QueryEngine(EngineConfig config) {
        this(config, (SourceResolver) null);
    }

    /** An engine whose scans go through {@code sources} (null: the default for every format). */
    public QueryEngine(EngineConfig config, SourceResolver sources) {
        this(config, PathGuard.ALLOW_ALL, files -> sources != null ? sources : new DefaultSourceResolver(files));
    }

    /**
     * An engine that reads only the files {@code paths} allows (a server confines reads to its
     * data roots this way); the guard is applied while globs and folders are listed.
     */
    public QueryEngine(EngineConfig config, PathGuard paths) {
        this(config, paths, DefaultSourceResolver::new);
    }

    private QueryEngine(EngineConfig config, PathGuard paths, java.util.function.Function<FileSystems, SourceResolver> sources) {
        this.config = config;
        this.root = new RootAllocator(MemoryLimits.maxDirectMemory());
        AtomicInteger threadIds = new AtomicInteger();
        // the caller's thread is a run's first; a run may be given up to maxThreads() (a pool's threads start when first used)
        this.pool = Executors.newFixedThreadPool(Math.max(1, maxThreads() - 1), r -> {
            Thread t = new Thread(r, "polaroid-worker-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.files = new FileSystems(config.hadoop(), paths);
        this.sources = sources.apply(files);
        this.optimizer = new Optimizer(Rules.once(), Rules.defaults());
        this.spillQuota = new SpillQuota(config.spill().maxBytes());
        SpillArea.sweepLeftovers(config.spill().dirs());
    }

    /** The disk this process' spill files may take, shared by its queries and whatever else spills here. */
    public SpillQuota spillQuota() {
        return spillQuota;
    }

    public EngineConfig config() {
        return config;
    }

    /** The most threads one run may be given: the configured threads, or the machine's cores when more. */
    public int maxThreads() {
        return Math.max(config.threads(), Runtime.getRuntime().availableProcessors());
    }

    public BufferAllocator rootAllocator() {
        return root;
    }

    public FileSystems files() {
        return files;
    }

    public Schema schema(PlanNode plan) {
        return PlanningStack.call("analyzing the plan", () -> new Analyzer(sources).analyze(expandSql(plan, SqlTables.NONE)).schema());
    }

    /**
     * {@code plan} with every SQL query in it replaced by the plan it means; SQL names tables of
     * the query's own, then of {@code tables}. The same plan when there is no SQL in it.
     */
    public PlanNode expandSql(PlanNode plan, SqlTables tables) {
        return PlanningStack.call("planning the SQL", () -> new SqlExpansion(tables, this::analyzedSchema, this::estimatedRows, this::explainExpanded)
                .expand(plan));
    }

    /** The types the {@code ?} placeholders of {@code sql} take from where they stand (null: no type there). */
    public List<DataType> sqlParameterTypes(PlanNode.Sql sql, SqlTables tables) {
        return PlanningStack.call("planning the SQL", () -> new SqlExpansion(tables, this::analyzedSchema, this::estimatedRows, this::explainExpanded)
                .parameterTypes(sql));
    }

    private Schema analyzedSchema(PlanNode expanded) {
        return new Analyzer(sources).analyze(expanded).schema();
    }

    private double estimatedRows(PlanNode expanded) {
        return io.polaroid.engine.optimizer.Cardinality.rows(new Analyzer(sources).analyze(expanded));
    }

    private String explainExpanded(PlanNode expanded) {
        return planExpanded(expanded).explain();
    }

    /** Plans on a planning thread ({@link PlanningStack}), since every pass recurses over the plan. */
    public QueryPlans plan(PlanNode plan) {
        return PlanningStack.call("planning the query", () -> planExpanded(expandSql(plan, SqlTables.NONE)));
    }

    private QueryPlans planExpanded(PlanNode plan) {
        LogicalPlan logical = new Analyzer(sources).analyze(plan);
        LogicalPlan optimized = optimizer.optimize(logical);
        ExecNode physical = new PhysicalPlanner(config.threads()).planQuery(optimized);
        return new QueryPlans(logical, optimized, physical);
    }

    public String explain(PlanNode plan) {
        return plan(plan).explain();
    }

    /** Runs {@code plan}; the result's batches belong to {@code resultAllocator}. */
    public QueryResult execute(PlanNode plan, BufferAllocator resultAllocator) {
        return execute(plan(plan).physical(), resultAllocator);
    }

    public QueryResult execute(ExecNode physical, BufferAllocator resultAllocator) {
        return execute(physical, resultAllocator, "q" + QUERY_IDS.incrementAndGet(), new RunControl());
    }

    /**
     * Runs {@code physical} under the name {@code runId} (it names the run's allocator and its
     * errors); {@code control} can stop it from another thread.
     */
    public QueryResult execute(ExecNode physical, BufferAllocator resultAllocator, String runId, RunControl control) {
        return execute(physical, resultAllocator, runId, control, ctx -> { });
    }

    /**
     * Runs {@code plan} as {@link #execute(PlanNode, BufferAllocator)} does, counting what each
     * operator does: its rows, batches, time and spilled bytes ({@code LazyFrame.profile()}).
     */
    public ProfiledResult profile(PlanNode plan, BufferAllocator resultAllocator) {
        ExecNode physical = plan(plan).physical();
        OperatorProfile[] profile = new OperatorProfile[1];
        QueryResult result = execute(physical, resultAllocator, "q" + QUERY_IDS.incrementAndGet(), new RunControl(),
                ctx -> profile[0] = ctx.profile());
        return new ProfiledResult(result, profile[0].entries(physical));
    }

    private QueryResult execute(ExecNode physical, BufferAllocator resultAllocator, String runId, RunControl control,
                                Consumer<TaskContext> before) {
        List<Batch> moved = new ArrayList<>();
        try {
            QueryStats stats = run(runId, control, physical, ctx -> {
                before.accept(ctx);
                try (BatchList batches = QueryRunner.collect(physical, ctx)) {
                    for (Batch b : batches) {
                        moved.add(b.transferTo(resultAllocator));
                    }
                }
            });
            return new QueryResult(runId, physical.schema(), moved, stats);
        } catch (RuntimeException e) {
            moved.forEach(Batch::close);
            throw e;
        }
    }

    /**
     * Runs {@code physical} like {@link #execute}, but hands each result batch to {@code sink} as
     * soon as it is next in data order, moved into {@code resultAllocator}; the sink owns every
     * batch it is given (even when it throws) and may block to slow the run down. Returns what the
     * run read.
     */
    public QueryStats stream(ExecNode physical, BufferAllocator resultAllocator, String runId, RunControl control,
                             Consumer<Batch> sink) {
        return stream(physical, config.threads(), resultAllocator, runId, control, sink);
    }

    /**
     * {@link #stream(ExecNode, BufferAllocator, String, RunControl, Consumer)} on {@code threads}
     * threads (at most {@link #maxThreads()}) instead of the configured number; {@code physical}
     * was planned for as many.
     */
    public QueryStats stream(ExecNode physical, int threads, BufferAllocator resultAllocator, String runId,
                             RunControl control, Consumer<Batch> sink) {
        EngineConfig runConfig = threads == config.threads() ? config : config.withThreads(Math.min(threads, maxThreads()));
        return run(runId, control, physical, runConfig, ctx -> QueryRunner.stream(physical, ctx, b -> {
            Batch out;
            try {
                out = b.transferTo(resultAllocator);
            } finally {
                b.close();
            }
            sink.accept(out);
        }));
    }

    /** Runs {@code work} in a new task context of its own allocator, closed (and leak-checked) at the end. */
    private QueryStats run(String runId, RunControl control, ExecNode physical, Consumer<TaskContext> work) {
        return run(runId, control, physical, config, work);
    }

    private QueryStats run(String runId, RunControl control, ExecNode physical, EngineConfig runConfig,
                           Consumer<TaskContext> work) {
        long start = System.nanoTime();
        BufferAllocator allocator = root.newChildAllocator(runId, new SpillArbiter(config.spill().operatorBytes()), 0,
                config.queryMemoryLimit());
        TaskContext ctx = new TaskContext(runId, allocator, runConfig, pool, files, spillQuota);
        ctx.memory().shareAmong(ExecNode.spillingOperators(physical));
        control.attach(ctx);
        try {
            work.accept(ctx);
            long peak = allocator.getPeakMemoryAllocation();
            ctx.close();
            return new QueryStats(System.nanoTime() - start, ctx.rowsScanned(), ctx.bytesScanned(), peak,
                    ctx.spill().spilledBytes(), ctx.spill().spilledFiles());
        } catch (Throwable t) {
            ctx.fail(t);
            try {
                ctx.close();
            } catch (RuntimeException leak) {
                t.addSuppressed(leak);
            }
            throw PolaroidException.wrap(t);
        } finally {
            control.detach();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        files.close();
        root.close();
    }
}
