package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.EngineRows;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions of StringMoreFunctions that DuckDB also has, against DuckDB over the same Parquet
 * file: strptime (the directives both spell alike), extract_all (regexp_extract_all), normalize
 * (nfc_normalize), and dt.round to hours (date_trunc of the time plus half an hour).
 */
class StringMoreVsDuckDbTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static QueryEngine engine;
    static String file;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("s.parquet").toString();
        duck.execute("COPY (SELECT i AS id, CASE WHEN i % 11 = 0 THEN NULL ELSE"
                + " strftime(TIMESTAMP '1990-01-01 00:00:00' + to_seconds(i * 7919 * 13), '%Y-%m-%d %H:%M:%S') END AS ts,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE 'a' || (i % 13) || 'b' || (i * 31 % 1000) || 'c' || repeat('x', i % 3)"
                + " || CASE WHEN i % 5 = 0 THEN ' e' || chr(769) || 'te ' || chr(200) ELSE '' END END AS s,"
                + " TIMESTAMP '2000-01-01 00:00:00' + to_microseconds(i::BIGINT * 123456789) AS t"
                + " FROM range(3000) r(i)) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 500)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(1024).withHadoop(Map.of()));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
        duck.close();
    }

    /** The expressions over the file, each aliased c0, c1, ... */
    private static List<List<Object>> run(Expr... exprs) {
        List<Expr> named = new java.util.ArrayList<>();
        for (int i = 0; i < exprs.length; i++) {
            named.add(new Expr.Alias(exprs[i], "c" + i));
        }
        return EngineRows.of(engine, new PlanNode.Select(new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null), named));
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }

    private static Expr text(String s) {
        return Expr.Literal.of(s, DataType.UTF8);
    }

    private static Expr bool(boolean b) {
        return Expr.Literal.of(b, DataType.BOOL);
    }

    private static Expr micros(Expr timestamp) {
        return new Expr.Cast(timestamp, DataType.INT64, true);
    }

    @Test
    void strptimeAsDuckDb() {
        Expr parsed = Expr.call(FunctionNames.STR_STRPTIME, col("ts"), text("datetime"), text("%Y-%m-%d %H:%M:%S"), text("us"),
                text(""), bool(true), bool(true), text("raise"));
        Expr date = Expr.call(FunctionNames.STR_STRPTIME, col("ts"), text("date"), text("%Y-%m-%d %H:%M:%S"), text("us"),
                text(""), bool(true), bool(true), text("raise"));
        List<List<Object>> actual = run(col("id"), micros(parsed), date);
        List<List<Object>> expected = duck.query("SELECT id, epoch_us(strptime(ts, '%Y-%m-%d %H:%M:%S')),"
                + " strptime(ts, '%Y-%m-%d %H:%M:%S')::DATE FROM '" + file + "'");
        assertThat(Rows.difference(expected, actual, true)).isNull();
    }

    @Test
    void extractAllAsRegexpExtractAll() {
        List<List<Object>> actual = run(col("id"), Expr.call(FunctionNames.STR_EXTRACT_ALL, col("s"), text("[0-9]+")),
                Expr.call(FunctionNames.STR_EXTRACT_ALL, col("s"), text("x+|b")));
        List<List<Object>> expected = duck.query("SELECT id, regexp_extract_all(s, '[0-9]+'), regexp_extract_all(s, 'x+|b')"
                + " FROM '" + file + "'");
        assertThat(Rows.difference(expected, actual, true)).isNull();
    }

    @Test
    void normalizeAsNfcNormalize() {
        List<List<Object>> actual = run(col("id"), Expr.call(FunctionNames.STR_NORMALIZE, col("s"), text("NFC")));
        List<List<Object>> expected = duck.query("SELECT id, nfc_normalize(s) FROM '" + file + "'");
        assertThat(Rows.difference(expected, actual, true)).isNull();
    }

    @Test
    void roundToHoursAsDateTruncOfHalfAnHourLater() {
        List<List<Object>> actual = run(col("id"), micros(Expr.call(FunctionNames.DT_ROUND, col("t"), text("1h"))),
                micros(Expr.call(FunctionNames.DT_ROUND, col("t"), text("1d"))));
        List<List<Object>> expected = duck.query("SELECT id, epoch_us(date_trunc('hour', t + INTERVAL 30 MINUTE)),"
                + " epoch_us(date_trunc('day', t + INTERVAL 12 HOUR)) FROM '" + file + "'");
        assertThat(Rows.difference(expected, actual, true)).isNull();
    }
}
