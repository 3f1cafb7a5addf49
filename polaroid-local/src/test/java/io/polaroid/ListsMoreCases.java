package io.polaroid;

import static io.polaroid.Functions.col;
import static io.polaroid.ListsVsDuckDbTest.LISTS;
import static io.polaroid.ListsVsDuckDbTest.lists;
import static io.polaroid.ListsVsDuckDbTest.ordered;
import static io.polaroid.ListsVsDuckDbTest.t;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of {@link ListsVsDuckDbTest} for more of the list namespace ({@code ListMoreFunctions}),
 * each beside DuckDB's list functions over the same lists: k and v have nulls, s too, m none.
 */
final class ListsMoreCases {
    private ListsMoreCases() {
    }

    /** Each group's lists as in {@link ListsVsDuckDbTest#lists()}, and b (k > 20, nulls kept) and m7 (id % 7). */
    static LazyFrame more() {
        return t().groupBy("g").agg(col("k"), col("v"), col("id").mod(5).alias("m"), col("id").mod(7).alias("m7"),
                col("k").gt(20).alias("b")).sort("g");
    }

    static final String MORE = "lists AS (SELECT g, list(k ORDER BY id) k, list(v ORDER BY id) v, list(id % 5 ORDER BY id) m,"
            + " list(id % 7 ORDER BY id) m7, list(k > 20 ORDER BY id) b FROM t GROUP BY g) ";

    static Stream<Arguments> cases() {
        return Stream.of(
                ordered("all and any skip nulls",
                        () -> more().select(col("g"), col("b").list().all().alias("all"), col("b").list().any().alias("any")),
                        MORE + "SELECT g, list_bool_and(b), list_bool_or(b) FROM lists ORDER BY g"),
                ordered("arg_max and arg_min are the first position of the largest and smallest value",
                        () -> lists().select(col("g"), col("k").list().argMax().alias("a"), col("v").list().argMin().alias("b")),
                        LISTS + "SELECT g, list_position(k, list_max(k)) - 1, list_position(v, list_min(v)) - 1 FROM lists ORDER BY g"),
                ordered("count_matches of a value and of null",
                        () -> lists().select(col("g"), col("k").list().countMatches(5).alias("a"),
                                col("k").list().countMatches(null).alias("b")),
                        LISTS + "SELECT g, len(list_filter(k, lambda x: x = 5)), len(list_filter(k, lambda x: x IS NULL)) FROM lists ORDER BY g"),
                ordered("diff, shift and drop_nulls",
                        () -> lists().select(col("g"), col("k").list().diff().alias("d"), col("v").list().shift(1).alias("s"),
                                col("k").list().dropNulls().alias("n")),
                        LISTS + "SELECT g, list_transform(range(1, len(k) + 1), lambda i: CASE WHEN i = 1 THEN NULL ELSE k[i] - k[i - 1] END),"
                                + " list_transform(range(1, len(v) + 1), lambda i: CASE WHEN i = 1 THEN NULL ELSE v[i - 1] END),"
                                + " list_filter(k, lambda x: x IS NOT NULL) FROM lists ORDER BY g"),
                ordered("gather, gather_every and item",
                        () -> lists().select(col("g"), col("k").list().gather(0, -1, 3).alias("a"),
                                col("k").list().gatherEvery(3, 1).alias("b"), col("s").list().head(1).list().item().alias("c")),
                        LISTS + "SELECT g, [k[1], k[-1], k[4]], list_transform(range(2, len(k) + 1, 3), lambda i: k[i]), s[1]"
                                + " FROM lists ORDER BY g"),
                ordered("median, std and var skip nulls",
                        () -> lists().select(col("g"), col("v").list().median().alias("a"), col("v").list().std().alias("b"),
                                col("k").list().var(0).alias("c")),
                        LISTS + "SELECT g, list_median(v), list_stddev_samp(v), list_var_pop(k) FROM lists ORDER BY g"),
                ordered("set operations, sorted",
                        () -> more().select(col("g"), col("m").list().setUnion(col("m7")).list().sort().alias("u"),
                                col("m").list().setIntersection(col("m7")).list().sort().alias("i"),
                                col("m7").list().setDifference(col("m")).list().sort().alias("d"),
                                col("m7").list().setSymmetricDifference(col("m")).list().sort().alias("sd")),
                        MORE + "SELECT g, list_sort(list_distinct(list_concat(m, m7))), list_sort(list_distinct(list_intersect(m, m7))),"
                                + " list_sort(list_filter(list_distinct(m7), lambda x: NOT list_contains(m, x))),"
                                + " list_sort(list_distinct(list_concat(list_filter(m7, lambda x: NOT list_contains(m, x)),"
                                + " list_filter(m, lambda x: NOT list_contains(m7, x))))) FROM lists ORDER BY g"),
                ordered("eval and filter of element-wise expressions of element()",
                        () -> lists().select(col("g"), col("k").list().eval(Functions.element().mul(2).add(1)).alias("a"),
                                col("v").list().filter(Functions.element().gt(50)).alias("b"),
                                col("s").list().eval(Functions.element().str().toUppercase()).alias("c")),
                        LISTS + "SELECT g, list_transform(k, lambda x: x * 2 + 1), list_filter(v, lambda x: x > 50),"
                                + " list_transform(s, lambda x: upper(x)) FROM lists ORDER BY g"),
                ordered("concat and concatList: a value is a list of one, a null list makes null",
                        () -> t().select(col("id"), Functions.concatList(col("id"), col("k"), 7).alias("a"),
                                col("s").str().split("1").list().concat(col("s")).alias("b")).sort("id"),
                        "SELECT id, [id, k, 7], CASE WHEN s IS NOT NULL THEN list_concat(string_split(s, '1'), [s]) END FROM t ORDER BY id"));
    }
}
