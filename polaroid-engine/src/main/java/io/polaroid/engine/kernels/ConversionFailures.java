package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.FloatText;
import io.polaroid.engine.types.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one batch that a strict conversion could not convert, reported as Polars reports
 * them: {@code conversion from `f64` to `i32` failed in column 'x' for 1 out of 2 values: [1e30]}.
 */
final class ConversionFailures {
    private static final int EXAMPLES = 5;

    private final DataType from;
    private final DataType to;
    private final String column;
    private final List<String> examples = new ArrayList<>();
    private int count;

    ConversionFailures(DataType from, DataType to, String column) {
        this.from = from;
        this.to = to;
        this.column = column;
    }

    void add(Object value) {
        if (count++ < EXAMPLES) {
            examples.add(value instanceof String s ? "\"" + s + "\"" : value instanceof Double d ? FloatText.of(d)
                    : Scalars.format(value, from));
        }
    }

    void throwIfAny(int values) {
        if (count > 0) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "conversion from `" + from + "` to `" + to + "` failed in column '"
                    + column + "' for " + count + " out of " + values + " values: " + examples
                    + "; cast(..., strict=False) makes such values null");
        }
    }
}
