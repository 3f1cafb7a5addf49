package io.polaroid.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 official TPC-H query texts through the Flight SQL JDBC driver, each as one script (Q15
 * creates its view first), against DuckDB running the same texts on the same Parquet files: same
 * rows in the same order, decimals exact, floats within 1e-9 relative.
 */
class FlightSqlTpchTest {
    static SqlCluster sql;
    static Connection connection;
    static DuckDb duck;

    @BeforeAll
    static void setUp() throws SQLException {
        sql = new SqlCluster("flightsql-tpch");
        connection = sql.connect();
        duck = io.polaroid.tpch.TpchDuckDb.over(sql.data);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (duck != null) {
            duck.close();
        }
        if (sql != null) {
            sql.close();
        }
    }

    static List<Integer> queries() {
        return io.polaroid.tpch.TpchDuckDb.queries();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void matchesDuckDb(int q) throws SQLException {
        List<String> statements = TpchSql.statements(q);
        List<List<Object>> expected = io.polaroid.tpch.TpchDuckDb.answer(duck, q);
        assertThat(expected).as("DuckDB returns rows for Q%d at this scale factor", q).isNotEmpty();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(String.join(";\n", statements))) {
            assertThat(Rows.difference(expected, SqlCluster.rows(rs), true)).as("Q%d", q).isNull();
        }
    }
}
