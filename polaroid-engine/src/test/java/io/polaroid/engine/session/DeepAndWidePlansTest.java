package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans a program builds in a loop (a thousand nested filters, an and() of 10,000 terms, a when()
 * of 10,000 branches) plan and run in local mode, in seconds, and survive the binary and JSON
 * codecs; a regular expression that backtracks catastrophically in java.util.regex is linear.
 */
class DeepAndWidePlansTest {
    private static final int ROWS = 1000;
    @TempDir
    static Path dir;
    static QueryEngine engine;
    static String file;

    @BeforeAll
    static void setUp() {
        file = dir.resolve("t.parquet").toString();
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT i AS id, repeat('a', 70) AS s FROM range(" + ROWS + ") t(i)) TO '" + file
                    + "' (FORMAT PARQUET)");
        }
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withHadoop(Map.of()));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @AfterEach
    void nothingOutstanding() {
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
    }

    @Test
    void aThousandNestedFiltersRunAndSurviveTheCodecs() {
        PlanNode plan = scan();
        for (int i = 0; i < 1000; i++) {
            plan = new PlanNode.Filter(plan, call(FunctionNames.GE, col("id"), lit(i / 2)));
        }
        assertThat(count(plan)).isEqualTo(ROWS - 499);
        PlanNode viaProto = PlanCodec.decodePlan(PlanCodec.encodePlan(plan).toByteArray());
        assertThat(viaProto).isEqualTo(plan);
        assertThat(PlanJson.fromJson(PlanJson.toJson(plan))).isEqualTo(plan);
        assertThat(engine.explain(plan)).contains("Filter");
    }

    @Test
    void tenThousandWayAndOrCoalesceAndWhenRun() {
        long start = System.nanoTime();
        List<Expr> ands = new ArrayList<>();
        List<Expr> ors = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ands.add(call(FunctionNames.NE, col("id"), lit(-1 - i)));
            ors.add(call(FunctionNames.EQ, col("id"), lit(i * 7)));
        }
        assertThat(count(new PlanNode.Filter(scan(), new Expr.Call(FunctionNames.AND, ands)))).isEqualTo(ROWS);
        assertThat(count(new PlanNode.Filter(scan(), new Expr.Call(FunctionNames.OR, ors)))).isEqualTo((ROWS + 6) / 7);

        List<Expr> coalesce = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            coalesce.add(Expr.Literal.of(null, DataType.INT64));
        }
        coalesce.add(col("id"));
        PlanNode firstNonNull = new PlanNode.Filter(scan(),
                call(FunctionNames.LT, new Expr.Call(FunctionNames.COALESCE, coalesce), lit(10)));
        assertThat(count(firstNonNull)).isEqualTo(10);

        List<Expr.Branch> branches = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            branches.add(new Expr.Branch(call(FunctionNames.EQ, col("id"), lit(i)), lit(i % 2)));
        }
        PlanNode odd = new PlanNode.Filter(scan(), call(FunctionNames.EQ, new Expr.When(branches, lit(-1)), lit(1)));
        assertThat(count(odd)).isEqualTo(ROWS / 2);
        assertThat(System.nanoTime() - start).as("wide expressions must not be quadratic").isLessThan(60_000_000_000L);
    }

    @Test
    void aCatastrophicRegexIsLinear() {
        String pattern = "(.*a){8}!";
        long start = System.nanoTime();
        // Constant-folded at planning time, and evaluated on every row.
        PlanNode folded = new PlanNode.Filter(scan(), call(FunctionNames.STR_CONTAINS_REGEX,
                Expr.Literal.of("a".repeat(70), DataType.UTF8), Expr.Literal.of(pattern, DataType.UTF8)));
        assertThat(count(folded)).isZero();
        PlanNode perRow = new PlanNode.Filter(scan(), call(FunctionNames.STR_CONTAINS_REGEX, col("s"),
                Expr.Literal.of(pattern, DataType.UTF8)));
        assertThat(count(perRow)).isZero();
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void anInvalidRegexIsAnInvalidPlanNamingThePattern() {
        PlanNode plan = new PlanNode.Filter(scan(), call(FunctionNames.STR_CONTAINS_REGEX, col("s"),
                Expr.Literal.of("a(b", DataType.UTF8)));
        PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> count(plan));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLAN);
        assertThat(e.getMessage()).contains("a(b");
    }

    private static long count(PlanNode plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(plan, results)) {
            return Rows.of(r.batches()).size();
        }
    }

    private static PlanNode scan() {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null);
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }

    private static Expr lit(long value) {
        return Expr.Literal.of(value, DataType.INT64);
    }

    private static Expr call(String fn, Expr... args) {
        return new Expr.Call(fn, List.of(args));
    }
}
