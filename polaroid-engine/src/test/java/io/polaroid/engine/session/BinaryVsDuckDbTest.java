package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.testing.ParquetVsDuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary columns against DuckDB over the same Parquet file (DuckDB writes a BLOB as BINARY without a
 * logical type, and orders blobs unsigned, byte by byte, as Polars): the bytes read intact, sort in both
 * directions with nulls first and last, group, join and reduce (min/max) on them. Values are compared
 * as lower-case hex (the engine's {@code bin.encode}, DuckDB's {@code hex}).
 */
class BinaryVsDuckDbTest {
    @TempDir
    static Path dir;
    static ParquetVsDuckDb db;

    @BeforeAll
    static void setUp() {
        // 0..3 bytes from an md5 (0x00 and 0xff bytes among them), a trailing zero byte on every fifth row,
        // nulls, and repeats (the md5 of i % 50) for groups and join matches
        db = new ParquetVsDuckDb(dir, "SELECT i AS id, CASE WHEN i % 11 = 0 THEN NULL ELSE"
                + " unhex(substr(md5((i % 50)::VARCHAR), 1, 2 * (i % 4))) || CASE WHEN i % 5 = 0 THEN '\\x00'::BLOB"
                + " ELSE ''::BLOB END END AS b FROM range(3000) r(i)", 500, 256);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static PlanNode scan() {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(db.file), null);
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }

    private static Expr hex(Expr binary, String name) {
        return new Expr.Alias(Expr.call(FunctionNames.BIN_ENCODE, binary, Expr.Literal.of("hex", DataType.UTF8)), name);
    }

    private static final String DUCK_HEX = "lower(hex(b))";

