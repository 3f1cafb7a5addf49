package io.polaroid.bench;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.len;

import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Window queries over lineitem in Polaroid (local mode), DuckDB and Polars, side by side: the
 * aggregations per group that {@code over} joins back to every row, and the order-dependent
 * functions of the window operator (a rank within groups, a running sum in a window's own order).
 * Polars' times come from polars_tpch.py (keys 101-104 of its JSON).
 */
final class WindowBench {
    record Query(int id, String name, Function<LazyFrame, LazyFrame> polaroid, String sql) {
    }

    static final List<Query> QUERIES = List.of(
            new Query(101, "lines above their part's mean quantity",
                    lf -> lf.filter(col("l_quantity").gt(col("l_quantity").mean().over("l_partkey"))).select(len().alias("n")),
                    "SELECT count(*) FROM (SELECT l_quantity, avg(l_quantity) OVER (PARTITION BY l_partkey) AS m"
                            + " FROM lineitem) WHERE l_quantity > m"),
            new Query(102, "each line's share of its order's revenue",
                    lf -> lf.select(col("l_extendedprice").div(col("l_extendedprice").sum().over("l_orderkey")).alias("share"))
                            .select(col("share").max().alias("m")),
                    "SELECT max(share) FROM (SELECT l_extendedprice / sum(l_extendedprice) OVER (PARTITION BY l_orderkey)"
                            + " AS share FROM lineitem)"),
            new Query(103, "each supplier's three priciest lines (rank)",
                    lf -> lf.filter(col("l_extendedprice").rank("min", true).over("l_suppkey").le(3)).select(len().alias("n")),
                    "SELECT count(*) FROM (SELECT rank() OVER (PARTITION BY l_suppkey ORDER BY l_extendedprice DESC) AS r"
                            + " FROM lineitem) WHERE r <= 3"),
            new Query(104, "running quantity per order by line number",
                    lf -> lf.select(col("l_quantity").cumSum().over(List.of("l_orderkey"), List.of("l_linenumber"))
                            .alias("running")).select(col("running").max().alias("m")),
                    "SELECT max(running) FROM (SELECT sum(l_quantity) OVER (PARTITION BY l_orderkey ORDER BY l_linenumber"
                            + " ROWS UNBOUNDED PRECEDING) AS running FROM lineitem)"));

    private WindowBench() {
    }

    static void run(Polaroid pl, DuckDbRunner duck, Path data, int runs, Map<Integer, Double> polars) throws Exception {
        String lineitem = data.resolve("lineitem.parquet").toString();
        System.out.println();
        System.out.println("Window queries over lineitem (median of " + runs + " warm runs):");
        for (Query q : QUERIES) {
            Timing.Task ours = () -> {
                try (DataFrame df = q.polaroid().apply(pl.scanParquet(lineitem)).collect()) {
                    df.height();
                }
            };
            double polaroid = Timing.medianSeconds(1, runs, ours);
            double duckdb = Timing.medianSeconds(1, runs, () -> duck.runSql(q.sql()));
            double polarsTime = polars.getOrDefault(q.id(), Double.NaN);
            System.out.printf(Locale.ROOT, "  W%d %-42s polaroid %.3f s, duckdb %.3f s (ratio %.2f), polars %s%n",
                    q.id() - 100, q.name(), polaroid, duckdb, polaroid / duckdb,
                    Double.isNaN(polarsTime) ? "-" : String.format(Locale.ROOT, "%.3f s (ratio %.2f)", polarsTime,
                            polaroid / polarsTime));
        }
    }
}
