package io.polaroid.server.flightsql;

import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.tpch.TpchData;
import io.trino.tpch.TpchTable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A coordinator and two worker processes whose catalog holds the eight TPC-H tables (in small row
 * groups, so scans split across both workers), and JDBC connections to it through the Arrow
 * Flight SQL driver, as a SQL tool would connect.
 */
final class SqlCluster implements AutoCloseable {
    static {
        driverAllocatorWithItsOwnDefault();
    }

    /**
     * The tests' JVM asks Arrow for the Unsafe allocation manager ({@code arrow.allocation.manager.type}),
     * which the driver's shaded copy of Arrow lacks (it has Netty's): its allocator is set up once,
     * here, without that property, as it would be in a tool that does not set it.
     */
    private static void driverAllocatorWithItsOwnDefault() {
        String property = "arrow.allocation.manager.type";
        String saved = System.clearProperty(property);
        try {
            Class.forName("org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.memory.BaseAllocator");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Flight SQL JDBC driver is not on the test classpath", e);
        } finally {
            if (saved != null) {
                System.setProperty(property, saved);
            }
        }
    }

    final Path data = TpchData.splitTestData();
    final LocalCluster cluster;

    SqlCluster(String name) {
        List<String> catalog = new ArrayList<>();
        for (TpchTable<?> t : TpchTable.getTables()) {
            catalog.add("--polaroid.catalog." + t.getTableName() + "=" + data.resolve(t.getTableName() + ".parquet"));
        }
        // exchanges materialized (a stage starts once its inputs are complete): the default,
        // pipelined way runs in ClusterTpchTest
        catalog.add("--polaroid.scheduler.pipeline=false");
        cluster = new LocalCluster(name, 2, List.of(data.toString()), catalog.toArray(String[]::new));
    }

    String jdbcUrl() {
        return "jdbc:arrow-flight-sql://127.0.0.1:" + cluster.port() + "?useEncryption=false";
    }

    /** A connection with the tests' token, as the driver's {@code token} property. */
    Connection connect() throws SQLException {
        return connect(TestCredentials.get().token());
    }

    Connection connect(String token) throws SQLException {
        Properties p = new Properties();
        p.setProperty("token", token);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** Every row of {@code rs}, values as DuckDb and Rows compare them. */
    static List<List<Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(normalize(rs.getObject(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object normalize(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof BigInteger b) {
            return new java.math.BigDecimal(b);
        }
        if (v instanceof LocalDate || v == null) {
            return v;
        }
        return v;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
