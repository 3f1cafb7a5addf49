package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.Interval;
import io.polaroid.proto.v1.IntervalValue;
import io.polaroid.proto.v1.Scalar;
import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Single values in the engine's representation ({@link io.polaroid.engine.types.Scalars}) on the
 * wire, exactly: a decimal keeps its scale, a float its bits, a list or struct its values in order;
 * and the expressions some functions take as a value (list.eval's element-wise expression).
 */
public final class ScalarCodec {
    private ScalarCodec() {
    }

    public static Scalar encode(Object value) {
        Scalar.Builder b = Scalar.newBuilder();
        if (value == null) {
            return b.setNull(true).build();
        }
        if (value instanceof Boolean v) {
            return b.setBool(v).build();
        }
        if (value instanceof Long v) {
            return b.setInt64(v).build();
        }
        if (value instanceof Integer v) {
            return b.setInt32(v).build();
        }
        if (value instanceof Double v) {
            return b.setFloat64(v).build();
        }
        if (value instanceof String v) {
            return b.setUtf8(v).build();
        }
        if (value instanceof BigDecimal v) {
            return b.setDecimal(v.toString()).build();
        }
        if (value instanceof Interval v) {
            return b.setInterval(IntervalValue.newBuilder().setMonths(v.months()).setDays(v.days()).setNanos(v.nanos())).build();
        }
        if (value instanceof Bytes v) {
            return b.setBinary(ByteString.copyFrom(v.toArray())).build();
        }
        if (value instanceof BoundExpr e) {
            return b.setExpr(ResolvedExprCodec.encode(e)).build();
        }
        if (value instanceof List<?> values) {
            Scalar.Values.Builder list = Scalar.Values.newBuilder();
            for (Object v : values) {
                list.addValues(encode(v));
            }
            return b.setValues(list).build();
        }
        throw PolaroidException.internal("a value of " + value.getClass().getName() + " cannot be sent to a worker");
    }

    public static Object decode(Scalar scalar) {
        return switch (scalar.getValueCase()) {
            case NULL, VALUE_NOT_SET -> null;
            case BOOL -> scalar.getBool();
            case INT64 -> scalar.getInt64();
            case INT32 -> scalar.getInt32();
            case FLOAT64 -> scalar.getFloat64();
            case UTF8 -> scalar.getUtf8();
            case DECIMAL -> new BigDecimal(scalar.getDecimal());
            case INTERVAL -> new Interval(scalar.getInterval().getMonths(), scalar.getInterval().getDays(),
                    scalar.getInterval().getNanos());
            case BINARY -> Bytes.of(scalar.getBinary().toByteArray());
            case EXPR -> ResolvedExprCodec.decode(scalar.getExpr(), PlanPath.of("literal"));
            case VALUES -> {
                List<Object> values = new ArrayList<>(scalar.getValues().getValuesCount());
                for (Scalar v : scalar.getValues().getValuesList()) {
                    values.add(decode(v));
                }
                yield values;
            }
        };
    }
}
