package io.polaroid.server.coordinator.flightsql;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code GetXdbcTypeInfo}: the SQL types the engine's SQL knows (the names CAST takes, as
 * DuckDB means them), one row each, in the order ODBC and JDBC sort them (by data type).
 */
final class XdbcTypes {
    static final Schema SCHEMA = FlightSqlProducer.Schemas.GET_TYPE_INFO_SCHEMA;
    private static final int NULLABLE = 1;
    private static final int SEARCHABLE = 3;

    /** name, JDBC type, column size (precision, characters or digits; null where none), literal quote. */
    private record SqlType(String name, int dataType, Integer columnSize, String quote, Integer maxScale) {
    }

    private static final List<SqlType> TYPES = List.of(
            new SqlType("BIGINT", Types.BIGINT, 19, null, null),
            new SqlType("TINYINT", Types.TINYINT, 3, null, null),
            new SqlType("BLOB", Types.VARBINARY, null, null, null),
            new SqlType("DECIMAL", Types.DECIMAL, 38, null, 38),
            new SqlType("INTEGER", Types.INTEGER, 10, null, null),
            new SqlType("SMALLINT", Types.SMALLINT, 5, null, null),
            new SqlType("REAL", Types.REAL, 7, null, null),
            new SqlType("DOUBLE", Types.DOUBLE, 15, null, null),
            new SqlType("VARCHAR", Types.VARCHAR, null, "'", null),
            new SqlType("BOOLEAN", Types.BOOLEAN, 1, null, null),
            new SqlType("DATE", Types.DATE, 10, "'", null),
            new SqlType("TIME", Types.TIME, 18, "'", null),
            new SqlType("TIMESTAMP", Types.TIMESTAMP, 26, "'", null));

    private XdbcTypes() {
    }

    static List<Object[]> rows(CommandGetXdbcTypeInfo command) {
        List<Object[]> rows = new ArrayList<>();
        TYPES.stream().sorted(java.util.Comparator.comparingInt(SqlType::dataType)).forEach(t -> {
            if (command.hasDataType() && command.getDataType() != t.dataType()) {
                return;
            }
            boolean text = t.dataType() == Types.VARCHAR;
            boolean numeric = t.dataType() != Types.VARCHAR && t.dataType() != Types.VARBINARY && t.dataType() != Types.BOOLEAN
                    && t.dataType() != Types.DATE && t.dataType() != Types.TIME && t.dataType() != Types.TIMESTAMP;
            rows.add(row(Map.ofEntries(
                    Map.entry("type_name", t.name()),
                    Map.entry("data_type", t.dataType()),
                    Map.entry("column_size", t.columnSize() == null ? NO_VALUE : t.columnSize()),
                    Map.entry("literal_prefix", t.quote() == null ? NO_VALUE : t.quote()),
                    Map.entry("literal_suffix", t.quote() == null ? NO_VALUE : t.quote()),
                    Map.entry("nullable", NULLABLE),
                    Map.entry("case_sensitive", text),
                    Map.entry("searchable", SEARCHABLE),
                    Map.entry("unsigned_attribute", numeric ? (Object) false : NO_VALUE),
                    Map.entry("fixed_prec_scale", t.dataType() == Types.DECIMAL),
                    Map.entry("auto_increment", numeric ? (Object) false : NO_VALUE),
                    Map.entry("local_type_name", t.name()),
                    Map.entry("minimum_scale", t.maxScale() == null ? NO_VALUE : (Object) 0),
                    Map.entry("maximum_scale", t.maxScale() == null ? NO_VALUE : t.maxScale()),
                    Map.entry("sql_data_type", t.dataType()),
                    Map.entry("num_prec_radix", numeric ? (Object) 10 : NO_VALUE))));
        });
        return rows;
    }

    /** Marks a column left null (Map.ofEntries takes no nulls). */
    private static final Object NO_VALUE = new Object();

    private static Object[] row(Map<String, Object> values) {
        Object[] row = new Object[SCHEMA.getFields().size()];
        values.forEach((name, value) -> {
            if (value != NO_VALUE) {
                row[SCHEMA.getFields().indexOf(SCHEMA.findField(name))] = value;
            }
        });
        return row;
    }
}
