package io.polaroid.engine.optimizer;

import java.util.List;

/**
 * The optimizer's rules, in the order they run in each pass.
 */
public final class Rules {
    private Rules() {
    }

    public static List<OptimizerRule> defaults() {
        return List.of();
    }
}
