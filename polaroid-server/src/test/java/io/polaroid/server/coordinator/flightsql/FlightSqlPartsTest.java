package io.polaroid.server.coordinator.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.Literal;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.Scan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** The pieces of the Flight SQL producer that need no cluster: routing, name patterns, parameter values. */
class FlightSqlPartsTest {
    @Test
    void onlyFlightSqlMessagesGoToFlightSql() {
        assertThat(FlightSqlRouter.isFlightSql(Any.pack(FlightSql.CommandStatementQuery.newBuilder().setQuery("SELECT 1").build())
                .toByteArray())).isTrue();
        Plan plan = Plan.newBuilder().setRoot(Relation.newBuilder().setScan(Scan.newBuilder().setTable("nation"))).build();
        assertThat(FlightSqlRouter.isFlightSql(plan.toByteArray())).isFalse();
        assertThat(FlightSqlRouter.isFlightSql("{\"root\":{\"scan\":{\"table\":\"nation\"}}}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(FlightSqlRouter.isFlightSql("q1/0/0/0/0|123|abc|def".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(FlightSqlRouter.isFlightSql(Any.pack(plan).toByteArray())).isFalse();
        assertThat(FlightSqlRouter.isFlightSql(new byte[0])).isFalse();
    }

    @Test
    void likePatterns() {
        assertThat(LikePattern.of(false, "").matches("anything")).isTrue();
        assertThat(LikePattern.of(true, "%").matches("lineitem")).isTrue();
        assertThat(LikePattern.of(true, "n%").matches("nation")).isTrue();
        assertThat(LikePattern.of(true, "n%").matches("region")).isFalse();
        assertThat(LikePattern.of(true, "_ation").matches("nation")).isTrue();
        assertThat(LikePattern.of(true, "line\\_item").matches("lineXitem")).isFalse();
        assertThat(LikePattern.of(true, "line\\_item").matches("line_item")).isTrue();
        assertThat(LikePattern.of(true, "a.b").matches("axb")).isFalse();
    }

    @Test
    void parameterValuesAsLiterals() {
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector ints = new BigIntVector("i", allocator);
             Float4Vector floats = new Float4Vector("f", allocator);
             VarCharVector text = new VarCharVector("s", allocator);
             DateDayVector dates = new DateDayVector("d", allocator);
             DecimalVector decimals = new DecimalVector("m", allocator, 12, 2);
             TimeStampMicroTZVector stamps = new TimeStampMicroTZVector("t", allocator, "UTC")) {
            ints.allocateNew(2);
            ints.set(0, 7);
            ints.setNull(1);
            ints.setValueCount(2);
            floats.allocateNew(1);
            floats.set(0, 0.1f);
            floats.setValueCount(1);
            text.allocateNew(1);
            text.setSafe(0, "GERMANY".getBytes(StandardCharsets.UTF_8));
            text.setValueCount(1);
            dates.allocateNew(1);
            dates.set(0, 9131);
            dates.setValueCount(1);
            decimals.allocateNew(1);
            decimals.setSafe(0, new BigDecimal("12.30"));
            decimals.setValueCount(1);
            stamps.allocateNew(1);
            stamps.set(0, 1_000_000L);
            stamps.setValueCount(1);

            assertThat(ParameterLiterals.literal(ints, 0)).isEqualTo(Literal.newBuilder().setInteger(7).build());
            assertThat(ParameterLiterals.literal(ints, 1).hasNull()).isTrue();
            assertThat(ParameterLiterals.literal(floats, 0).getFloat()).isEqualTo(0.1);
            assertThat(ParameterLiterals.literal(text, 0).getString()).isEqualTo("GERMANY");
            assertThat(ParameterLiterals.literal(dates, 0).getDate()).isEqualTo(9131);
            Literal d = ParameterLiterals.literal(decimals, 0);
            assertThat(Arrays.asList(d.getDecimal().getValue(), d.getDecimal().getScale())).containsExactly("12.30", 2);
            Literal t = ParameterLiterals.literal(stamps, 0);
            assertThat(Arrays.asList(t.getTimestamp().getValue(), t.getTimestamp().getTimeZone())).containsExactly(1_000_000L, "UTC");
        }
    }

    @Test
    void anUnsupportedParameterTypeIsNamed() {
        try (BufferAllocator allocator = new RootAllocator(); IntervalDayVector v = new IntervalDayVector("p", allocator)) {
            v.allocateNew();
            v.set(0, 1, 0);
            v.setValueCount(1);
            assertThatThrownBy(() -> ParameterLiterals.literal(v, 0)).isInstanceOf(PolaroidException.class)
                    .hasMessageContaining("Interval");
        }
    }

    @Test
    void untypedPlaceholdersAreText() {
        assertThat(SqlQueries.parameterSchema(java.util.Arrays.asList(DataType.INT64, null)).getFields())
                .extracting(f -> f.getName() + ":" + f.getType())
                .containsExactly("parameter_1:Int(64, true)", "parameter_2:Utf8");
        assertThat(SqlPlans.nullParameters(java.util.Arrays.asList(DataType.INT64, null)))
                .allSatisfy(l -> assertThat(l.hasNull()).isTrue());
    }
}
