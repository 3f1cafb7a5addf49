package io.polaroid.engine.exec;

import io.polaroid.engine.types.Schema;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A physical operator. It produces {@link #partitions()} independent streams of batches; running
 * them on different threads is how a plan uses every core. Operators are immutable plan values:
 * state that one run shares across partitions (a hash table, a morsel queue) lives in the
 * {@link TaskContext}, keyed by the operator.
 */
public interface ExecNode {
    Schema schema();

    List<ExecNode> children();

    int partitions();

    BatchStream execute(int partition, TaskContext ctx);

    /** One line describing this operator in a physical plan. */
    String describe();

    /**
     * Whether this operator holds state that grows with its input and can spill it to disk (hash
     * join build, hash aggregation, sort, shared subplans): the query's memory is shared among such
     * operators ({@link SpillArbiter}).
     */
    default boolean spills() {
        return false;
    }

    /**
     * How many operators of the plan under {@code root} (itself included) {@link #spills()}, each
     * counted once: a shared subplan appears under each of its readers.
     */
    static int spillingOperators(ExecNode root) {
        Set<ExecNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<ExecNode> todo = new ArrayDeque<>(List.of(root));
        int n = 0;
        while (!todo.isEmpty()) {
            ExecNode node = todo.pop();
            if (seen.add(node)) {
                n += node.spills() ? 1 : 0;
                todo.addAll(node.children());
            }
        }
        return n;
    }
}
