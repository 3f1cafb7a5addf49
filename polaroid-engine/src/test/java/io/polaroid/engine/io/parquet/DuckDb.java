package io.polaroid.engine.io.parquet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB as the oracle for Parquet files: an in-process database per call, rows as JDBC objects. */
final class DuckDb {
    private DuckDb() {
    }

    /** {@code read_parquet('path')}, quoted. */
    static String scan(String path) {
        return "read_parquet('" + path.replace("'", "''") + "')";
    }

    static List<List<Object>> query(String sql) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement()) {
            st.execute(sql);
        }
    }

    /** "name TYPE" for each column DuckDB sees in the file. */
    static List<String> columnTypes(String path) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<Object> row : query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + scan(path) + ")")) {
            out.add(row.get(0) + " " + row.get(1));
        }
        return out;
    }
}
