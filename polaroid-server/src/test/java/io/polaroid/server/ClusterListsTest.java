package io.polaroid.server;

import static io.polaroid.Functions.col;

import io.polaroid.LazyFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Lists on a cluster of two workers reading lineitem from several files: group_by makes each
 * group's list after its rows were shuffled by the key (values in row order, as local mode has
 * them), explode runs inside each task's fragment, list functions and str.split on the workers,
 * and list columns come back over Flight. The same rows as local mode.
 */
class ClusterListsTest {
    private static Map<String, Function<LazyFrame, LazyFrame>> queries() {
        Map<String, Function<LazyFrame, LazyFrame>> queries = new LinkedHashMap<>();
        queries.put("each order's lines and quantities as lists, in row order", lf -> lf
                .groupBy("l_orderkey").agg(col("l_linenumber"), col("l_quantity").implode().alias("quantities")));
        queries.put("imploded per supplier, then exploded back to rows", lf -> lf
                .groupBy("l_suppkey").agg(col("l_orderkey"), col("l_linenumber"))
                .explode("l_orderkey", "l_linenumber"));
        queries.put("list functions of each order's lists, groups in first-seen order", lf -> lf
                .groupByStable("l_orderkey").agg(col("l_quantity"), col("l_shipmode"))
                .select(col("l_orderkey"), col("l_quantity").list().len().alias("n"),
                        col("l_quantity").list().sum().alias("total"), col("l_quantity").list().max().alias("most"),
                        col("l_shipmode").list().unique().list().sort().list().join(",").alias("modes"),
                        col("l_quantity").list().get(-1).alias("last")));
        queries.put("split instructions exploded into words and counted", lf -> lf
                .select(col("l_orderkey"), col("l_shipinstruct").str().split(" ").alias("word"))
                .explode("word").groupBy("word").agg(col("l_orderkey").count().alias("n")));
        return queries;
    }

    @Test
    void listsGiveLocalModesRowsOnTheCluster() {
        LocalModeOnCluster.check("lists", queries());
    }
}
