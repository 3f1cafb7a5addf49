package io.polaroid.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** The rows of a plan run on an engine, checking that the engine holds no memory afterwards. */
public final class EngineRows {
    private EngineRows() {
    }

    public static List<List<Object>> of(QueryEngine engine, PlanNode plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(plan, results)) {
            return Rows.of(r.batches());
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }
}
