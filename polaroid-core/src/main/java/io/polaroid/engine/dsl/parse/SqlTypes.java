package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.types.DataType;
import java.util.Map;

/**
 * The type names {@code cast(x as type)} accepts: Polars' short names and the common SQL spellings
 * of the same types, so a user can write either.
 */
final class SqlTypes {
    static final String EXPECTED = "a type (bool, int8, int16, int32, int64, float32, float64, utf8, date,"
            + " time, timestamp or decimal(p, s))";

    private static final Map<String, DataType> NAMES = Map.ofEntries(
            Map.entry("bool", DataType.BOOL), Map.entry("boolean", DataType.BOOL),
            Map.entry("int8", DataType.INT8), Map.entry("tinyint", DataType.INT8),
            Map.entry("int16", DataType.INT16), Map.entry("smallint", DataType.INT16),
            Map.entry("int32", DataType.INT32), Map.entry("int", DataType.INT32), Map.entry("integer", DataType.INT32),
            Map.entry("int64", DataType.INT64), Map.entry("bigint", DataType.INT64),
            Map.entry("float32", DataType.FLOAT32), Map.entry("float", DataType.FLOAT32),
            Map.entry("real", DataType.FLOAT32),
            Map.entry("float64", DataType.FLOAT64), Map.entry("double", DataType.FLOAT64),
            Map.entry("utf8", DataType.UTF8), Map.entry("str", DataType.UTF8), Map.entry("string", DataType.UTF8),
            Map.entry("varchar", DataType.UTF8),
            Map.entry("binary", DataType.BINARY), Map.entry("blob", DataType.BINARY), Map.entry("bytea", DataType.BINARY),
            Map.entry("varbinary", DataType.BINARY),
            Map.entry("date", DataType.DATE32), Map.entry("time", DataType.TIME),
            Map.entry("timestamp", SqlLiterals.TIMESTAMP));

    private SqlTypes() {
    }

    /** Reads a type name, and for decimal its {@code (precision[, scale])}. */
    static DataType parse(TokenStream in) {
        Token name = in.peek();
        if (name.kind() != Token.Kind.NAME) {
            throw in.fail(EXPECTED);
        }
        if (name.isKeyword("decimal")) {
            in.next();
            return decimal(in, name);
        }
        DataType type = NAMES.get(name.lowerText());
        if (type == null) {
            throw in.fail(EXPECTED);
        }
        in.next();
        return type;
    }

    /** {@code decimal(p, s)}; {@code decimal(p)} has scale 0, as in SQL. */
    private static DataType decimal(TokenStream in, Token name) {
        Token open = in.expectSymbol("(", " and the precision after 'decimal'");
        int precision = size(in, "the precision of the decimal");
        int scale = in.acceptSymbol(",") ? size(in, "the scale of the decimal") : 0;
        in.expectClose(open, "',' or ')'");
        try {
            return DataType.decimal(precision, scale);
        } catch (IllegalArgumentException e) {
            throw in.fail(name, "a decimal precision of 1 to 38 and a scale of 0 to the precision",
                    "decimal(" + precision + ", " + scale + ")");
        }
    }

    private static int size(TokenStream in, String what) {
        Token t = in.peek();
        if (t.kind() != Token.Kind.INTEGER || t.text().length() > 3) {
            throw in.fail("a whole number for " + what);
        }
        in.next();
        return Integer.parseInt(t.text());
    }
}
