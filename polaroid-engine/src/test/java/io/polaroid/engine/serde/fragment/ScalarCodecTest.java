package io.polaroid.engine.serde.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.proto.v1.Scalar;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of literal value the engine holds survives the trip to a worker exactly. */
class ScalarCodecTest {
    private static Object roundTrip(Object value) throws InvalidProtocolBufferException {
        return ScalarCodec.decode(Scalar.parseFrom(ScalarCodec.encode(value).toByteArray()));
    }

    @Test
    void valuesComeBackEqual() throws InvalidProtocolBufferException {
        BoundExpr element = new BoundExpr.Call(ScalarFn.ADD, List.of(new BoundExpr.ColumnRef("", DataType.INT64),
                new BoundExpr.Literal(1L, DataType.INT64)), DataType.INT64);
        for (Object v : Arrays.asList(null, true, -7L, 19_000, 0.1, Double.NaN, "zoë", new BigDecimal("12.300"),
                new BigDecimal("-1E+3"), new Interval(1, -2, 3_000L), Bytes.of(new byte[] {0, -1, 7}),
                Arrays.asList(1L, null, 3L), List.of(List.of("a"), List.of()), element)) {
            assertThat(roundTrip(v)).as("%s", v).isEqualTo(v);
        }
        assertThat(((BigDecimal) roundTrip(new BigDecimal("12.300"))).scale()).isEqualTo(3);
    }

    @Test
    void aValueOfAnUnknownKindIsAnInternalErrorNamingItsClass() {
        assertThatThrownBy(() -> ScalarCodec.encode(new StringBuilder("x"))).isInstanceOf(PolaroidException.class)
                .hasMessageContaining("java.lang.StringBuilder cannot be sent to a worker");
    }
}
