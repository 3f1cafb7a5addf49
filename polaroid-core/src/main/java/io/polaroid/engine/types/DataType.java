package io.polaroid.engine.types;

import java.util.Objects;

/**
 * A logical type. {@code precision}/{@code scale} are used by DECIMAL only, {@code unit}/{@code timeZone}
 * by TIMESTAMP only ({@code unit} also by DURATION), {@code element} (the type of the values in each list) by LIST only,
 * {@code fields} (named, typed fields in order) by STRUCT only; they are zero/null otherwise. Printed the way Polars
 * prints dtypes.
 */
public record DataType(TypeKind kind, int precision, int scale, TimeUnit unit, String timeZone, DataType element,
                       java.util.List<Field> fields) {
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Decimals up to this precision fit in a signed 64-bit integer. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    public static final DataType NULL = simple(TypeKind.NULL);
    public static final DataType BOOL = simple(TypeKind.BOOL);
    public static final DataType INT8 = simple(TypeKind.INT8);
    public static final DataType INT16 = simple(TypeKind.INT16);
    public static final DataType INT32 = simple(TypeKind.INT32);
    public static final DataType INT64 = simple(TypeKind.INT64);
    public static final DataType FLOAT32 = simple(TypeKind.FLOAT32);
    public static final DataType FLOAT64 = simple(TypeKind.FLOAT64);
    public static final DataType UTF8 = simple(TypeKind.UTF8);
    /** Polars' Binary: any bytes. */
    public static final DataType BINARY = simple(TypeKind.BINARY);
    public static final DataType DATE32 = simple(TypeKind.DATE32);
    public static final DataType INTERVAL = simple(TypeKind.INTERVAL);
    /** Polars' Time: nanoseconds since midnight. */
    public static final DataType TIME = simple(TypeKind.TIME);

    public DataType {
        Objects.requireNonNull(kind, "kind");
        if (kind == TypeKind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("invalid decimal(" + precision + ", " + scale
                        + "): precision must be 1..38 and scale 0..precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("precision and scale apply to decimals only");
        }
        if (kind == TypeKind.TIMESTAMP || kind == TypeKind.DURATION) {
            Objects.requireNonNull(unit, kind == TypeKind.TIMESTAMP ? "timestamp unit" : "duration unit");
            if (timeZone != null && (timeZone.isEmpty() || kind == TypeKind.DURATION)) {
                timeZone = null;
            }
        } else if (unit != null || timeZone != null) {
            throw new IllegalArgumentException("unit and time zone apply to timestamps and durations only");
        }
        if (kind == TypeKind.LIST) {
            Objects.requireNonNull(element, "list element type");
        } else if (element != null) {
            throw new IllegalArgumentException("an element type applies to lists only");
        }
        if (kind == TypeKind.STRUCT) {
            // fields are compared by name and type: a struct field may always be null, as in Polars
            fields = Objects.requireNonNull(fields, "struct fields").stream().map(f -> Field.of(f.name(), f.type())).toList();
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a struct needs at least one field");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Field f : fields) {
                if (!names.add(f.name())) {
                    throw new IllegalArgumentException("multiple fields with name '" + f.name() + "' found in a struct");
                }
            }
        } else if (fields != null) {
            throw new IllegalArgumentException("fields apply to structs only");
        }
    }

    /** The constructor of every kind but STRUCT. */
    public DataType(TypeKind kind, int precision, int scale, TimeUnit unit, String timeZone, DataType element) {
        this(kind, precision, scale, unit, timeZone, element, null);
    }

    private static DataType simple(TypeKind kind) {
        return new DataType(kind, 0, 0, null, null, null);
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, precision, scale, null, null, null);
    }

    public static DataType timestamp(TimeUnit unit, String timeZone) {
        return new DataType(TypeKind.TIMESTAMP, 0, 0, unit, timeZone, null);
    }

    /** Polars' {@code Duration(unit)}: a length of time as a count of {@code unit}s. */
    public static DataType duration(TimeUnit unit) {
        return new DataType(TypeKind.DURATION, 0, 0, unit, null, null);
    }

    public boolean isDuration() {
        return kind == TypeKind.DURATION;
    }

    /** Polars' {@code List(element)}: a variable-length list of values of one type per row. */
    public static DataType list(DataType element) {
        return new DataType(TypeKind.LIST, 0, 0, null, null, element);
    }

    public boolean isList() {
        return kind == TypeKind.LIST;
    }

    /** Polars' {@code Struct(fields)}: named, typed fields in every row (a row's value is a list in field order). */
    public static DataType struct(java.util.List<Field> fields) {
        return new DataType(TypeKind.STRUCT, 0, 0, null, null, null, fields);
    }

    public boolean isStruct() {
        return kind == TypeKind.STRUCT;
    }

    /** A value that holds other values (a list or a struct): carried by operators, never hashed or ordered. */
    public boolean isNested() {
        return kind == TypeKind.LIST || kind == TypeKind.STRUCT;
    }

    /** The position of the struct field {@code name}, or -1. */
    public int fieldIndex(String name) {
        for (int i = 0; fields != null && i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public static DataType of(TypeKind kind) {
        return switch (kind) {
            case NULL -> NULL;
            case BOOL -> BOOL;
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case UTF8 -> UTF8;
            case BINARY -> BINARY;
            case DATE32 -> DATE32;
            case INTERVAL -> INTERVAL;
            case TIME -> TIME;
            case TIMESTAMP, DECIMAL, LIST, DURATION, STRUCT -> throw new IllegalArgumentException(kind + " needs parameters");
        };
    }

    public boolean isNumeric() {
        return kind.isNumeric();
    }

    public boolean isInteger() {
        return kind.isInteger();
    }

    public boolean isFloat() {
        return kind.isFloat();
    }

    public boolean isDecimal() {
        return kind == TypeKind.DECIMAL;
    }

    /** A decimal whose unscaled values fit in a long. */
    public boolean isLongDecimal() {
        return kind == TypeKind.DECIMAL && precision <= MAX_LONG_DECIMAL_PRECISION;
    }

    /** Width in bytes of a value of a fixed-width type; -1 for variable width. */
    public int byteWidth() {
        return switch (kind) {
            case NULL -> 0;
            case BOOL -> -1;
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32, FLOAT32, DATE32 -> 4;
            case INT64, FLOAT64, TIMESTAMP, DURATION, TIME -> 8;
            case DECIMAL, INTERVAL -> 16;
            case UTF8, BINARY, LIST, STRUCT -> -1;
        };
    }

    /** The name Polars prints for this type: i64, f64, str, date, datetime[μs], decimal[15,2], list[str]. */
    @Override
    public String toString() {
        return switch (kind) {
            case NULL -> "null";
            case BOOL -> "bool";
            case INT8 -> "i8";
            case INT16 -> "i16";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case UTF8 -> "str";
            case BINARY -> "binary";
            case DATE32 -> "date";
            case INTERVAL -> "interval";
            case DECIMAL -> "decimal[" + precision + "," + scale + "]";
            case TIMESTAMP -> "datetime[" + unit.symbol() + (timeZone == null ? "" : ", " + timeZone) + "]";
            case LIST -> "list[" + element + "]";
            case DURATION -> "duration[" + unit.symbol() + "]";
            case TIME -> "time";
            case STRUCT -> "struct[" + fields.size() + "]";
        };
    }
}
