package io.polaroid;

import static io.polaroid.Functions.coalesce;
import static io.polaroid.Functions.col;
import static io.polaroid.Functions.concatStr;
import static io.polaroid.Functions.date;
import static io.polaroid.Functions.days;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.months;
import static io.polaroid.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.types.DataType;
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
 * Every operator and function family through the Java API, each compared with DuckDB running the
 * same query in SQL over the same Parquet files. The tables have nulls in keys and values and
 * duplicate keys, and are read in small batches so that operators see many of them.
 */
class OperatorsVsDuckDbTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;
    static String left;
    static String right;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        left = dir.resolve("l.parquet").toString();
        right = dir.resolve("r.parquet").toString();
        duck.execute("COPY (SELECT i AS id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE i % 50 END AS k,"
                + " 'g' || (i % 4) AS g,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 0.37) % 101)::DOUBLE END AS v,"
                + " ((i * 13) % 1000 / 8.0)::DECIMAL(12,2) AS d,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE ' Word' || (i % 23) || ' ' END AS s,"
                + " DATE '1995-01-31' + (i % 700)::INTEGER AS dt"
                + " FROM range(3000) t(i)) TO '" + left + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
        duck.execute("COPY (SELECT i AS rid,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 3) % 70 END AS k,"
                + " 'g' || (i % 3) AS g,"
                + " i * 1.5 AS w"
                + " FROM range(200) t(i)) TO '" + right + "' (FORMAT PARQUET)");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(256));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static LazyFrame l() {
        return pl.scanParquet(left);
    }

    static LazyFrame r() {
        return pl.scanParquet(right);
    }

    static Arguments ordered(String name, Supplier<LazyFrame> query, String sql) {
        return Arguments.of(name, query, sql, true);
    }

    static Arguments unordered(String name, Supplier<LazyFrame> query, String sql) {
        return Arguments.of(name, query, sql, false);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                unordered("inner join", () -> l().join(r(), "k", "inner").select("id", "k", "rid", "w"),
                        "SELECT id, l.k, rid, w FROM l JOIN r ON l.k = r.k"),
                unordered("left join keeps unmatched and null keys", () -> l().join(r(), "k", "left").select("id", "k", "rid"),
                        "SELECT id, l.k, rid FROM l LEFT JOIN r ON l.k = r.k"),
                unordered("right join keeps the right key", () -> l().join(r(), "k", "right").select("id", "rid", "k"),
                        "SELECT id, rid, r.k FROM l RIGHT JOIN r ON l.k = r.k"),
                unordered("full join", () -> l().join(r(), "k", "full").select("id", "k", "rid", "k_right"),
                        "SELECT id, l.k, rid, r.k FROM l FULL JOIN r ON l.k = r.k"),
                unordered("semi join", () -> l().join(r(), "k", "semi").select("id", "k"),
                        "SELECT id, k FROM l SEMI JOIN r USING (k)"),
                unordered("anti join keeps null keys", () -> l().join(r(), "k", "anti").select("id", "k"),
                        "SELECT id, k FROM l ANTI JOIN r USING (k)"),
                unordered("join on two keys", () -> l().join(r(), List.of("k", "g"), "inner").select("id", "k", "g", "rid"),
                        "SELECT id, l.k, l.g, rid FROM l JOIN r ON l.k = r.k AND l.g = r.g"),
                unordered("join on an expression of each side", () -> l().join(r(), col("id").mod(70), col("k"), "inner").select("id", "rid"),
                        "SELECT id, rid FROM l JOIN r ON l.id % 70 = r.k"),
                unordered("cross join", () -> l().filter("id < 20").crossJoin(r().filter("rid < 15")).select("id", "rid"),
                        "SELECT id, rid FROM l CROSS JOIN r WHERE id < 20 AND rid < 15"),
                ordered("sort by several keys, descending, nulls last",
                        () -> l().sort(List.of(col("s"), col("v"), col("id")), new boolean[] {true, false, false}, true),
                        "SELECT * FROM l ORDER BY s DESC NULLS LAST, v ASC NULLS LAST, id"),
                ordered("sort nulls first", () -> l().sort(List.of(col("v"), col("id")), new boolean[] {false, true}, false),
                        "SELECT * FROM l ORDER BY v ASC NULLS FIRST, id DESC"),
                ordered("top-k: sort then head", () -> l().sort(new String[] {"d", "id"}, new boolean[] {true, false}).head(7),
                        "SELECT * FROM l ORDER BY d DESC, id LIMIT 7"),
                ordered("slice with an offset", () -> l().sort("id").slice(2990, 50),
                        "SELECT * FROM l ORDER BY id LIMIT 50 OFFSET 2990"),
                ordered("slice from an offset to the end", () -> l().sort("id").slice(2995),
                        "SELECT * FROM l ORDER BY id OFFSET 2995"),
                unordered("unique rows", () -> l().select("k", "g").unique(),
                        "SELECT DISTINCT k, g FROM l"),
                ordered("unique on a subset, keep first, in order", () -> l().unique(List.of("k"), "first", true),
                        "SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY k ORDER BY id) rn FROM l)"
                                + " WHERE rn = 1 ORDER BY id"),
                ordered("unique on a subset, keep last, in order", () -> l().unique(List.of("k", "g"), "last", true),
                        "SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY k, g ORDER BY id DESC) rn FROM l)"
                                + " WHERE rn = 1 ORDER BY id"),
                unordered("unique on a subset, keep none", () -> l().unique(List.of("s"), "none", false).select("id", "s"),
                        "SELECT id, s FROM (SELECT id, s, count(*) OVER (PARTITION BY s) AS n FROM l) WHERE n = 1"),
                unordered("concat", () -> LazyFrame.concat(l().select(col("k"), col("g")), r().select(col("k"), col("g"))),
                        "SELECT k, g FROM l UNION ALL SELECT k, g FROM r"),
                unordered("rename and drop", () -> l().rename("k", "key").drop("s", "dt").filter("key > 40"),
                        "SELECT id, k, g, v, d FROM l WHERE k > 40"),
                ordered("aggregates skip nulls", () -> l().groupBy("g").agg(col("v").sum().alias("sum"),
                                col("v").mean().alias("mean"), col("v").min().alias("min"), col("v").max().alias("max"),
                                col("v").count().alias("count"), len().alias("len"), col("d").sum().alias("dsum"),
                                col("d").mean().alias("dmean"), col("s").min().alias("smin"), col("dt").max().alias("dtmax"))
                                .sort("g"),
                        "SELECT g, sum(v), avg(v), min(v), max(v), count(v), count(*), sum(d), avg(d), min(s), max(dt)"
                                + " FROM l GROUP BY g ORDER BY g"),
                unordered("group by a short string and a date (keys packed into one long, when they fit)",
                        () -> l().groupBy(concatStr(col("g"), lit("x")).alias("gx"), col("dt")).agg(len().alias("n")),
                        "SELECT g || 'x', dt, count(*) FROM l GROUP BY ALL"),
                ordered("median, std, var", () -> l().groupBy("k").agg(col("v").median().alias("median"),
                                col("v").std().alias("std"), col("v").var().alias("var"), col("d").median().alias("dmedian"))
                                .sort("k"),
                        "SELECT k, median(v), stddev_samp(v), var_samp(v), median(d::DOUBLE) FROM l GROUP BY k ORDER BY k NULLS FIRST"),
                ordered("n_unique counts null as a value", () -> l().groupBy("g").agg(col("k").nUnique().alias("nk"),
                                col("s").nUnique().alias("ns")).sort("g"),
                        "SELECT g, count(DISTINCT k) + max(CASE WHEN k IS NULL THEN 1 ELSE 0 END),"
                                + " count(DISTINCT s) + max(CASE WHEN s IS NULL THEN 1 ELSE 0 END) FROM l GROUP BY g ORDER BY g"),
                ordered("first and last in input order", () -> l().groupByStable("g").agg(col("v").first().alias("f"),
                                col("s").last().alias("l")).sort("g"),
                        "SELECT g, first(v ORDER BY id), last(s ORDER BY id) FROM l GROUP BY g ORDER BY g"),
                ordered("aggregates without keys", () -> l().select(col("v").sum(), col("k").count().alias("c"),
                                len().alias("n"), col("d").max().alias("dmax"), col("v").std().alias("std")),
                        "SELECT sum(v), count(k), count(*), max(d), stddev_samp(v) FROM l"),
                ordered("arithmetic and comparisons with nulls", () -> l().select(col("id"),
                                col("v").add(col("k")).alias("a"), col("k").floordiv(7).alias("fd"), col("k").mod(7).alias("m"),
                                col("d").mul(col("d")).alias("dd"), col("v").div(2).alias("half"),
                                col("k").gt(25).and(col("v").lt(50)).alias("both"), col("k").gt(25).or(col("v").lt(50)).alias("either"),
                                col("k").eq(col("id")).not().alias("ne")).sort("id"),
                        "SELECT id, v + k, k // 7, k % 7, d * d, v / 2, k > 25 AND v < 50, k > 25 OR v < 50, NOT (k = id)"
                                + " FROM l ORDER BY id"),
                ordered("null handling, conditionals, membership", () -> l().select(col("id"),
                                col("v").isNull().alias("n"), col("s").isNotNull().alias("nn"), col("v").fillNull(-1).alias("f"),
                                coalesce(col("k"), col("id"), lit(0)).alias("c"), col("k").isIn(1, 2, 3, 49).alias("in"),
                                col("k").isBetween(10, 20).alias("btw"), col("v").round(1).alias("r"), col("d").abs().alias("ab"),
                                col("v").mul(0.5).round(0, "half_away_from_zero").alias("ra"),
                                when(col("k").lt(10)).then(lit("low")).when(col("k").lt(30)).then(lit("mid"))
                                        .otherwise(lit("high")).alias("band")).sort("id"),
                        "SELECT id, v IS NULL, s IS NOT NULL, coalesce(v, -1), coalesce(k, id, 0), k IN (1, 2, 3, 49),"
                                + " k BETWEEN 10 AND 20, round_even(v, 1), abs(d), round(v * 0.5, 0),"
                                + " CASE WHEN k < 10 THEN 'low' WHEN k < 30 THEN 'mid' ELSE 'high' END FROM l ORDER BY id"),
                ordered("string functions", () -> l().select(col("id"), col("s").str().contains("rd1").alias("c"),
                                col("s").str().startsWith(" Word2").alias("sw"), col("s").str().endsWith("7 ").alias("ew"),
                                col("s").str().like("%d_2%").alias("lk"), col("s").str().slice(2, 3).alias("sub"),
                                col("s").str().lenChars().alias("len"), col("s").str().toUppercase().alias("up"),
                                col("s").str().toLowercase().alias("lo"), col("s").str().stripChars().alias("st"),
                                concatStr(col("g"), lit("-"), col("s")).alias("cat")).sort("id"),
                        "SELECT id, contains(s, 'rd1'), starts_with(s, ' Word2'), ends_with(s, '7 '), s LIKE '%d_2%',"
                                + " substring(s, 3, 3), length(s), upper(s), lower(s), trim(s), g || '-' || s FROM l ORDER BY id"),
                ordered("date functions", () -> l().select(col("id"), col("dt").dt().year().alias("y"),
                                col("dt").dt().month().alias("m"), col("dt").dt().day().alias("d"),
                                col("dt").dt().extract("quarter").alias("q"), col("dt").add(days(10)).alias("plus"),
                                col("dt").add(months(1)).alias("nextmonth"), col("dt").sub(months(1)).alias("prevmonth"),
                                col("dt").ge(date("1996-02-29")).alias("after")).sort("id"),
                        "SELECT id, year(dt), month(dt), day(dt), quarter(dt), (dt + INTERVAL 10 DAY)::DATE,"
                                + " (dt + INTERVAL 1 MONTH)::DATE, (dt - INTERVAL 1 MONTH)::DATE, dt >= DATE '1996-02-29'"
                                + " FROM l ORDER BY id"),
                ordered("filter string", () -> l().filter("v > 50 and g = 'g1' or k is null").select("id").sort("id"),
                        "SELECT id FROM l WHERE v > 50 AND g = 'g1' OR k IS NULL ORDER BY id"),
                ordered("an aggregation in a filter is over the whole frame",
                        () -> l().filter(col("v").gt(col("v").mean())).select("id").sort("id"),
                        "SELECT id FROM l WHERE v > (SELECT avg(v) FROM l) ORDER BY id"),
                ordered("aggregations broadcast in with_columns",
                        () -> l().withColumns(col("d").div(col("d").sum()).alias("share"), col("k").count().alias("n"))
                                .select("id", "share", "n").sort("id"),
                        "SELECT id, d / sum(d) OVER (), count(k) OVER () FROM l ORDER BY id"),
                ordered("a column and aggregations around and inside them in one select",
                        () -> l().select(col("id"), col("v").max().sub(col("v")).alias("gap"),
                                col("v").mul(2).sum().round(1).alias("twice")).sort("id"),
                        "SELECT id, max(v) OVER () - v, round_even(sum(v * 2) OVER (), 1) FROM l ORDER BY id"),
                ordered("the minimum per group of a key with nulls, in a filter",
                        () -> l().filter(col("v").eq(col("v").min().over("k"))).select("id", "k").sort("id"),
                        "SELECT id, k FROM (SELECT *, min(v) OVER (PARTITION BY k) AS m FROM l) WHERE v = m ORDER BY id"),
                ordered("aggregations per group broadcast in with_columns, around and inside the window",
                        () -> l().withColumns(lit(0.2).mul(col("d").mean()).over("g").alias("fifth"),
                                        col("id").count().over(col("g"), col("k")).alias("n"),
                                        col("v").sum().over("g").div(col("v").sum()).alias("share"))
                                .select("id", "fifth", "n", "share").sort("id"),
                        "SELECT id, 0.2 * avg(d) OVER (PARTITION BY g), count(id) OVER (PARTITION BY g, k),"
                                + " sum(v) OVER (PARTITION BY g) / sum(v) OVER () FROM l ORDER BY id"),
                unordered("group_by sum of every other column, and Polars' module aggregations",
                        () -> l().select("g", "k", "v").groupBy("g").sum()
                                .join(l().groupBy("g").agg(Functions.max("id").alias("top"), Functions.nUnique("k").alias("nk")),
                                        "g", "inner"),
                        "SELECT g, sum(k), sum(v), max(id), count(DISTINCT k) + max(CASE WHEN k IS NULL THEN 1 ELSE 0 END)"
                                + " FROM l GROUP BY g"),
                unordered("a filter inside an aggregation",
                        () -> l().groupBy("g").agg(col("v").filter(col("k").lt(20)).sum().alias("low"),
                                col("id").filter(col("s").isNull()).count().alias("nulls")),
                        "SELECT g, sum(v) FILTER (WHERE k < 20), count(id) FILTER (WHERE s IS NULL) FROM l GROUP BY g"),
                ordered("number functions",
                        () -> l().select(col("id"), col("v").sqrt().alias("sq"), col("v").div(100).exp().alias("e"),
                                col("v").add(1).log().alias("ln"), col("v").add(1).log(2).alias("l2"),
                                col("v").add(1).log10().alias("l10"), col("v").log1p().alias("l1p"),
                                col("v").sin().alias("s"), col("v").cos().alias("c"), col("v").floor().alias("fl"),
                                col("v").ceil().alias("ce"), col("k").sub(25).sign().alias("sg"),
                                col("k").pow(2).alias("p2"), col("v").pow(0.5).alias("p05"),
                                col("k").clip(10, 30).alias("cl"), col("v").isNan().alias("nan")).sort("id"),
                        "SELECT id, sqrt(v), exp(v / 100), ln(v + 1), log2(v + 1), log10(v + 1), ln(1 + v), sin(v), cos(v),"
                                + " floor(v), ceil(v), sign(k - 25), (k::BIGINT * k::BIGINT), pow(v, 0.5), CASE WHEN k IS NOT NULL THEN least(greatest(k, 10), 30) END,"
                                + " isnan(v) FROM l ORDER BY id"),
                ordered("string replacement and reversal",
                        () -> l().select(col("id"), col("s").str().replace("o(r)", "<$1>").alias("first"),
                                col("s").str().replaceAll("[0-9]", "#").alias("all"),
                                col("s").str().replace(" ", "_", true).alias("lit"), col("s").str().reverse().alias("rev"),
                                col("s").str().stripCharsStart().alias("ls"), col("s").str().stripCharsEnd().alias("rs"))
                                .sort("id"),
                        "SELECT id, regexp_replace(s, 'o(r)', '<\\1>'), regexp_replace(s, '[0-9]', '#', 'g'),"
                                + " regexp_replace(s, ' ', '_'), reverse(s), ltrim(s), rtrim(s) FROM l ORDER BY id"),
                unordered("Polars' compositions as aggregations",
                        () -> l().groupBy("g").agg(col("v").gt(50).any().alias("a"), col("v").gt(1).all().alias("al"),
                                col("v").nullCount().alias("nc"), col("v").dot(col("k")).alias("dot"),
                                col("s").hasNulls().alias("hn")),
                        "SELECT g, bool_or(v > 50), bool_and(v > 1), count(*) - count(v), sum(v * k),"
                                + " count(*) > count(s) FROM l GROUP BY g"),
                ordered("Polars' compositions row by row",
                        () -> l().select(col("id"), col("k").isUnique().alias("u"), col("k").isDuplicated().alias("d"),
                                col("k").eqMissing(7).alias("eqm"), col("k").gt(25).xor(col("v").gt(50)).alias("x"),
                                col("id").cot().alias("cot"), col("v").div(101).arcsin().alias("asin")).sort("id"),
                        "SELECT id, count(*) OVER (PARTITION BY k) = 1, count(*) OVER (PARTITION BY k) > 1,"
                                + " k IS NOT DISTINCT FROM 7, (k > 25) <> (v > 50), cot(id), asin(v / 101) FROM l ORDER BY id"),
                ordered("horizontal functions",
                        () -> l().select(col("id"), Functions.sumHorizontal("k", "v").alias("s"),
                                Functions.maxHorizontal("k", "v").alias("mx"), Functions.minHorizontal("k", col("v")).alias("mn"),
                                Functions.meanHorizontal("k", "v").alias("me"),
                                Functions.allHorizontal(col("k").gt(10), col("v").gt(10)).alias("al"),
                                Functions.anyHorizontal(col("k").gt(10), col("v").gt(10)).alias("an")).sort("id"),
                        "SELECT id, coalesce(k, 0) + coalesce(v, 0), greatest(k, v), least(k, v),"
                                + " CASE WHEN k IS NULL AND v IS NULL THEN NULL ELSE (coalesce(k, 0) + coalesce(v, 0))"
                                + " / ((k IS NOT NULL)::INT + (v IS NOT NULL)::INT) END, k > 10 AND v > 10, k > 10 OR v > 10"
                                + " FROM l ORDER BY id"),
                ordered("ranks within groups, every Polars method, nulls unranked",
                        () -> l().select(col("id"), col("v").rank().over("g").alias("avg"),
                                col("v").rank("min").over("g").alias("min"), col("v").rank("max", true).over("g").alias("max"),
                                col("k").rank("dense").over("g").alias("dense"), col("k").rank("ordinal").over("g").alias("ord"),
                                col("s").rank("dense", true).alias("sd")).sort("id"),
                        "SELECT id, CASE WHEN v IS NOT NULL THEN (2 * rank() OVER (PARTITION BY g ORDER BY v NULLS LAST)"
                                + " + count(*) OVER (PARTITION BY g, v) - 1) / 2.0 END,"
                                + " CASE WHEN v IS NOT NULL THEN rank() OVER (PARTITION BY g ORDER BY v NULLS LAST) END,"
                                + " CASE WHEN v IS NOT NULL THEN rank() OVER (PARTITION BY g ORDER BY v DESC NULLS LAST)"
                                + " + count(*) OVER (PARTITION BY g, v) - 1 END,"
                                + " CASE WHEN k IS NOT NULL THEN dense_rank() OVER (PARTITION BY g ORDER BY k NULLS LAST) END,"
                                + " CASE WHEN k IS NOT NULL THEN row_number() OVER (PARTITION BY g ORDER BY k NULLS LAST, id) END,"
                                + " CASE WHEN s IS NOT NULL THEN dense_rank() OVER (ORDER BY s DESC NULLS LAST) END FROM l ORDER BY id"),
                ordered("running functions per group in row order, forwards and back",
                        () -> l().select(col("id"), col("k").cumSum().over("g").alias("cs"),
                                col("k").cumSum(true).over("g").alias("csr"), col("v").cumCount().over("g").alias("cc"),
                                col("v").cumMax().over("g").alias("cmax"), col("k").cumMin(true).alias("cmin"),
                                col("dt").cumMax().over("g").alias("dmax")).sort("id"),
                        "SELECT id,"
                                + " CASE WHEN k IS NOT NULL THEN sum(k) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING) END,"
                                + " CASE WHEN k IS NOT NULL THEN sum(k) OVER (PARTITION BY g ORDER BY id"
                                + " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) END,"
                                + " count(v) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING),"
                                + " CASE WHEN v IS NOT NULL THEN max(v) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING) END,"
                                + " CASE WHEN k IS NOT NULL THEN min(k) OVER (ORDER BY id"
                                + " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) END,"
                                + " max(dt) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING) FROM l ORDER BY id"),
                ordered("shift, diff, pct_change and row numbers per group, and over the frame",
                        () -> l().select(col("id"), col("v").shift().over("g").alias("lag"),
                                col("s").shift(-2, "none").over("g").alias("lead"), col("k").diff().over("g").alias("d"),
                                col("v").pctChange(2).over("k").alias("pc"), Functions.intRange(Functions.len()).over("g").alias("rn"),
                                col("id").shift(3).alias("back3"), col("k").isFirstDistinct().over("g").alias("fd"),
                                col("k").isLastDistinct().alias("ld")).sort("id"),
                        "SELECT id, lag(v) OVER (PARTITION BY g ORDER BY id), lead(s, 2, 'none') OVER (PARTITION BY g ORDER BY id),"
                                + " k - lag(k) OVER (PARTITION BY g ORDER BY id),"
                                + " v / lag(v, 2) OVER (PARTITION BY k ORDER BY id) - 1,"
                                + " row_number() OVER (PARTITION BY g ORDER BY id) - 1, lag(id, 3) OVER (ORDER BY id),"
                                + " row_number() OVER (PARTITION BY g, k ORDER BY id) = 1,"
                                + " row_number() OVER (PARTITION BY k ORDER BY id DESC) = 1 FROM l ORDER BY id"),
                ordered("a window's own order, descending, with the frame's aggregate inside and a row index",
                        () -> l().withRowIndex("i", 10).select(col("i"), col("id"),
                                col("v").cumSum().over(List.of("g"), List.of("k")).alias("byk"),
                                col("id").shift().over(List.of("g"), List.of(col("v")), true, true).alias("prev"),
                                col("v").div(col("v").mean()).cumSum().over(List.of(), List.of("dt")).alias("dev"))
                                .sort("id"),
                        "SELECT id + 10, id,"
                                + " CASE WHEN v IS NOT NULL THEN sum(v) OVER (PARTITION BY g ORDER BY k NULLS FIRST, id ROWS UNBOUNDED PRECEDING) END,"
                                + " lag(id) OVER (PARTITION BY g ORDER BY v DESC NULLS LAST, id),"
                                + " CASE WHEN v IS NOT NULL THEN sum(v / (SELECT avg(v) FROM l)) OVER (ORDER BY dt, id ROWS UNBOUNDED PRECEDING) END"
                                + " FROM l ORDER BY id"),
                ordered("fills and rolling windows per group and over the frame",
                        () -> l().select(col("id"), col("k").forwardFill().over("g").alias("ff"),
                                col("v").backwardFill().alias("bf"), col("k").rollingSum(3).over("g").alias("rs"),
                                col("v").rollingMean(3, 1, true).alias("rm"), col("k").rollingMax(4, 2, false).over("g").alias("rx"),
                                col("v").rollingStd(5, 2, false, 1).over("g").alias("sd")).sort("id"),
                        "SELECT id, last_value(k IGNORE NULLS) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING),"
                                + " first_value(v IGNORE NULLS) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),"
                                + " CASE WHEN count(k) OVER w3 >= 3 THEN sum(k) OVER w3 END,"
                                + " avg(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
                                + " CASE WHEN count(k) OVER w4 >= 2 THEN max(k) OVER w4 END,"
                                + " CASE WHEN count(v) OVER w5 >= 2 THEN stddev_samp(v) OVER w5 END FROM l"
                                + " WINDOW w3 AS (PARTITION BY g ORDER BY id ROWS 2 PRECEDING),"
                                + " w4 AS (PARTITION BY g ORDER BY id ROWS 3 PRECEDING),"
                                + " w5 AS (PARTITION BY g ORDER BY id ROWS 4 PRECEDING) ORDER BY id"),
                unordered("quantiles per group, continuous and discrete",
                        () -> l().groupBy("g").agg(col("v").quantile(0.3, "linear").alias("q3"), col("v").median().alias("m"),
                                col("k").quantile(0.9, "equiprobable").alias("q9"), col("d").quantile(0.25, "linear").alias("qd")),
                        "SELECT g, quantile_cont(v, 0.3), median(v), quantile_disc(k, 0.9)::DOUBLE, quantile_cont(d::DOUBLE, 0.25)"
                                + " FROM l GROUP BY g"),
                ordered("join_asof backward and forward within groups, and nearest",
                        () -> l().select("id", "g").joinAsof(r().select("rid", "g", "w"), "id", "rid", List.of("g"), "backward")
                                .join(l().select("id").joinAsof(r().select("rid", "w"), "id", "rid", List.of(), "forward")
                                        .rename("rid", "frid").rename("w", "fw"), "id", "inner")
                                .join(l().select("id").joinAsof(r().select(col("rid").mul(15).alias("id"), col("w")), "id", "nearest")
                                        .rename("w", "nw"), "id", "inner")
                                .select("id", "rid", "w", "frid", "fw", "nw").sort("id"),
                        "SELECT l.id, b.rid, b.w, f.rid, f.w, CASE WHEN n2.id IS NULL OR (n1.id IS NOT NULL AND l.id - n1.id < n2.id - l.id)"
                                + " THEN n1.w ELSE n2.w END FROM l"
                                + " ASOF LEFT JOIN r b ON l.g = b.g AND l.id >= b.rid"
                                + " ASOF LEFT JOIN r f ON l.id <= f.rid"
                                + " ASOF LEFT JOIN (SELECT rid * 15 AS id, w FROM r) n1 ON l.id >= n1.id"
                                + " ASOF LEFT JOIN (SELECT rid * 15 AS id, w FROM r) n2 ON l.id <= n2.id ORDER BY l.id"),
                unordered("the frame's tail, its top and bottom rows, and unpivot",
                        () -> LazyFrame.concat(l().select(col("id"), col("k")).tail(3),
                                l().select(col("id"), col("k")).topK(2, "id"), l().select(col("id"), col("k")).bottomK(2, "id"),
                                l().select(col("id"), col("k").cast(DataType.INT64), col("id").mul(2).alias("twice"))
                                        .filter(col("id").lt(3)).unpivot(List.of("k", "twice"), List.of("id"))
                                        .select(col("id"), col("value").alias("k"))),
                        "(SELECT id, k FROM l ORDER BY id DESC LIMIT 3) UNION ALL (SELECT id, k FROM l ORDER BY id DESC LIMIT 2)"
                                + " UNION ALL (SELECT id, k FROM l ORDER BY id LIMIT 2)"
                                + " UNION ALL SELECT id, k FROM l WHERE id < 3 UNION ALL SELECT id, id * 2 FROM l WHERE id < 3"),
                ordered("sort, sort_by and arg_sort of the frame, each placed on its own",
                        () -> l().select(col("k").sort(false, true).alias("ks"),
                                col("id").sortBy(List.of(col("v")), true, true).alias("by_v"),
                                col("s").argSort(true, false).alias("pos")),
                        "SELECT a.ks, b.id, c.id FROM (SELECT k AS ks, row_number() OVER (ORDER BY k NULLS LAST, id) AS rn FROM l) a"
                                + " JOIN (SELECT id, row_number() OVER (ORDER BY v DESC NULLS LAST, id) AS rn FROM l) b USING (rn)"
                                + " JOIN (SELECT id, row_number() OVER (ORDER BY s DESC NULLS FIRST, id) AS rn FROM l) c USING (rn)"
                                + " ORDER BY rn"),
                ordered("head, slice and gather_every of the frame beside an aggregation",
                        () -> LazyFrame.concat(l().select(col("id").head(5), col("v").head(5), col("k").sum().alias("t")),
                                l().select(col("id").slice(-7, 3), col("v").slice(-7, 3), col("k").max().alias("t")),
                                l().select(col("id").gatherEvery(700, 5), col("v").gatherEvery(700, 5), col("k").min().alias("t")),
                                l().select(col("id").gather(2, -1), col("v").gather(2, -1), len().alias("t"))),
                        "(SELECT id, v, (SELECT sum(k) FROM l) FROM l ORDER BY id LIMIT 5)"
                                + " UNION ALL (SELECT id, v, (SELECT max(k) FROM l) FROM l ORDER BY id LIMIT 3 OFFSET 2993)"
                                + " UNION ALL (SELECT id, v, (SELECT min(k) FROM l) FROM l WHERE id % 700 = 5 ORDER BY id)"
                                + " UNION ALL (SELECT id, v, 3000 FROM l WHERE id IN (2, 2999) ORDER BY id)"),
                ordered("filter, arg_true and drop_nulls of the frame",
                        () -> LazyFrame.concat(l().select(col("id").filter(col("v").gt(50)), col("k").filter(col("v").gt(50))),
                                l().select(col("v").gt(99).argTrue().alias("id"), col("k").filter(col("v").gt(99))),
                                l().select(col("v").dropNulls().alias("id"), col("v").dropNulls().round(0).alias("k"))),
                        "(SELECT id, k FROM l WHERE v > 50 ORDER BY id) UNION ALL (SELECT id, k FROM l WHERE v > 99 ORDER BY id)"
                                + " UNION ALL (SELECT v, round_even(v, 0) FROM l WHERE v IS NOT NULL ORDER BY id)"),
                unordered("row sets per group, aggregated: top_k, sort_by().first(), filter().mean(), drop_nulls().len()",
                        () -> l().groupBy("g").agg(col("v").topK(3).sum().round(6).alias("top"),
                                col("v").sortBy(List.of(col("id")), true, false).first().alias("latest"),
                                col("v").filter(col("k").gt(10)).mean().round(6).alias("m"),
                                col("k").dropNulls().len().alias("n"), col("id").filter(col("k").gt(10)).len().alias("nf")),
                        "SELECT g, round_even((SELECT sum(v) FROM (SELECT v FROM l l2 WHERE l2.g = l.g ORDER BY v DESC NULLS LAST LIMIT 3)), 6),"
                                + " first(v ORDER BY id DESC), round_even(avg(v) FILTER (WHERE k > 10), 6), count(k),"
                                + " count(*) FILTER (WHERE k > 10) FROM l GROUP BY g"),
                ordered("a sort within each group of over(), placed on the group's rows",
                        () -> l().select(col("id"), col("v").sort(true, true).over("g").alias("sv")).sort("id"),
                        "SELECT a.id, b.v FROM (SELECT id, g, row_number() OVER (PARTITION BY g ORDER BY id) rn FROM l) a"
                                + " JOIN (SELECT v, g, row_number() OVER (PARTITION BY g ORDER BY v DESC NULLS LAST, id) rn FROM l) b"
                                + " USING (g, rn) ORDER BY a.id"),
                ordered("rolling by dates per group: 3 days ending at the row's (ties share a window)",
                        () -> l().select(col("id"), col("v").rollingSumBy("dt", "3d").over("g").alias("s"),
                                col("v").rollingMeanBy("dt", "3d").over("g").alias("m"),
                                col("v").rollingMinBy("dt", "3d").over("g").alias("mn"),
                                col("k").rollingMaxBy("dt", "3d").over("g").alias("mx"),
                                col("v").rollingStdBy("dt", "3d").over("g").alias("sd"),
                                col("v").rollingMedianBy("dt", "3d").over("g").alias("md")).sort("id"),
                        "SELECT id, coalesce(sum(v) OVER w, 0), avg(v) OVER w, min(v) OVER w, max(k) OVER w,"
                                + " stddev_samp(v) OVER w, median(v) OVER w FROM l"
                                + " WINDOW w AS (PARTITION BY g ORDER BY dt RANGE BETWEEN INTERVAL 2 DAY PRECEDING AND CURRENT ROW)"
                                + " ORDER BY id"),
                ordered("rolling by integers over the frame, each end of the period in or out",
                        () -> l().select(col("id"), col("k").rollingSumBy("id", "5i").alias("right"),
                                col("k").rollingSumBy("id", "3i", 0, "both").alias("both"),
                                col("v").rollingMeanBy("id", "3i", 1, "left").alias("left"),
                                col("k").rollingMaxBy("id", "4i", 2, "none").alias("none"),
                                col("v").rollingVarBy("id", "6i", 1, "right", 0).alias("var"),
                                col("k").rollingQuantileBy("id", "9i", 0.25, "linear", 1, "right").alias("q")).sort("id"),
                        "SELECT id, coalesce(sum(k) OVER (ORDER BY id RANGE BETWEEN 4 PRECEDING AND CURRENT ROW), 0),"
                                + " coalesce(sum(k) OVER (ORDER BY id RANGE BETWEEN 3 PRECEDING AND CURRENT ROW), 0),"
                                + " avg(v) OVER (ORDER BY id RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING),"
                                + " CASE WHEN count(k) OVER w4 >= 2 THEN max(k) OVER w4 END,"
                                + " var_pop(v) OVER (ORDER BY id RANGE BETWEEN 5 PRECEDING AND CURRENT ROW),"
                                + " quantile_cont(k, 0.25) OVER (ORDER BY id RANGE BETWEEN 8 PRECEDING AND CURRENT ROW)"
                                + " FROM l WINDOW w4 AS (ORDER BY id RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING) ORDER BY id"),
                ordered("date differences are durations; dates move by them",
                        () -> l().select(col("id"), col("dt").sub(lit(java.time.LocalDate.of(1995, 1, 1))).dt().totalDays().alias("days"),
                                col("dt").sub(col("dt").dt().monthStart()).dt().totalHours().alias("hours"),
                                col("dt").add(lit(java.time.Duration.ofHours(30))).alias("later"),
                                col("dt").sub(lit(java.time.Duration.ofMinutes(1))).alias("earlier")).sort("id"),
                        "SELECT id, dt - DATE '1995-01-01', (dt - date_trunc('month', dt)::DATE) * 24,"
                                + " (dt + INTERVAL 30 HOUR)::DATE, (dt - INTERVAL 1 MINUTE)::DATE FROM l ORDER BY id"),
                unordered("durations summed, averaged and compared per group",
                        () -> l().groupBy("g").agg(col("dt").sub(lit(java.time.LocalDate.of(1995, 1, 1))).sum().dt().totalDays().alias("s"),
                                col("dt").sub(lit(java.time.LocalDate.of(1995, 1, 1))).max().dt().totalSeconds().alias("mx"),
                                col("dt").sub(lit(java.time.LocalDate.of(1995, 1, 1))).gt(lit(java.time.Duration.ofDays(300)))
                                        .sum().alias("late")),
                        "SELECT g, sum(dt - DATE '1995-01-01'), max(dt - DATE '1995-01-01') * 86400,"
                                + " count(*) FILTER (WHERE dt - DATE '1995-01-01' > 300) FROM l GROUP BY g"),
                unordered("a select of aggregations is one row",
                        () -> l().select(col("v").sum().round(2).alias("s"), lit(0.2).mul(col("d").mean()).alias("fifth")),
                        "SELECT round(sum(v), 2), 0.2 * avg(d)::DOUBLE FROM l"));
    }

    // DuckDB 2.0.0 treats INTERVAL 30 DAY and INTERVAL 1 MONTH as the same expression within one
    // query (they compare equal), so the date case never mixes the two.
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsDuckDb(String name, Supplier<LazyFrame> query, String sql, boolean ordered) {
        String withTables = "WITH l AS (SELECT * FROM '" + left + "'), r AS (SELECT * FROM '" + right + "') " + sql;
        List<List<Object>> expected = duck.query(withTables);
        try (DataFrame df = query.get().collect()) {
            assertThat(Rows.difference(expected, Rows.of(df.batches()), ordered)).isNull();
        }
    }
}
