package io.polaroid.server;

import static io.polaroid.Functions.coalesce;
import static io.polaroid.Functions.col;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.nullOf;
import static io.polaroid.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Expr;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.When;
import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Plans as a program that builds them in loops makes them, run on a real cluster and compared
 * with local mode: 1,000 nested filters, 1,000 chained binary and()/or(), and WHEN and COALESCE
 * with 10,000 terms each. (10,000 chained binary and() plan locally, but the coordinator's
 * planning of them ran out of a 768 MB heap: a known limit, refused cleanly as INVALID_PLAN.)
 */
class ClusterDeepPlansTest {
    private static final int DEPTH = 1_000;
    private static final int WIDTH = 10_000;
    private static final int CHAIN = 1_000;

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
        }
    }
}
