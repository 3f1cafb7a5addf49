package io.polaroid.server.coordinator.flightsql;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.serde.TypeCodec;
import io.polaroid.proto.v1.Literal;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.SqlQuery;
import java.util.List;

/** SQL text as the plan QueryManager runs: a {@code SqlQuery} relation, which the coordinator expands. */
final class SqlPlans {
    private SqlPlans() {
    }

    static Plan of(String sql, List<Literal> parameters) {
        return Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SqlQuery.newBuilder().setQuery(sql)
                .addAllParameters(parameters))).build();
    }

    /**
     * One typed null per placeholder, for planning a statement before its values are known: the
     * engine wants a value for every {@code ?}. Where the query gives a placeholder no type, text
     * (the type clients are asked to send then).
     */
    static List<Literal> nullParameters(List<DataType> types) {
        return types.stream().map(t -> Literal.newBuilder().setNull(TypeCodec.encode(orText(t))).build()).toList();
    }

    static DataType orText(DataType t) {
        return t == null || t.equals(DataType.NULL) ? DataType.UTF8 : t;
    }
}
