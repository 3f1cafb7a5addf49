package io.polaroid.server;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;

import io.polaroid.LazyFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Window aggregations ({@code over}), order-dependent functions ({@code rank}, {@code cum_sum},
 * {@code shift}, row numbers) and whole-frame aggregations in row contexts on a cluster of two
 * workers reading lineitem from several files, so that the per-group aggregates and the windows'
 * rows are shuffled by their keys, and frame-wide windows gathered in row order: the same rows as
 * local mode.
 */
class ClusterWindowsTest {
    private static Map<String, Function<LazyFrame, LazyFrame>> queries() {
        Map<String, Function<LazyFrame, LazyFrame>> queries = new LinkedHashMap<>();
        queries.put("lines above their order's average quantity", lf -> lf
                .filter(col("l_quantity").gt(col("l_quantity").mean().over("l_orderkey")))
                .select(col("l_orderkey"), col("l_linenumber"), col("l_quantity")));
        queries.put("lines per order and share of the supplier's revenue", lf -> lf
                .withColumns(len().over("l_orderkey").alias("lines"),
                        col("l_extendedprice").div(col("l_extendedprice").sum().over("l_suppkey")).alias("share"))
                .select(col("l_orderkey"), col("l_linenumber"), col("lines"), col("share")));
        queries.put("a fifth of the part's mean quantity (PDS-H q17's shape)", lf -> lf
                .filter(col("l_quantity").lt(lit(0.2).mul(col("l_quantity").mean()).over("l_partkey")))
                .select(col("l_orderkey"), col("l_linenumber")));
        queries.put("orders above the overall average price", lf -> lf
                .filter(col("l_extendedprice").gt(col("l_extendedprice").mean()))
                .select(col("l_orderkey"), col("l_linenumber")));
        queries.put("ranks and running sums per order, shuffled by the order key", lf -> lf
                .select(col("l_orderkey"), col("l_linenumber"),
                        col("l_extendedprice").rank("dense", true).over("l_orderkey").alias("price_rank"),
                        col("l_quantity").cumSum().over(List.of("l_orderkey"), List.of("l_linenumber")).alias("running"),
                        col("l_linenumber").shift().over(List.of("l_suppkey"), List.of("l_orderkey", "l_linenumber"))
                                .alias("previous_line")));
        queries.put("row numbers and a running sum over the whole frame in its row order", lf -> lf
                .withRowIndex("i", 0)
                .select(col("i"), col("l_orderkey"), col("l_linenumber"),
                        col("l_quantity").cumSum().alias("running"), col("l_orderkey").diff().alias("step"),
                        col("l_partkey").isFirstDistinct().alias("first_of_part")));
        return queries;
    }

    @Test
    void windowsGiveLocalModesRowsOnTheCluster() {
        LocalModeOnCluster.check("windows", queries());
    }
}
