package io.polaroid.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.server.TestCredentials;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Arrow Flight SQL JDBC driver against a cluster of processes: the catalog as a SQL tool
 * browses it, queries whose results the driver reads from the workers with the same token,
 * prepared statements with parameters, and the engine's errors as SQLExceptions.
 */
class FlightSqlJdbcTest {
    static SqlCluster sql;
    static Connection connection;
    static DuckDb duck;

    @BeforeAll
    static void setUp() throws SQLException {
        sql = new SqlCluster("flightsql-jdbc");
        connection = sql.connect();
        duck = new DuckDb();
        for (String t : List.of("nation", "region", "lineitem", "orders")) {
            duck.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + sql.data.resolve(t + ".parquet") + "')");
        }
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

    @Test
    void catalogsSchemasAndTables() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getCatalogs()) {
            assertThat(column(rs, "TABLE_CAT")).containsExactly("polaroid");
        }
        try (ResultSet rs = meta.getSchemas()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
            assertThat(rs.getString("TABLE_CATALOG")).isEqualTo("polaroid");
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = meta.getTables(null, null, "%", null)) {
            assertThat(column(rs, "TABLE_NAME")).containsExactly("customer", "lineitem", "nation", "orders", "part",
                    "partsupp", "region", "supplier");
        }
        try (ResultSet rs = meta.getTables("polaroid", "public", "n%", new String[] {"TABLE"})) {
            assertThat(column(rs, "TABLE_NAME")).containsExactly("nation");
        }
        try (ResultSet rs = meta.getTables("elsewhere", null, "%", null)) {
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = meta.getTableTypes()) {
            assertThat(column(rs, "TABLE_TYPE")).containsExactly("TABLE");
        }
    }

    @Test
    void columnsWithTheirTypes() throws SQLException {
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, "nation", null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
                types.add(rs.getInt("DATA_TYPE"));
            }
        }
        assertThat(names).containsExactly("n_nationkey", "n_name", "n_regionkey", "n_comment");
        assertThat(types.get(1)).isEqualTo(Types.VARCHAR);
        assertThat(types.get(0)).isIn(Types.INTEGER, Types.BIGINT);
    }

    @Test
    void theServerDescribesItself() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        assertThat(meta.getDatabaseProductName()).isEqualTo("Polaroid");
        assertThat(meta.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(meta.isReadOnly()).isTrue();
        assertThat(meta.getSearchStringEscape()).isEqualTo("\\");
    }

    /** Every row of a table split across both workers: the driver fetched each endpoint, with the token. */
    @Test
    void aQueryReadsEveryRowFromTheWorkers() throws SQLException {
        List<List<Object>> expected = duck.query("SELECT l_orderkey, l_linenumber, l_extendedprice, l_shipdate FROM lineitem");
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT l_orderkey, l_linenumber, l_extendedprice, l_shipdate FROM lineitem")) {
            List<List<Object>> actual = SqlCluster.rows(rs);
            assertThat(actual).hasSizeGreaterThan(100_000);
            assertThat(Rows.difference(expected, actual, false)).isNull();
        }
    }

    @Test
    void anOrderedAggregate() throws SQLException {
        String q = "SELECT r_name, count(*) AS nations FROM nation JOIN region ON n_regionkey = r_regionkey "
                + "GROUP BY r_name ORDER BY r_name";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(q)) {
            assertThat(Rows.difference(duck.query(q), SqlCluster.rows(rs), true)).isNull();
        }
    }

    @Test
    void aPreparedStatementWithParameters() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT n_name FROM nation WHERE n_nationkey = ?")) {
            p.setInt(1, 7);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(column(rs, "n_name")).containsExactly("GERMANY");
            }
            p.setInt(1, 24);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(column(rs, "n_name")).containsExactly("UNITED STATES");
            }
        }
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT count(*) AS n FROM lineitem WHERE l_shipdate < ? AND l_returnflag = ?")) {
            p.setDate(1, java.sql.Date.valueOf("1995-01-01"));
            p.setString(2, "R");
            try (ResultSet rs = p.executeQuery()) {
                List<List<Object>> expected = duck.query(
                        "SELECT count(*) FROM lineitem WHERE l_shipdate < DATE '1995-01-01' AND l_returnflag = 'R'");
                assertThat(Rows.difference(expected, SqlCluster.rows(rs), true)).isNull();
            }
        }
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        assertThatThrownBy(() -> query("SELECT n_name FROM nation WHERE"))
                .isInstanceOf(SQLException.class).hasMessageContaining("line 1").hasMessageContaining("column");
    }

    @Test
    void anUnknownTableListsTheTables() {
        assertThatThrownBy(() -> query("SELECT * FROM nations"))
                .isInstanceOf(SQLException.class).hasMessageContaining("nations").hasMessageContaining("lineitem");
    }

    @Test
    void anUnknownColumnIsNamed() {
        assertThatThrownBy(() -> query("SELECT n_nam FROM nation"))
                .isInstanceOf(SQLException.class).hasMessageContaining("n_nam");
    }

    /** The engine's NOT_SUPPORTED, in its words: it names the statement and says what its SQL does. */
    @Test
    void updatesAreNotSupported() {
        assertThatThrownBy(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute("INSERT INTO nation VALUES (99, 'ATLANTIS', 0, 'gone')");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("the statement INSERT").hasMessageContaining("reads data");
        assertThatThrownBy(() -> {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM nation");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("DELETE");
    }

    /** Basic auth: the driver's handshake gets a session token, which the workers' tickets are bound to. */
    @Test
    void userAndPasswordWork() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", TestCredentials.USER);
        p.setProperty("password", TestCredentials.PASSWORD);
        try (Connection c = java.sql.DriverManager.getConnection(sql.jdbcUrl(), p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT l_orderkey FROM lineitem")) {
            assertThat(SqlCluster.rows(rs)).hasSizeGreaterThan(100_000);
        }
    }

    @Test
    void aWrongTokenIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection c = sql.connect(TestCredentials.get().token() + "x"); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            }
        }).isInstanceOf(SQLException.class);
    }

    private static void query(String q) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(q)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(name));
        }
        return values;
    }
}
