package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The joins a plan computes more than once: the same subtree, rooted at a join, in two places (a
 * query that reuses a frame: TPC-H Q2's parts and suppliers, Q17's parts with their lines, one of
 * them aggregated and joined back). The physical planner runs identical subtrees once; column
 * pruning keeps them identical by reading, in each, the columns every place needs
 * ({@link PushDownProjection}). A repeated join may hold another, repeated inside it and elsewhere too.
 */
final class SharedJoins {
    private SharedJoins() {
    }

    static Set<LogicalPlan> of(LogicalPlan plan) {
        Map<LogicalPlan, Integer> counts = new HashMap<>();
        Deque<LogicalPlan> todo = new ArrayDeque<>();
        todo.push(plan);
        while (!todo.isEmpty()) {
            LogicalPlan node = todo.pop();
            if (node instanceof JoinNode) {
                counts.merge(node, 1, Integer::sum);
            }
            node.children().forEach(todo::push);
        }
        Set<LogicalPlan> shared = new HashSet<>();
        counts.forEach((join, count) -> {
            if (count > 1) {
                shared.add(join);
            }
        });
        return shared;
    }
}
