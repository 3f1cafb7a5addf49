package io.polaroid;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lists through the Java API, each query beside the same one in DuckDB SQL over the same Parquet
 * file: making them (implode, a bare column in an aggregation), exploding them back to rows, and
 * the list functions. The table has nulls in keys and values, and is read in small batches by
 * several threads, so that a group's values come from many batches and must still be in row order.
 */
class ListsVsDuckDbTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;
    static String table;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        table = dir.resolve("t.parquet").toString();
        duck.execute("COPY (SELECT i AS id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE i % 40 END AS k,"
                + " 'g' || (i % 4) AS g,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 0.37) % 101)::DOUBLE END AS v,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE 'w' || (i % 23) END AS s"
                + " FROM range(3000) t(i)) TO '" + table + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1024)");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(128));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static LazyFrame t() {
        return pl.scanParquet(table);
    }

    static Arguments ordered(String name, Supplier<LazyFrame> query, String sql) {
        return Arguments.of(name, query, sql, true);
    }

    static Arguments unordered(String name, Supplier<LazyFrame> query, String sql) {
        return Arguments.of(name, query, sql, false);
    }

    static Stream<Arguments> cases() {
        return Stream.concat(ListsMoreCases.cases(), Stream.of(
                ordered("a bare column in an aggregation is each group's list, in row order, nulls kept",
                        () -> t().groupBy("g").agg(col("k"), col("s")).sort("g"),
                        "SELECT g, list(k ORDER BY id), list(s ORDER BY id) FROM t GROUP BY g ORDER BY g"),
                ordered("implode of an expression, beside other aggregations",
                        () -> t().groupBy("k").agg(col("v").mul(2).implode().alias("v2"), col("id").sum().alias("n")).sort("k"),
                        "SELECT k, list(v * 2 ORDER BY id), sum(id) FROM t GROUP BY k ORDER BY k NULLS FIRST"),
                ordered("implode in a select is one list of every row",
                        () -> t().select(col("id").implode().alias("ids")),
                        "SELECT list(id ORDER BY id) FROM t"),
                unordered("explode gives back the rows",
                        () -> t().groupBy("g").agg(col("k"), col("s")).explode("k", "s"),
                        "SELECT g, k, s FROM t"),
                ordered("explode keeps row order within each list",
                        () -> t().groupByStable("g").agg(col("id"), col("v")).explode("id", "v"),
                        "SELECT g, id, v FROM t ORDER BY min(id) OVER (PARTITION BY g), id"),
                unordered("exploded lists feed a filter and an aggregation",
                        () -> t().groupBy("k").agg(col("v")).explode("v").filter(col("v").gt(50))
                                .groupBy("k").agg(col("v").sum().alias("s")),
                        "SELECT k, sum(v) FROM t WHERE v > 50 GROUP BY k"),
                ordered("len, get from either end, first and last",
                        () -> lists().select(col("g"), col("k").list().len(), col("k").list().get(0).alias("a"),
                                col("k").list().get(-1).alias("b"), col("s").list().first(), col("v").list().last(),
                                col("k").list().get(5000, true).alias("oob")),
                        LISTS + "SELECT g, len(k), k[1], k[-1], s[1], v[-1], k[5001] FROM lists ORDER BY g"),
                ordered("contains, sum, min, max and mean skip nulls",
                        () -> lists().select(col("g"), col("k").list().contains(5).alias("c"), col("k").list().sum().alias("s"),
                                col("v").list().sum().alias("vs"), col("k").list().min().alias("mn"),
                                col("s").list().max().alias("mx"), col("v").list().mean().alias("mean")),
                        LISTS + "SELECT g, list_contains(k, 5), list_sum(k), list_sum(v), list_min(k), list_max(s), list_avg(v)"
                                + " FROM lists ORDER BY g"),
                ordered("join skips nulls",
                        () -> lists().select(col("g"), col("s").list().join("-")),
                        LISTS + "SELECT g, array_to_string(s, '-') FROM lists ORDER BY g"),
                ordered("unique, n_unique, sort both ways and reverse",
                        () -> lists().select(col("g"), col("m").list().unique().list().sort().alias("u"),
                                col("m").list().nUnique().alias("n"), col("v").list().sort(true, false).alias("down"),
                                col("k").list().sort().alias("up"), col("k").list().reverse().alias("r")),
                        LISTS + "SELECT g, list_sort(list_distinct(m)), list_unique(m), list_sort(v, 'DESC', 'NULLS FIRST'),"
                                + " list_sort(k, 'ASC', 'NULLS FIRST'), list_reverse(k) FROM lists ORDER BY g"),
                ordered("slice, head and tail",
                        () -> lists().select(col("g"), col("k").list().slice(2, 3).alias("a"), col("k").list().head(4).alias("h"),
                                col("k").list().tail(2).alias("t"), col("k").list().slice(-3).alias("end")),
                        LISTS + "SELECT g, k[3:5], k[1:4], k[len(k) - 1:len(k)], k[len(k) - 2:len(k)] FROM lists ORDER BY g"),
                ordered("str.split makes lists, null strings null lists",
                        () -> t().select(col("id"), col("s").str().split("1").alias("parts")).sort("id"),
                        "SELECT id, string_split(s, '1') FROM t ORDER BY id"),
                unordered("split strings explode into their parts; without keep_nulls a null list gives no row",
                        () -> t().select(col("id"), col("s").str().split("1").alias("parts"))
                                .explode(List.of("parts"), false, false),
                        "SELECT id, unnest(string_split(s, '1')) FROM t"),
                unordered("as Polars, an empty list gives no row and a null list a null row",
                        () -> t().select(col("id"), col("s").str().split("1").list().slice(1).alias("p")).explode("p"),
                        "SELECT id, unnest(string_split(s, '1')[2:]) FROM t UNION ALL SELECT id, NULL FROM t WHERE s IS NULL"),
                unordered("with empty_as_null an empty list gives a null row too",
                        () -> t().select(col("id"), col("s").str().split("1").list().slice(1).alias("p"))
                                .explode(List.of("p"), true, true),
                        "SELECT id, unnest(string_split(s, '1')[2:]) FROM t UNION ALL SELECT id, NULL FROM t"
                                + " WHERE s IS NULL OR len(string_split(s, '1')) = 1")));
    }

    /** Each group's values as lists, in row order: k and v have nulls, s too, m none. */
    static LazyFrame lists() {
        return t().groupBy("g").agg(col("k"), col("s"), col("v"), col("id").mod(5).alias("m")).sort("g");
    }

    static final String LISTS = "lists AS (SELECT g, list(k ORDER BY id) k, list(s ORDER BY id) s, list(v ORDER BY id) v,"
            + " list(id % 5 ORDER BY id) m FROM t GROUP BY g) ";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsDuckDb(String name, Supplier<LazyFrame> query, String sql, boolean ordered) {
        String withTables = "WITH t AS (SELECT * FROM '" + table + "')" + (sql.startsWith("lists AS") ? ", " : " ") + sql;
        List<List<Object>> expected = duck.query(withTables);
        try (DataFrame df = query.get().collect()) {
            assertThat(Rows.difference(expected, Rows.of(df.batches()), ordered)).isNull();
        }
    }
}
