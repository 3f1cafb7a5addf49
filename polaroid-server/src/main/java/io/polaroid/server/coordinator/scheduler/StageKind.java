package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;

/** A stage in a few words, for a person watching the query: its top operator and where its output goes. */
final class StageKind {
    private StageKind() {
    }

    /** For example {@code "Aggregate -> hash(4)"} or {@code "Sort"}. */
    static String of(Stage stage) {
        String operator = stage.fragment().getClass().getSimpleName();
        if (operator.endsWith("Node")) {
            operator = operator.substring(0, operator.length() - "Node".length());
        }
        return stage.output() instanceof Partitioning.Hash hash ? operator + " -> hash(" + hash.count() + ")" : operator;
    }
}
