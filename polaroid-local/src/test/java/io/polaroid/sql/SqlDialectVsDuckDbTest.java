package io.polaroid.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL dialect, construct by construct, against DuckDB running the very same text over the
 * same Parquet files: joins of every kind, grouping, subqueries of every shape, set operations,
 * windows, literals, and the functions. The tables have nulls in keys and values, duplicate keys,
 * and are read in small batches.
 */
class SqlDialectVsDuckDbTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        String l = dir.resolve("l.parquet").toString();
        String r = dir.resolve("r.parquet").toString();
        duck.execute("COPY (SELECT i AS id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE i % 50 END AS k,"
                + " 'g' || (i % 4) AS g,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 0.37) % 101)::DOUBLE END AS v,"
                + " ((i * 13) % 1000 / 8.0)::DECIMAL(12,2) AS d,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE 'Word' || (i % 23) END AS s,"
                + " DATE '1995-01-31' + (i % 700)::INTEGER AS dt"
                + " FROM range(600) t(i)) TO '" + l + "' (FORMAT PARQUET, ROW_GROUP_SIZE 256)");
        duck.execute("COPY (SELECT i AS rid,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 3) % 70 END AS k,"
                + " 'g' || (i % 3) AS g,"
                + " i * 1.5 AS w"
                + " FROM range(120) t(i)) TO '" + r + "' (FORMAT PARQUET)");
        duck.execute("CREATE VIEW l AS SELECT * FROM read_parquet('" + l + "')");
        duck.execute("CREATE VIEW r AS SELECT * FROM read_parquet('" + r + "')");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(128));
        pl.register("l", pl.scanParquet(l));
        pl.register("r", pl.scanParquet(r));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    /** A query whose ORDER BY fixes the order of every row. */
    static Arguments ordered(String sql) {
        return Arguments.of(sql, true);
    }

    /** A query compared as a bag of rows. */
    static Arguments bag(String sql) {
        return Arguments.of(sql, false);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                // projection, filters, literals, arithmetic
                ordered("SELECT id, k, v FROM l WHERE k > 10 AND v < 50 ORDER BY id"),
                ordered("SELECT id, k + 1 AS k1, k * 2 - id AS x, id / 7 AS q, id % 7 AS m, -k AS n FROM l ORDER BY id"),
                ordered("SELECT id, d * 2 AS d2, d + 0.25 AS d3, d - 1 AS d4 FROM l ORDER BY id"),
                ordered("SELECT id FROM l WHERE id BETWEEN 10 AND 20 ORDER BY id"),
                ordered("SELECT id FROM l WHERE id NOT BETWEEN 10 AND 590 ORDER BY id"),
                ordered("SELECT id, k FROM l WHERE k IN (1, 2, 3) ORDER BY id"),
                ordered("SELECT id, k FROM l WHERE k NOT IN (1, 2, 3) ORDER BY id"),
                ordered("SELECT id, s FROM l WHERE s LIKE 'Word1%' ORDER BY id"),
                ordered("SELECT id, s FROM l WHERE s NOT LIKE '%2' ORDER BY id"),
                ordered("SELECT id, s FROM l WHERE s ILIKE 'word2_' ORDER BY id"),
                ordered("SELECT id FROM l WHERE k IS NULL ORDER BY id"),
                ordered("SELECT id FROM l WHERE v IS NOT NULL AND s IS NULL ORDER BY id"),
                ordered("SELECT id, CASE WHEN k < 10 THEN 'low' WHEN k < 30 THEN 'mid' ELSE 'high' END AS band FROM l ORDER BY id"),
                ordered("SELECT id, CASE k WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS word FROM l ORDER BY id"),
                ordered("SELECT id, CAST(k AS VARCHAR) AS ks, CAST(v AS INTEGER) AS vi, CAST(id AS DOUBLE) / 2 AS h FROM l ORDER BY id"),
                ordered("SELECT id, COALESCE(k, -1) AS k, NULLIF(k, 5) AS n, k IS DISTINCT FROM 5 AS dk FROM l ORDER BY id"),
                ordered("SELECT id, dt, dt + INTERVAL '1' MONTH AS next_month, extract(year FROM dt) AS y, extract(month FROM dt) AS m,"
                        + " extract(day FROM dt) AS d, extract(quarter FROM dt) AS q FROM l ORDER BY id"),
                ordered("SELECT id FROM l WHERE dt >= DATE '1996-01-01' AND dt < DATE '1996-01-01' + INTERVAL '3' MONTH ORDER BY id"),
                ordered("SELECT id, upper(s) AS u, lower(s) AS lo, length(s) AS n, substring(s, 2, 3) AS sub, s || '!' AS bang,"
                        + " trim('  ' || s || '  ') AS t, replace(s, 'Word', 'W') AS rep FROM l ORDER BY id"),
                ordered("SELECT id, round(v, 1) AS r, abs(k - 25) AS a, floor(v) AS f, ceil(v) AS c FROM l ORDER BY id"),
                ordered("SELECT DISTINCT g FROM l ORDER BY g"),
                ordered("SELECT 1 AS one, 'x' AS x, 2.5 AS y"),
                // grouping
                ordered("SELECT g, count(*) AS n, count(k) AS nk, count(DISTINCT k) AS dk, sum(k) AS sk, avg(v) AS av,"
                        + " min(s) AS mn, max(dt) AS mx, sum(d) AS sd FROM l GROUP BY g ORDER BY g"),
                ordered("SELECT k, count(*) AS n FROM l GROUP BY k HAVING count(*) > 11 ORDER BY k NULLS FIRST"),
                ordered("SELECT k % 5 AS b, sum(v) AS s FROM l GROUP BY k % 5 ORDER BY b NULLS LAST"),
                ordered("SELECT g AS grp, count(*) FROM l GROUP BY grp ORDER BY 1"),
                ordered("SELECT g, count(*) FROM l GROUP BY 1 ORDER BY 2 DESC, 1"),
                ordered("SELECT sum(k) AS s, count(*) AS n, avg(d) AS a FROM l"),
                ordered("SELECT sum(k) AS s, count(*) AS n, max(v) AS m FROM l WHERE id < 0"),
                ordered("SELECT g, sum(CASE WHEN k > 20 THEN v ELSE 0 END) / sum(v) AS share FROM l GROUP BY g ORDER BY g"),
                ordered("SELECT g, count(*) FILTER (WHERE k > 20) AS big FROM l GROUP BY g ORDER BY g"),
                ordered("SELECT g, stddev_samp(v) AS sd, var_samp(v) AS va, median(v) AS me FROM l GROUP BY g ORDER BY g"),
                // joins
                ordered("SELECT l.id, r.rid, r.w FROM l JOIN r ON l.k = r.k ORDER BY l.id, r.rid"),
                ordered("SELECT l.id, r.rid FROM l LEFT JOIN r ON l.k = r.k ORDER BY l.id, r.rid NULLS FIRST"),
                ordered("SELECT l.id, r.rid FROM l RIGHT JOIN r ON l.k = r.k ORDER BY r.rid, l.id"),
                ordered("SELECT l.id, r.rid FROM l FULL JOIN r ON l.k = r.k ORDER BY l.id NULLS FIRST, r.rid NULLS FIRST"),
                ordered("SELECT l.id, r.rid FROM l, r WHERE l.k = r.k AND l.g = r.g ORDER BY l.id, r.rid"),
                ordered("SELECT l.id, r.rid FROM l JOIN r ON l.k = r.k AND r.w > 50 ORDER BY l.id, r.rid"),
                ordered("SELECT l.id, r.rid FROM l LEFT JOIN r ON l.k = r.k AND r.w > 50 ORDER BY l.id, r.rid NULLS FIRST"),
                ordered("SELECT a.id, b.id AS id2 FROM l a JOIN l b ON a.k = b.k AND a.id < b.id WHERE a.id < 60 ORDER BY 1, 2"),
                ordered("SELECT l.id, r.rid FROM l CROSS JOIN r WHERE l.id < 3 AND r.rid < 3 ORDER BY 1, 2"),
                ordered("SELECT id, g, rid FROM l JOIN r USING (g) WHERE id < 5 AND rid < 5 ORDER BY id, rid"),
                ordered("SELECT l.g, count(*) AS n, sum(r.w) AS w FROM l JOIN r ON l.k = r.k GROUP BY l.g ORDER BY l.g"),
                // subqueries
                ordered("SELECT id FROM l WHERE k IN (SELECT k FROM r WHERE w > 100) ORDER BY id"),
                ordered("SELECT id FROM l WHERE k NOT IN (SELECT k FROM r WHERE w > 100) ORDER BY id"),
                ordered("SELECT id FROM l WHERE k NOT IN (SELECT k FROM r WHERE k IS NOT NULL AND w > 100) ORDER BY id"),
                ordered("SELECT id FROM l WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k) ORDER BY id"),
                ordered("SELECT id FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.g = l.g) ORDER BY id"),
                ordered("SELECT id FROM l WHERE EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.rid <> l.id) ORDER BY id"),
                ordered("SELECT id FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE r.k = l.k AND r.w > l.v) ORDER BY id"),
                ordered("SELECT id FROM l WHERE EXISTS (SELECT * FROM r WHERE w > 170) ORDER BY id"),
                ordered("SELECT id FROM l WHERE NOT EXISTS (SELECT * FROM r WHERE w > 1000) AND id < 5 ORDER BY id"),
                ordered("SELECT id, v FROM l WHERE v > (SELECT avg(v) FROM l) ORDER BY id"),
                ordered("SELECT id, v FROM l WHERE v > (SELECT avg(v) FROM l AS x WHERE x.g = l.g) ORDER BY id"),
                ordered("SELECT id, (SELECT max(w) FROM r WHERE r.k = l.k) AS mw FROM l ORDER BY id"),
                ordered("SELECT id, (SELECT count(*) FROM r WHERE r.k = l.k) AS n FROM l WHERE k IS NOT NULL ORDER BY id"),
                ordered("SELECT g, sum(v) AS s FROM l GROUP BY g HAVING sum(v) > (SELECT sum(v) * 0.2 FROM l) ORDER BY g"),
                ordered("SELECT x.g, x.n FROM (SELECT g, count(*) AS n FROM l GROUP BY g) AS x WHERE x.n > 100 ORDER BY x.g"),
                ordered("SELECT c, count(*) AS n FROM (SELECT k, count(*) FROM l GROUP BY k) AS t (k, c) GROUP BY c ORDER BY c"),
                // CTEs, views, set operations
                ordered("WITH big AS (SELECT * FROM l WHERE v > 50), small AS (SELECT * FROM l WHERE v <= 50)"
                        + " SELECT (SELECT count(*) FROM big) AS b, (SELECT count(*) FROM small) AS s"),
                ordered("WITH t AS (SELECT g, sum(v) AS s FROM l GROUP BY g) SELECT a.g, a.s, b.g AS g2 FROM t a JOIN t b ON a.s < b.s"
                        + " ORDER BY 1, 3"),
                ordered("CREATE VIEW vv AS SELECT id, k FROM l WHERE id < 10; SELECT * FROM vv ORDER BY id"),
                ordered("SELECT k FROM l WHERE id < 20 UNION SELECT k FROM r WHERE rid < 20 ORDER BY k NULLS FIRST"),
                ordered("SELECT k FROM l WHERE id < 20 UNION ALL SELECT k FROM r WHERE rid < 20 ORDER BY k NULLS FIRST"),
                ordered("SELECT k FROM l WHERE k IS NOT NULL INTERSECT SELECT k FROM r ORDER BY k"),
                ordered("SELECT k FROM l WHERE k IS NOT NULL EXCEPT SELECT k FROM r ORDER BY k"),
                ordered("SELECT g, k FROM l WHERE id < 8 UNION ALL SELECT g, k FROM r WHERE rid < 3 ORDER BY 1, 2 NULLS FIRST LIMIT 5"),
                // order, limit, offset
                ordered("SELECT id, v FROM l ORDER BY v DESC NULLS LAST, id LIMIT 10"),
                ordered("SELECT id, v FROM l ORDER BY v ASC NULLS FIRST, id LIMIT 10 OFFSET 5"),
                ordered("SELECT id FROM l ORDER BY k DESC NULLS FIRST, id DESC LIMIT 7"),
                ordered("SELECT id, s FROM l ORDER BY length(s) NULLS FIRST, id LIMIT 12"),
                // windows
                ordered("SELECT id, g, row_number() OVER (PARTITION BY g ORDER BY id) AS rn FROM l ORDER BY id"),
                ordered("SELECT id, g, rank() OVER (PARTITION BY g ORDER BY k) AS rk, dense_rank() OVER (PARTITION BY g ORDER BY k)"
                        + " AS dr FROM l WHERE k IS NOT NULL ORDER BY id"),
                ordered("SELECT id, sum(v) OVER (PARTITION BY g) AS gs, count(*) OVER (PARTITION BY g) AS gn FROM l ORDER BY id"),
                ordered("SELECT id, sum(k) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rs"
                        + " FROM l ORDER BY id"),
                ordered("SELECT id, lag(k) OVER (PARTITION BY g ORDER BY id) AS pk, lead(k, 2) OVER (PARTITION BY g ORDER BY id) AS nk"
                        + " FROM l ORDER BY id"),
                ordered("SELECT id, avg(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS ma"
                        + " FROM l ORDER BY id"),
                ordered("SELECT g, sum(v) AS s, rank() OVER (ORDER BY sum(v) DESC) AS r FROM l GROUP BY g ORDER BY g"),
                ordered("SELECT id, min(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS mn,"
                        + " max(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS mx FROM l ORDER BY id"),
                ordered("SELECT id, sum(v) OVER (PARTITION BY g ORDER BY k) AS peers FROM l ORDER BY id"),
                ordered("SELECT id, count(*) OVER (ORDER BY k) AS c FROM l ORDER BY id"),
                // table functions and case-insensitive names
                bag("SELECT ID, K FROM L WHERE Id < 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void sameAnswerAsDuckDb(String sql, boolean ordered) {
        List<String> parts = java.util.Arrays.stream(sql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = 0; i < parts.size() - 1; i++) {
            duck.execute(parts.get(i).replace("CREATE VIEW", "CREATE OR REPLACE VIEW"));
        }
        List<List<Object>> expected = duck.query(parts.get(parts.size() - 1));
        try (DataFrame df = pl.sql(sql).collect()) {
            assertThat(Rows.difference(expected, df.rows(), ordered)).as(sql).isNull();
        }
    }
}
