package io.polaroid;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Struct columns in the Java SDK, local mode: made, carried through a filter and a join, read, unnested; DuckDB computes the answers. */
class StructsTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;
    static String file;
    static String keys;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("t.parquet").toString();
        keys = dir.resolve("k.parquet").toString();
        duck.execute("COPY (SELECT i AS id, i % 4 AS k, CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i END AS name,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS x FROM range(40) t(i)) TO '" + file + "' (FORMAT PARQUET)");
        duck.execute("COPY (SELECT i AS k, 'key' || i AS label FROM range(3) t(i)) TO '" + keys + "' (FORMAT PARQUET)");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    private LazyFrame withStruct() {
        return pl.scanParquet(file).withColumns(Functions.struct("name", col("x").mul(2)).alias("s"));
    }

    @Test
    void structThroughAFilterKeepsItsFields() {
        LazyFrame q = withStruct().filter(col("id").gt(7))
                .select(col("id"), col("s").struct().field("name"), col("s").struct().field("x")).sort("id");
        try (DataFrame df = q.collect()) {
            List<List<Object>> expected = duck.query("SELECT id, name, x * 2 AS x FROM '" + file + "' WHERE id > 7 ORDER BY id");
            assertThat(Rows.difference(expected, Rows.of(df.batches()), true)).isNull();
        }
    }

    @Test
    void structThroughAJoinAndUnnest() {
        LazyFrame q = withStruct().select(col("id"), col("k"), col("s")).join(pl.scanParquet(keys), "k")
                .unnest("s").sort("id");
        try (DataFrame df = q.collect()) {
            assertThat(df.columns()).containsExactly("id", "k", "name", "x", "label");
            List<List<Object>> expected = duck.query("SELECT t.id, t.k, t.name, t.x * 2, l.label FROM '" + file + "' t JOIN '"
                    + keys + "' l ON t.k = l.k ORDER BY t.id");
            assertThat(Rows.difference(expected, Rows.of(df.batches()), true)).isNull();
        }
    }

    @Test
    void typeJsonAndRenamedFields() {
        LazyFrame q = withStruct().select(col("s").struct().renameFields("a", "b").alias("r"), col("s").struct().jsonEncode().alias("j"));
        assertThat(q.schema().field("r").type().toString()).isEqualTo("struct[2]");
        assertThat(q.schema().field("r").type().fields().get(1).name()).isEqualTo("b");
        assertThat(q.schema().field("j").type()).isEqualTo(DataType.UTF8);
    }

    @Test
    void withFieldsReplacesAFieldInPlaceAndAddsOthersAfter() {
        Expr s = col("s");
        LazyFrame set = withStruct()
                .select(col("id"), s.struct().withFields(s.struct().field("x").add(1), col("id").mul(3).alias("c")).alias("r"));
        assertThat(set.schema().field("r").type().fields().stream().map(f -> f.name()).toList()).containsExactly("name", "x", "c");
        LazyFrame q = set.select(col("id"), col("r").struct().field("name"), col("r").struct().field("x"), col("r").struct().field("c"))
                .sort("id");
        try (DataFrame df = q.collect()) {
            List<List<Object>> expected = duck.query("SELECT id, name, x * 2 + 1, id * 3 FROM '" + file + "' ORDER BY id");
            assertThat(Rows.difference(expected, Rows.of(df.batches()), true)).isNull();
        }
        assertThatThrownBy(() -> withStruct().select(s.struct().withFields(col("id").alias("c"), col("k").alias("c")))
                .collect().close()).isInstanceOf(PolaroidException.class).hasMessageContaining("multiple fields with name 'c'");
    }

    @Test
    void aStructKeyOrAnUnknownFieldIsRefusedByName() {
        assertThatThrownBy(() -> withStruct().sort("s").collect().close()).isInstanceOf(PolaroidException.class)
                .hasMessageContaining("s").hasMessageContaining("structs are not hashed or ordered");
        assertThatThrownBy(() -> withStruct().select(col("s").struct().field("zz")).collect().close())
                .isInstanceOf(PolaroidException.class).hasMessageContaining("'zz'").hasMessageContaining("'name', 'x'");
    }
}
