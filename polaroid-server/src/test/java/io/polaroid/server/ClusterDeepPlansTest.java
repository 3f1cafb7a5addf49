package io.polaroid.server;

import static io.polaroid.Functions.coalesce;
import static io.polaroid.Functions.col;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.nullOf;
import static io.polaroid.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.DataFrame;
import io.polaroid.Expr;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.When;
import io.polaroid.engine.analyze.ExprDepth;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

/**
 * Plans as a program that builds them in loops makes them, run on a real cluster and compared
 * with local mode: 1,000 nested filters, 10,000 chained binary and()/or(), and WHEN and COALESCE
 * with 10,000 terms each; an expression nested beyond the depth limit is refused by name, and the
 * cluster answers the next query.
 */
class ClusterDeepPlansTest {
    private static final int DEPTH = 1_000;
    private static final int WIDTH = 10_000;
    private static final int CHAIN = 10_000;

    private static Map<String, Function<LazyFrame, LazyFrame>> plans() {
        Map<String, Function<LazyFrame, LazyFrame>> plans = new LinkedHashMap<>();
        plans.put(DEPTH + " nested filters", lf -> {
            for (int i = 0; i < DEPTH; i++) {
                lf = lf.filter(col("o_orderkey").gt(i));
            }
            return lf.select(col("o_orderkey").sum().alias("s"));
        });
        plans.put(CHAIN + " chained and()", lf -> {
            Expr e = col("o_orderkey").gt(0);
            for (int i = 1; i < CHAIN; i++) {
                e = e.and(col("o_orderkey").ne(-i));
            }
            return lf.filter(e).select(col("o_orderkey").sum().alias("s"));
        });
        plans.put(CHAIN + " chained or()", lf -> {
            Expr e = col("o_orderkey").eq(1);
            for (int i = 2; i <= CHAIN; i++) {
                e = e.or(col("o_orderkey").eq(i));
            }
            return lf.filter(e).select(col("o_orderkey").sum().alias("s"));
        });
        plans.put("when with " + WIDTH + " branches", lf -> {
            When.Then w = when(col("o_orderkey").eq(0)).then(lit(0L));
            for (int i = 1; i < WIDTH; i++) {
                w = w.when(col("o_orderkey").eq(i)).then(lit((long) i * 2));
            }
            return lf.select(w.otherwise(lit(-1L)).sum().alias("s"));
        });
        plans.put("coalesce of " + WIDTH, lf -> {
            Object[] args = new Object[WIDTH];
            for (int i = 0; i < WIDTH - 1; i++) {
                args[i] = nullOf(DataType.INT64);
            }
            args[WIDTH - 1] = col("o_orderkey");
            return lf.select(coalesce(args).sum().alias("s"));
        });
        return plans;
    }

    /**
     * The plan of {@code n} chained and() as a client that does not flatten chains sends it (the
     * SDKs do): each and() has two arguments, the chain is n levels deep in the protobuf.
     */
    private static byte[] binaryChain(String orders, int n) {
        io.polaroid.engine.dsl.Expr key = new io.polaroid.engine.dsl.Expr.Column("o_orderkey");
        io.polaroid.engine.dsl.Expr chain = call(FunctionNames.GT, key, literal(0));
        for (int i = 1; i < n; i++) {
            chain = call(FunctionNames.AND, chain, call(FunctionNames.NE, key, literal(-i)));
        }
        PlanNode filtered = new PlanNode.Filter(new PlanNode.Scan(ScanFormat.PARQUET, List.of(orders), null), chain);
        PlanNode sum = new PlanNode.Select(filtered, List.of(new io.polaroid.engine.dsl.Expr.Alias(
                call(FunctionNames.SUM, key), "s")));
        return PlanningStack.call("encoding the plan", () -> PlanCodec.encodePlan(sum).toByteArray());
    }

    private static io.polaroid.engine.dsl.Expr call(String function, io.polaroid.engine.dsl.Expr... args) {
        return new io.polaroid.engine.dsl.Expr.Call(function, List.of(args));
    }

    private static io.polaroid.engine.dsl.Expr literal(long value) {
        return io.polaroid.engine.dsl.Expr.Literal.of(value, DataType.INT64);
    }

    /** Runs a plan as plain Flight does (GetFlightInfo, then DoGet on every endpoint); its one BIGINT value. */
    private static long sumOverFlight(LocalCluster cluster, byte[] plan) {
        List<Long> values = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", cluster.port()))
                     .intercept(TestCredentials.get().client().flight()).build()) {
            for (FlightEndpoint e : client.getInfo(FlightDescriptor.command(plan)).getEndpoints()) {
                try (FlightClient worker = FlightClient.builder(allocator, e.getLocations().get(0))
                         .intercept(TestCredentials.get().client().flight()).build();
                     FlightStream stream = worker.getStream(e.getTicket())) {
                    while (stream.next()) {
                        BigIntVector s = (BigIntVector) stream.getRoot().getVector("s");
                        for (int i = 0; i < s.getValueCount(); i++) {
                            values.add(s.get(i));
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    @Test
    void deepAndWidePlansGiveLocalModesAnswerOnTheCluster() {
        Path data = TpchData.splitTestData();
        String orders = data.resolve("orders.parquet").toString();
        try (LocalCluster cluster = new LocalCluster("deep-plans", 1, List.of(data.toString()));
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            for (Map.Entry<String, Function<LazyFrame, LazyFrame>> plan : plans().entrySet()) {
                List<List<Object>> expected;
                try (DataFrame df = plan.getValue().apply(local.scanParquet(orders)).collect()) {
                    expected = df.rows();
                }
                long start = System.nanoTime();
                try (DataFrame df = plan.getValue().apply(remote.scanParquet(orders)).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), true)).as(plan.getKey()).isNull();
                }
                System.out.printf("%s: same answer on the cluster in %d ms%n", plan.getKey(), (System.nanoTime() - start) / 1_000_000);
            }
            long viaFlight = sumOverFlight(cluster, binaryChain(orders, CHAIN));
            try (DataFrame df = plans().get(CHAIN + " chained and()").apply(local.scanParquet(orders)).collect()) {
                assertThat(viaFlight).as("a binary and() chain sent as plan bytes").isEqualTo(df.rows().get(0).get(0));
            }
            Expr alternating = col("o_orderkey").gt(0);
            for (int i = 1; i < ExprDepth.MAX + 10; i++) {
                alternating = i % 2 == 0 ? alternating.and(col("o_orderkey").ne(-i)) : alternating.or(col("o_orderkey").eq(-i));
            }
            Expr tooDeep = alternating;
            PolaroidException refused = catchThrowableOfType(PolaroidException.class,
                    () -> remote.scanParquet(orders).filter(tooDeep).collect().close());
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_PLAN);
            assertThat(refused.getMessage()).contains("over the limit of " + ExprDepth.MAX + " levels");
            try (DataFrame df = remote.scanParquet(orders).select(col("o_orderkey").count().alias("n")).collect()) {
                assertThat(df.rows()).hasSize(1);
            }
        }
    }
}
