package io.polaroid.engine.sql;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;

/** The SQL type names of CAST, as the engine's types (DuckDB's meaning: INTEGER is 32 bits, REAL 32, DOUBLE 64). */
final class SqlTypes {
    private SqlTypes() {
    }

    static DataType of(SqlDataTypeSpec spec) {
        SqlTypeNameSpec name = spec.getTypeNameSpec();
        String type = name.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        int precision = name instanceof SqlBasicTypeNameSpec b ? b.getPrecision() : -1;
        int scale = name instanceof SqlBasicTypeNameSpec b ? b.getScale() : -1;
        return switch (type) {
            case "BOOLEAN", "BOOL" -> DataType.BOOL;
            case "TINYINT", "INT1" -> DataType.INT8;
            case "SMALLINT", "INT2" -> DataType.INT16;
            case "INTEGER", "INT", "INT4" -> DataType.INT32;
            case "BIGINT", "INT8" -> DataType.INT64;
            case "REAL", "FLOAT4" -> DataType.FLOAT32;
            case "FLOAT", "DOUBLE", "FLOAT8" -> DataType.FLOAT64;
            case "DECIMAL", "NUMERIC", "DEC" -> DataType.decimal(precision < 0 ? 18 : precision, scale < 0 ? 3 : scale);
            case "CHAR", "VARCHAR", "TEXT", "STRING", "CHARACTER" -> DataType.UTF8;
            case "BINARY", "VARBINARY", "BLOB", "BYTEA" -> DataType.BINARY;
            case "DATE" -> DataType.DATE32;
            case "TIMESTAMP" -> DataType.timestamp(TimeUnit.MICROSECOND, null);
            case "TIME" -> DataType.TIME;
            default -> throw PolaroidException.notSupported("the SQL type " + type
                    + "; the types are BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL(p, s), VARCHAR, BLOB,"
                    + " DATE, TIME and TIMESTAMP");
        };
    }
}
