package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Polaroid schemas and Parquet schemas, both ways; the writer and the reader share it so that a
 * file Polaroid writes reads back with the same types.
 *
 * <p>Writing uses the logical types DuckDB and Arrow write, so that both read our files with the
 * types we mean: small integers are INT32 with an INT(8|16, signed) annotation, strings BINARY
 * with STRING, timestamps INT64 with TIMESTAMP(unit, isAdjustedToUTC = has a time zone), decimals
 * the smallest of INT32, INT64 or a 16-byte FIXED_LEN_BYTE_ARRAY that holds their precision. A
 * nullable field is OPTIONAL, another REQUIRED. Parquet keeps no time zone name: the Arrow
 * schema written beside it does. Parquet has no exact counterpart of an INTERVAL (its own interval
 * holds milliseconds, ours nanoseconds), so those are not written.
 *
 * <p>Reading accepts what other writers produce: legacy converted types (parquet-mr maps them to
 * logical types), UTF8/ENUM/JSON as strings, un-annotated BINARY as binary, INT96 timestamps (Impala,
 * Spark) as nanosecond timestamps without zone, unsigned integers widened to the next signed
 * width, decimals on any physical type, TIME in micro- or nanoseconds (as nanoseconds). TIME in
 * milliseconds, unsigned 64-bit integers, and nested or repeated fields fail with NOT_SUPPORTED
 * naming the column. Zones and durations come from the Arrow schema a writer keeps ({@link ArrowSchemaHint}).
 */
public final class ParquetSchemas {
    /** The name of the root group; readers ignore it. */
    private static final String ROOT = "schema";
    /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal: Arrow's decimal128, big-endian. */
    static final int DECIMAL_BYTES = 16;
    /** Decimals up to this precision are written as INT32. */
    static final int MAX_INT32_DECIMAL_PRECISION = 9;

    private ParquetSchemas() {
    }

