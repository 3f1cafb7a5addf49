package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.engine.analyze.ExprDepth;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
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
        PlanNode viaJson = PlanJson.fromJson(PlanJson.toJson(plan));
        // records compare recursively: a thousand levels deep, on a planning thread's large stack
        PlanNode original = plan;
        assertThat(PlanningStack.call("comparing plans", () -> viaProto.equals(original) && viaJson.equals(original))).isTrue();
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
    void tenThousandChainedBinaryAndOrRun() {
        Expr and = call(FunctionNames.GE, col("id"), lit(0));
        Expr or = call(FunctionNames.EQ, col("id"), lit(0));
        for (int i = 1; i < 10_000; i++) {
            and = call(FunctionNames.AND, and, call(FunctionNames.NE, col("id"), lit(-i)));
            or = call(FunctionNames.OR, or, call(FunctionNames.EQ, col("id"), lit(i * 7)));
        }
        assertThat(count(new PlanNode.Filter(scan(), and))).isEqualTo(ROWS);
        assertThat(count(new PlanNode.Filter(scan(), or))).isEqualTo((ROWS + 6) / 7);
    }

    @Test
    void everyKindOfExpressionRunsUpToTheDepthLimitAndIsRefusedBeyondIt() {
        // Implicit casts may add a level or two to what the program wrote; the limit counts bound levels.
        for (int levels : List.of(ExprDepth.MAX - 2, ExprDepth.MAX + 1)) {
            for (Map.Entry<String, Expr> nested : nestedExpressions(levels).entrySet()) {
                PlanNode plan = new PlanNode.Filter(scan(), nested.getValue());
                if (levels <= ExprDepth.MAX) {
                    assertThat(count(plan)).as(nested.getKey()).isEqualTo(ROWS);
                } else {
                    PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> count(plan));
                    assertThat(e).as(nested.getKey()).isNotNull();
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLAN);
                    assertThat(e.getMessage()).containsPattern("nests 10\\d\\d levels deep, over the limit of " + ExprDepth.MAX + " levels");
                }
            }
        }
    }

    /** Predicates true on every row, nested exactly {@code levels} deep, one per kind of expression. */
    private static Map<String, Expr> nestedExpressions(int levels) {
        Expr plus = col("id");
        Expr abs = col("id");
        Expr cast = col("id");
        Expr coalesce = col("id");
        Expr when = lit(0);
        Expr alternating = call(FunctionNames.GE, col("id"), lit(0));
        // The comparison around each (and the literal under when()) is a level of its own.
        for (int i = 0; i < levels - 2; i++) {
            plus = call(FunctionNames.ADD, plus, lit(1));
            abs = call(FunctionNames.ABS, abs);
            cast = new Expr.Cast(cast, i % 2 == 0 ? DataType.FLOAT64 : DataType.INT64, false);
            coalesce = call(FunctionNames.COALESCE, coalesce, lit(i));
            // ((id >= 0 or id = -1) and id != -2) or ...: no chain of one function to flatten.
            alternating = i % 2 == 0 ? call(FunctionNames.OR, alternating, call(FunctionNames.EQ, col("id"), lit(-1 - i)))
                    : call(FunctionNames.AND, alternating, call(FunctionNames.NE, col("id"), lit(-1 - i)));
        }
        for (int i = 0; i < levels - 2; i++) {
            when = new Expr.When(List.of(new Expr.Branch(call(FunctionNames.EQ, col("id"), lit(-1 - i)), lit(1))), when);
        }
        Map<String, Expr> out = new java.util.LinkedHashMap<>();
        out.put("add", call(FunctionNames.GE, plus, lit(0)));
        out.put("abs", call(FunctionNames.GE, abs, lit(0)));
        out.put("cast", call(FunctionNames.GE, cast, lit(0)));
        out.put("coalesce", call(FunctionNames.GE, coalesce, lit(0)));
        out.put("when", call(FunctionNames.EQ, when, lit(0)));
        out.put("alternating and/or", alternating);
        return out;
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
