package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.ByteString;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.TypeCodec;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.DecimalValue;
import io.polaroid.proto.v1.Literal;
import io.polaroid.proto.v1.TimestampValue;
import io.polaroid.proto.v1.TypedValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The parameter values a client binds (DoPut of Arrow batches, one row per set of values, one
 * column per placeholder) as the plan's literals. Values keep their type where a literal can
 * say it: integers and floats adapt to what they are compared with, as literals typed in the
 * query would.
 */
final class ParameterLiterals {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private ParameterLiterals() {
    }

    /** Every row of the stream, as one list of literals each. */
    static List<List<Literal>> read(FlightStream stream) {
        List<List<Literal>> sets = new ArrayList<>();
        VectorSchemaRoot root = stream.getRoot();
        while (stream.next()) {
            for (int row = 0; row < root.getRowCount(); row++) {
                List<Literal> set = new ArrayList<>();
                for (FieldVector v : root.getFieldVectors()) {
                    set.add(literal(v, row));
                }
                sets.add(set);
            }
        }
        return sets;
    }

    static Literal literal(FieldVector v, int row) {
        Literal.Builder b = Literal.newBuilder();
        if (v.isNull(row)) {
            return b.setNull(TypeCodec.encode(typeOfNulls(v))).build();
        }
        if (v instanceof BitVector bits) {
            return b.setBoolean(bits.get(row) == 1).build();
        }
        if (v instanceof BaseIntVector ints) {
            return b.setInteger(ints.getValueAsLong(row)).build();
        }
        if (v instanceof Float4Vector f) {
            // through its shortest text: 0.1f is 0.1, not 0.10000000149011612
            return b.setFloat(Double.parseDouble(Float.toString(f.get(row)))).build();
        }
        if (v instanceof Float8Vector f) {
            return b.setFloat(f.get(row)).build();
        }
        if (v instanceof VarCharVector || v instanceof LargeVarCharVector || v instanceof ViewVarCharVector) {
            return b.setString(v.getObject(row).toString()).build();
        }
        if (v instanceof VarBinaryVector || v instanceof LargeVarBinaryVector || v instanceof ViewVarBinaryVector
                || v instanceof FixedSizeBinaryVector) {
            return b.setBinary(ByteString.copyFrom((byte[]) v.getObject(row))).build();
        }
        if (v instanceof DateDayVector d) {
            return b.setDate(d.get(row)).build();
        }
        if (v instanceof DateMilliVector d) {
            return b.setDate((int) Math.floorDiv(d.get(row), 86_400_000L)).build();
        }
        if (v instanceof TimeStampVector ts) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) ts.getField().getType();
            return b.setTimestamp(TimestampValue.newBuilder().setValue(ts.get(row))
                    .setUnit(TypeCodec.encode(ArrowTypes.fromArrow(type.getUnit())))
                    .setTimeZone(type.getTimezone() == null ? "" : type.getTimezone())).build();
        }
        if (v instanceof DecimalVector || v instanceof Decimal256Vector) {
            BigDecimal d = (BigDecimal) v.getObject(row);
            return b.setDecimal(DecimalValue.newBuilder().setValue(d.toPlainString()).setPrecision(Math.max(d.precision(), d.scale()))
                    .setScale(d.scale())).build();
        }
        Long timeNanos = timeOfDayNanos(v, row);
        if (timeNanos != null) {
            return b.setTyped(TypedValue.newBuilder().setType(TypeCodec.encode(DataType.TIME))
                    .setValue(Long.toString(Math.floorMod(timeNanos, NANOS_PER_DAY)))).build();
        }
        if (v instanceof DurationVector d) {
            DataType type = ArrowTypes.fromArrow(d.getField().getType());
            return b.setTyped(TypedValue.newBuilder().setType(TypeCodec.encode(type))
                    .setValue(Long.toString(DurationVector.get(d.getDataBuffer(), row)))).build();
        }
        throw PolaroidException.notSupported("a parameter of Arrow type " + v.getField().getType() + " (parameter "
                + v.getField().getName() + "); parameters can be booleans, integers, floats, decimals, text, binary, "
                + "dates, times, timestamps and durations");
    }

    private static Long timeOfDayNanos(FieldVector v, int row) {
        if (v instanceof TimeSecVector t) {
            return t.get(row) * 1_000_000_000L;
        }
        if (v instanceof TimeMilliVector t) {
            return t.get(row) * 1_000_000L;
        }
        if (v instanceof TimeMicroVector t) {
            return t.get(row) * 1_000L;
        }
        if (v instanceof TimeNanoVector t) {
            return t.get(row);
        }
        return null;
    }

    /** A null keeps its column's type where the engine has one; otherwise it is an untyped null. */
    private static DataType typeOfNulls(FieldVector v) {
        try {
            return ArrowTypes.fromArrow(v.getField().getType());
        } catch (RuntimeException e) {
            return DataType.NULL;
        }
    }
}
