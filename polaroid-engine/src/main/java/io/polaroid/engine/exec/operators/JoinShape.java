package io.polaroid.engine.exec.operators;

import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * What a {@link HashJoinProbe} needs of its join: the kind, the probe side's keys and schema, and
 * the output schema, also with the probe rows' indices last (an order-keeping grace join's).
 */
record JoinShape(JoinKind kind, List<PhysicalExpr> leftKeys, Schema leftSchema, Schema schema, Schema indexedSchema) {
    /** Whether the join records which build rows matched (it outputs build rows). */
    boolean tracksMatches() {
        return kind == JoinKind.RIGHT || kind == JoinKind.FULL || kind == JoinKind.RIGHT_SEMI || kind == JoinKind.RIGHT_ANTI;
    }
}