    @Test
    void theColumnReadsAsBinaryWithItsBytes() {
        List<List<Object>> rows = db.run(new PlanNode.Select(scan(), List.of(col("id"), col("b"))));
        List<List<Object>> expected = db.query("SELECT id, b FROM $file");
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            Object actual = rows.get(i).get(1);
            Object blob = expected.get(i).get(1);
            assertThat(actual == null ? null : Bytes.of((byte[]) actual)).as("row %d", i)
                    .isEqualTo(blob == null ? null : Bytes.of(bytesOf(blob)));
        }
        assertThat(rows.stream().filter(r -> r.get(1) != null && ((byte[]) r.get(1)).length > 0
                && ((byte[]) r.get(1))[0] < 0)).as("bytes from 0x80 up are among the values").isNotEmpty();
    }

    private static byte[] bytesOf(Object blob) {
        try {
            java.sql.Blob b = (java.sql.Blob) blob;
            return b.getBytes(1, (int) b.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sortsUnsignedBothWaysWithNullsFirstAndLast() {
        for (boolean descending : new boolean[] {false, true}) {
            for (boolean nullsLast : new boolean[] {false, true}) {
                PlanNode plan = new PlanNode.Select(new PlanNode.Sort(scan(), List.of(new SortKey(col("b"), descending, nullsLast),
                        new SortKey(col("id"), false, false)), false), List.of(col("id"), hex(col("b"), "h")));
                List<List<Object>> expected = db.query("SELECT id, " + DUCK_HEX + " FROM $file ORDER BY b "
                        + (descending ? "DESC" : "ASC") + (nullsLast ? " NULLS LAST" : " NULLS FIRST") + ", id");
                assertThat(Rows.difference(expected, db.run(plan), true))
                        .as("descending %s, nulls last %s", descending, nullsLast).isNull();
            }
        }
    }

    @Test
    void groupsAndReducesOnBytes() {
        PlanNode groups = new PlanNode.Select(new PlanNode.Aggregate(scan(), List.of(col("b")),
                List.of(new Expr.Alias(Expr.call("len"), "n"), new Expr.Alias(Expr.call("min", col("id")), "first")), false),
                List.of(hex(col("b"), "h"), col("n"), col("first")));
        assertThat(Rows.difference(db.query("SELECT " + DUCK_HEX + ", count(*), min(id) FROM $file GROUP BY b"),
                db.run(groups), false)).isNull();

        Expr k = new Expr.Alias(Expr.call("mod", col("id"), new Expr.Literal(7L, DataType.INT32, true)), "k");
        PlanNode extremes = new PlanNode.Select(new PlanNode.Aggregate(scan(), List.of(k),
                List.of(new Expr.Alias(Expr.call("min", col("b")), "lo"), new Expr.Alias(Expr.call("max", col("b")), "hi"),
                        new Expr.Alias(Expr.call("n_unique", col("b")), "u")), false),
                List.of(col("k"), hex(col("lo"), "lo"), hex(col("hi"), "hi"), col("u")));
        // Polars' n_unique counts null as a value
        assertThat(Rows.difference(db.query("SELECT id % 7, lower(hex(min(b))), lower(hex(max(b))),"
                        + " count(DISTINCT b) + max(CASE WHEN b IS NULL THEN 1 ELSE 0 END) FROM $file GROUP BY id % 7"),
                db.run(extremes), false)).isNull();
    }

    @Test
    void joinsOnBytes() {
        PlanNode right = new PlanNode.Select(new PlanNode.Filter(scan(), Expr.call("lt", col("id"), new Expr.Literal(60L,
                DataType.INT32, true))), List.of(new Expr.Alias(col("id"), "rid"), col("b")));
        for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI)) {
            PlanNode join = new PlanNode.Join(scan(), right, List.of(col("b")), List.of(col("b")), how, null);
            boolean both = how == JoinType.INNER || how == JoinType.LEFT;
            List<Expr> out = new ArrayList<>(List.of(col("id"), hex(col("b"), "h")));
            if (both) {
                out.add(col("rid"));
            }
            String sql = switch (how) {
                case INNER, LEFT -> "SELECT l.id, lower(hex(l.b)), r.id FROM $file l " + how
                        + " JOIN (SELECT * FROM $file WHERE id < 60) r ON l.b = r.b";
                default -> "SELECT id, " + DUCK_HEX + " FROM $file l WHERE " + (how == JoinType.ANTI ? "NOT " : "")
                        + "EXISTS (SELECT 1 FROM $file r WHERE r.id < 60 AND r.b = l.b)";
            };
            assertThat(Rows.difference(db.query(sql), db.run(new PlanNode.Select(join, out)), false))
                    .as(how.toString()).isNull();
        }
    }

    /**
     * Filters on the bytes over a copy sorted by them in small row groups, so that row groups are left out
     * by their min/max statistics (unsigned, as the values compare): the rows are DuckDB's.
     */
    @Test
    void filtersOnBytesPruneRowGroupsAndKeepEveryMatch() {
        String sorted = dir.resolve("sorted.parquet").toString();
        db.duck.execute("COPY (SELECT * FROM '" + db.file + "' ORDER BY b NULLS FIRST, id) TO '" + sorted
                + "' (FORMAT PARQUET, ROW_GROUP_SIZE 200)");
        byte[] existing = bytesOf(db.query("SELECT b FROM $file WHERE id = 7").get(0).get(0));
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(sorted), null);
        for (String[] test : new String[][] {{"eq", "="}, {"lt", "<"}, {"gt", ">"}, {"ge", ">="}}) {
            for (byte[] value : List.of(existing, new byte[] {(byte) 0x80}, new byte[] {0x7f}, new byte[0])) {
                Expr predicate = Expr.call(test[0], col("b"), Expr.Literal.of(Bytes.of(value), DataType.BINARY));
                List<List<Object>> actual = db.run(new PlanNode.Select(new PlanNode.Filter(scan, predicate), List.of(col("id"))));
                List<List<Object>> expected = db.duck.query("SELECT id FROM '" + sorted + "' WHERE b " + test[1]
                        + " unhex('" + Bytes.of(value).toHex() + "')");
                assertThat(Rows.difference(expected, actual, true)).as("b %s %s", test[1], Bytes.of(value)).isNull();
            }
        }
    }

    @Test
    void invalidUtf8FailsACastToTextStrictOrNot() {
        for (boolean strict : new boolean[] {true, false}) {
            PlanNode plan = new PlanNode.Select(scan(), List.of(new Expr.Cast(col("b"), DataType.UTF8, strict)));
            assertThatThrownBy(() -> db.run(plan)).isInstanceOfSatisfying(PolaroidException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                assertThat(e.getMessage()).contains("invalid utf8").contains("b#");
            });
        }
    }
}
