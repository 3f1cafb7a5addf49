package io.polaroid.engine.types;

/** The kinds of logical types. */
public enum TypeKind {
    NULL, BOOL, INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, UTF8, DATE32, TIMESTAMP, DECIMAL, INTERVAL,
    /** Polars' List: a variable-length list per row, of one element type. */
    LIST,
    /** Polars' Duration: a signed length of time as an integer count of the type's unit. */
    DURATION,
    /** Polars' Time: a time of day as nanoseconds since midnight. */
    TIME,
    /** Polars' Struct: named, typed fields in every row. */
    STRUCT,
    /** Polars' Binary: bytes of any value, variable width like UTF8, ordered unsigned byte by byte. */
    BINARY;

    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isNumeric() {
        return isInteger() || isFloat() || this == DECIMAL;
    }

    /** A value of variable width held as bytes with offsets (text or binary). */
    public boolean isVarBytes() {
        return this == UTF8 || this == BINARY;
    }

    public boolean isTemporal() {
        return this == DATE32 || this == TIMESTAMP;
    }
}
