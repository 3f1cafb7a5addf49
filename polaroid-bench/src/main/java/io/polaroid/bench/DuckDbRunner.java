package io.polaroid.bench;

import io.polaroid.tpch.TpchSql;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** DuckDB over the same Parquet files, running the official query texts, with a fixed thread count. */
final class DuckDbRunner implements AutoCloseable {
    private final Connection connection;

    DuckDbRunner(Path data, int threads) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET threads = " + threads);
            for (TpchTable<?> t : TpchTable.getTables()) {
                s.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('"
                        + data.resolve(t.getTableName() + ".parquet") + "')");
            }
        }
    }

    /** Runs query {@code n} and reads every row (as the JDBC client would); returns the row count. */
    long run(int n) throws SQLException {
        List<String> statements = statements(n);
        try (Statement s = connection.createStatement()) {
            for (int i = 0; i < statements.size() - 1; i++) {
                s.execute(statements.get(i));
            }
            try (ResultSet rs = s.executeQuery(statements.get(statements.size() - 1))) {
                return readAll(rs);
            }
        }
    }

    /** Runs one SQL query and reads every row; returns the row count. */
    long runSql(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return readAll(rs);
        }
    }

    private static long readAll(ResultSet rs) throws SQLException {
        long rows = 0;
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int c = 1; c <= columns; c++) {
                rs.getObject(c);
            }
            rows++;
        }
        return rows;
    }

    private static List<String> statements(int n) {
        return TpchSql.statements(n);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
