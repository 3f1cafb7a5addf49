package io.polaroid.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.Polaroid;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad SQL gets an error that says what is wrong and where, with the engine's error codes. */
class SqlErrorsTest {
    static Polaroid pl;

    @BeforeAll
    static void setUp() {
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2));
        try (RootAllocator allocator = new RootAllocator();
             BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator)) {
            id.allocateNew(2);
            id.set(0, 1);
            id.set(1, 2);
            id.setValueCount(2);
            name.allocateNew();
            name.setSafe(0, "a".getBytes());
            name.setSafe(1, "b".getBytes());
            name.setValueCount(2);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(id.getField(), name.getField()), List.of(id, name), 2)) {
                pl.register("people", pl.fromArrow(root));
                pl.register("pets", pl.fromArrow(root));
            }
        }
    }

    @AfterAll
    static void tearDown() {
        pl.close();
    }

    private static PolaroidException error(String sql) {
        PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> pl.sql(sql).collect().close());
        assertThat(e).as(sql).isNotNull();
        return e;
    }

    @Test
    void aSyntaxErrorGivesLineColumnAndWhatWasExpected() {
        PolaroidException e = error("SELECT id\nFROM people\nWHERE id = ");
        assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR);
        assertThat(e.getMessage()).contains("line 3, column 10").contains("expected");
        PolaroidException misspelt = error("SELEC id FROM people");
        assertThat(misspelt.getMessage()).contains("line 1, column 1").contains("SELECT");
    }

    @Test
    void anUnknownTableListsTheTables() {
        PolaroidException e = error("SELECT * FROM persons");
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(e.getMessage()).contains("'persons'", "people", "pets");
    }

    @Test
    void anUnknownColumnNamesItAndTheColumnsInScope() {
        PolaroidException e = error("SELECT p.age FROM people p JOIN pets q ON p.id = q.id");
        assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
        assertThat(e.getMessage()).contains("'p.age'", "p(id, name)", "q(id, name)");
        PolaroidException ambiguous = error("SELECT name FROM people p JOIN pets q ON p.id = q.id");
        assertThat(ambiguous.getMessage()).contains("ambiguous", "p.name", "q.name");
    }

    @Test
    void aTypeErrorNamesBothTypes() {
        PolaroidException e = error("SELECT id + name FROM people");
        assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(e.getMessage()).contains("i64", "str");
    }

    @Test
    void statementsOutsideTheDialectAreNotSupportedByName() {
        assertThat(error("INSERT INTO people VALUES (3, 'c')").getMessage()).contains("INSERT");
        assertThat(error("INSERT INTO people VALUES (3, 'c')").code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
        assertThat(error("DELETE FROM people").getMessage()).contains("DELETE");
        assertThat(error("SELECT * FROM people NATURAL JOIN pets").getMessage()).contains("NATURAL JOIN");
        assertThat(error("SELECT id FROM people WHERE id = 1 OR EXISTS (SELECT * FROM pets)").code())
                .isEqualTo(ErrorCode.NOT_SUPPORTED);
    }

    @Test
    void groupingMistakesSayWhatToDo() {
        assertThat(error("SELECT name, count(*) FROM people GROUP BY id").getMessage()).contains("GROUP BY", "name");
        assertThat(error("SELECT id FROM people WHERE sum(id) > 1").getMessage()).contains("not allowed in WHERE");
    }

    @Test
    void viewsLiveInTheSession() {
        pl.sql("CREATE VIEW adults AS SELECT id FROM people WHERE id > 1").collect().close();
        try (var df = pl.sql("SELECT count(*) AS n FROM adults").collect()) {
            assertThat(df.rows()).containsExactly(List.of(1L));
        }
        pl.sql("DROP VIEW adults").collect().close();
        assertThat(error("SELECT * FROM adults").getMessage()).contains("'adults'");
    }

    @Test
    void explainShowsThePlan() {
        try (var df = pl.sql("EXPLAIN SELECT id FROM people WHERE id > 1").collect()) {
            assertThat(df.rows().get(0).get(0).toString()).contains("Filter");
        }
    }

}
