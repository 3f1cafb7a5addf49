package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.testing.ParquetVsDuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Casts of decimals to a wide decimal of more scale (as a comparison of a sum with a wide
 * threshold makes), against DuckDB's casts of the same Parquet columns. Batches whose values all
 * fit in a long take a 128-bit multiply; a value past a long sends its batch the slow way.
 */
class DecimalWideningVsDuckDbTest {
    @TempDir
    static Path dir;
    static ParquetVsDuckDb db;

    @BeforeAll
    static void setUp() {
        // negatives, nulls, values at the edge of a long, and one row group with values past it
        db = new ParquetVsDuckDb(dir, "SELECT i AS id,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 7919) % 100000 - 50000)::DECIMAL(15,2) / 7 END::DECIMAL(15,2) AS n,"
                + " CASE WHEN i % 17 = 0 THEN NULL WHEN i BETWEEN 2000 AND 2100"
                + " THEN (i::HUGEINT * 100000000000000000000)::DECIMAL(38,2)"
                + " ELSE (i % 2 * 2 - 1) * (9223372036854775807::HUGEINT - i)::DECIMAL(38,0) / 100 END::DECIMAL(38,2) AS w"
                + " FROM range(4000) r(i)", 1000, 256);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "cast({0} as decimal({1}, {2}))")
    @CsvSource({"n, 38, 6", "n, 38, 20", "n, 21, 2", "w, 38, 6", "w, 38, 2", "n, 30, 10"})
    void widensAsDuckDbDoes(String column, int precision, int scale) {
        PlanNode plan = new PlanNode.Select(new PlanNode.Scan(ScanFormat.PARQUET, List.of(db.file), null),
                List.of(new Expr.Column("id"), new Expr.Alias(new Expr.Cast(new Expr.Column(column),
                        DataType.decimal(precision, scale), false), "c")));
        List<List<Object>> expected = db.query("SELECT id, CAST(" + column + " AS DECIMAL(" + precision + ", " + scale
                + ")) AS c FROM $file");
        assertThat(Rows.difference(expected, db.run(plan), false)).isNull();
    }
}
