package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every type name {@code cast} accepts, Polars' and SQL's spelling alike. */
class ExprParserCastTest {

    static Stream<Arguments> typeNames() {
        return Stream.of(
                Arguments.of("bool", DataType.BOOL), Arguments.of("boolean", DataType.BOOL),
                Arguments.of("int8", DataType.INT8), Arguments.of("tinyint", DataType.INT8),
                Arguments.of("int16", DataType.INT16), Arguments.of("smallint", DataType.INT16),
                Arguments.of("int32", DataType.INT32), Arguments.of("int", DataType.INT32),
                Arguments.of("integer", DataType.INT32),
                Arguments.of("int64", DataType.INT64), Arguments.of("bigint", DataType.INT64),
                Arguments.of("float32", DataType.FLOAT32), Arguments.of("float", DataType.FLOAT32),
                Arguments.of("real", DataType.FLOAT32),
                Arguments.of("float64", DataType.FLOAT64), Arguments.of("double", DataType.FLOAT64),
                Arguments.of("utf8", DataType.UTF8), Arguments.of("str", DataType.UTF8),
                Arguments.of("string", DataType.UTF8), Arguments.of("VARCHAR", DataType.UTF8),
                Arguments.of("binary", DataType.BINARY), Arguments.of("BLOB", DataType.BINARY),
                Arguments.of("bytea", DataType.BINARY), Arguments.of("varbinary", DataType.BINARY),
                Arguments.of("date", DataType.DATE32),
                Arguments.of("timestamp", DataType.timestamp(TimeUnit.MICROSECOND, null)),
                Arguments.of("Decimal(38, 0)", DataType.decimal(38, 0)));
    }

    @ParameterizedTest
    @MethodSource("typeNames")
    void castsTo(String typeName, DataType expected) {
        assertThat(ExprParser.parse("cast(x as " + typeName + ")"))
                .isEqualTo(new Expr.Cast(new Expr.Column("x"), expected, false));
    }
}