    /** The Parquet schema Polaroid writes for {@code schema}. */
    public static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>(schema.size());
        for (Field field : schema.fields()) {
            fields.add(toParquet(field));
        }
        return new MessageType(ROOT, fields);
    }

    static Type toParquet(Field field) {
        Repetition repetition = field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        DataType type = field.type();
        if (type.isList()) {
            return listColumn(field.name(), type, repetition);
        }
        if (type.isStruct()) {
            // a group of its fields, each optional, as pyarrow and Polars write a struct
            Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
            for (Field f : type.fields()) {
                group.addField(toParquet(Field.of(f.name(), f.type())));
            }
            return group.named(field.name());
        }
        Types.PrimitiveBuilder<PrimitiveType> column = switch (type.kind()) {
            case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case INT8 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true));
            case INT16 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true));
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(32, true));
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            case FLOAT32 -> Types.primitive(PrimitiveTypeName.FLOAT, repetition);
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            case UTF8 -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DATE32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(type.timeZone() != null, writtenUnit(type.unit())));
            case DECIMAL -> decimalColumn(type, repetition);
            case TIME -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.NANOS));
            // Parquet has no duration type: its count, as pyarrow writes it (which adds the type in its own schema)
            case DURATION -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            // Arrow writes its null type this way: INT32 annotated UNKNOWN, every value null.
            case NULL -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.unknownType());
            case INTERVAL -> throw PolaroidException.notSupported("column '" + field.name() + "' of type " + type
                    + " cannot be written to Parquet: a Parquet interval holds milliseconds, not nanoseconds");
            case LIST, STRUCT -> throw PolaroidException.internal("a nested column is a group, not a primitive: " + field.name());
        };
        return column.named(field.name());
    }

    /** Names of the three-level list (the Parquet spec's, and what pyarrow, Polars and DuckDB write). */
    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";

    /**
     * The standard three-level list: {@code <repetition> group name (LIST) { repeated group list {
     * optional <element> element; } }}, elements nullable.
     */
    private static Type listColumn(String name, DataType type, Repetition repetition) {
        Type element = toParquet(new Field(LIST_ELEMENT, type.element(), true));
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element).named(LIST_GROUP))
                .named(name);
    }

    private static Types.PrimitiveBuilder<PrimitiveType> decimalColumn(DataType type, Repetition repetition) {
        LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
        if (type.precision() <= MAX_INT32_DECIMAL_PRECISION) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal);
        }
        if (type.isLongDecimal()) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(DECIMAL_BYTES).as(decimal);
    }

    /** Parquet has no seconds: those timestamps are written as milliseconds. */
    static LogicalTypeAnnotation.TimeUnit writtenUnit(TimeUnit unit) {
        return switch (unit) {
            case SECOND, MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
            case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
            case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
        };
    }

    /** The Polaroid schema of a Parquet file; fails with NOT_SUPPORTED naming the first column it cannot read. */
    public static Schema toPolaroid(MessageType message) {
        List<Field> fields = new ArrayList<>(message.getFieldCount());
        for (Type type : message.getFields()) {
            fields.add(toPolaroid(type));
        }
        return new Schema(fields);
    }

    /** The Polaroid field of one top-level Parquet field. */
    public static Field toPolaroid(Type type) {
        if (!type.isPrimitive()) {
            LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
            throw PolaroidException.notSupported("column '" + type.getName() + "' is a nested Parquet group"
                    + (annotation == null ? "" : " (" + annotation + ")") + "; nested columns are not supported");
        }
        if (type.isRepetition(Repetition.REPEATED)) {
            throw PolaroidException.notSupported("column '" + type.getName()
                    + "' is a repeated Parquet field; nested columns are not supported");
        }
        PrimitiveType primitive = type.asPrimitiveType();
        return new Field(primitive.getName(), typeOf(primitive), primitive.isRepetition(Repetition.OPTIONAL));
    }

    private static DataType typeOf(PrimitiveType column) {
        LogicalTypeAnnotation annotation = column.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
            return DataType.NULL;
        }
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
            return decimalType(column, decimal);
        }
        DataType type = switch (column.getPrimitiveTypeName()) {
            case BOOLEAN -> annotation == null ? DataType.BOOL : null;
            case INT32, INT64 -> integerType(column, annotation);
            case INT96 -> annotation == null ? DataType.timestamp(TimeUnit.NANOSECOND, null) : null;
            case FLOAT -> annotation == null ? DataType.FLOAT32 : null;
            case DOUBLE -> annotation == null ? DataType.FLOAT64 : null;
            case BINARY -> isText(annotation) ? DataType.UTF8 : annotation == null ? DataType.BINARY : null;
            case FIXED_LEN_BYTE_ARRAY -> null;
        };
        if (type == null) {
            throw unsupported(column);
        }
        return type;
    }

    /** INT32 and INT64 columns: plain, sized or unsigned integers, dates and timestamps. */
    private static DataType integerType(PrimitiveType column, LogicalTypeAnnotation annotation) {
        boolean int64 = column.getPrimitiveTypeName() == PrimitiveTypeName.INT64;
        if (annotation == null) {
            return int64 ? DataType.INT64 : DataType.INT32;
        }
        if (annotation instanceof IntLogicalTypeAnnotation i) {
            return i.isSigned() ? signed(i.getBitWidth()) : widenedUnsigned(column, i.getBitWidth());
        }
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation && !int64) {
            return DataType.DATE32;
        }
        if (annotation instanceof TimestampLogicalTypeAnnotation ts && int64) {
            return DataType.timestamp(readUnit(ts.getUnit()), ts.isAdjustedToUTC() ? "UTC" : null);
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t && int64
                && t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return DataType.TIME;
        }
        return null;
    }

    /** A TIME column in microseconds (pyarrow's time64[us]); the reader scales it to nanoseconds. */
    static boolean isMicrosTime(PrimitiveType column) {
        return column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS;
    }

    private static DataType signed(int bitWidth) {
        return switch (bitWidth) {
            case 8 -> DataType.INT8;
            case 16 -> DataType.INT16;
            case 32 -> DataType.INT32;
            default -> DataType.INT64;
        };
    }

    /** Unsigned integers become the next wider signed type, so that every value fits. */
    private static DataType widenedUnsigned(PrimitiveType column, int bitWidth) {
        return switch (bitWidth) {
            case 8 -> DataType.INT16;
            case 16 -> DataType.INT32;
            case 32 -> DataType.INT64;
            default -> throw PolaroidException.notSupported("column '" + column.getName()
                    + "' holds unsigned 64-bit integers, which are not supported");
        };
    }

    private static TimeUnit readUnit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }

    /** Strings: STRING (legacy UTF8), ENUM and JSON annotations; BINARY without one is bytes, as in Polars. */
    private static boolean isText(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
    }

    private static DataType decimalType(PrimitiveType column, DecimalLogicalTypeAnnotation decimal) {
        if (column.getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN
                || column.getPrimitiveTypeName() == PrimitiveTypeName.FLOAT
                || column.getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE
                || column.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
            throw unsupported(column);
        }
        int precision = decimal.getPrecision();
        if (precision > DataType.MAX_DECIMAL_PRECISION) {
            throw PolaroidException.notSupported("column '" + column.getName() + "' is a decimal of precision "
                    + precision + "; at most " + DataType.MAX_DECIMAL_PRECISION + " is supported");
        }
        if (precision < 1 || decimal.getScale() < 0 || decimal.getScale() > precision) {
            throw unsupported(column);
        }
        return DataType.decimal(decimal.getPrecision(), decimal.getScale());
    }

    private static PolaroidException unsupported(PrimitiveType column) {
        return PolaroidException.notSupported("column '" + column.getName() + "' has the Parquet type '" + column
                + "', which is not supported");
    }
}
