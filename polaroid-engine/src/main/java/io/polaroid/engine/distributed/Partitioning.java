package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import java.util.List;

/**
 * How a stage's tasks split their output. Every consumer task of a {@link Single} output reads
 * all of it (a gather when the consumer stage has one task, a broadcast when it has more); a
 * {@link Hash} output has one partition per consumer task, chosen by hashing the keys.
 */
public sealed interface Partitioning permits Partitioning.Single, Partitioning.Hash {
    int count();

    record Single() implements Partitioning {
        @Override
        public int count() {
            return 1;
        }

        @Override
        public String toString() {
            return "single";
        }
    }

    record Hash(List<BoundExpr> keys, int count) implements Partitioning {
        public Hash {
            keys = List.copyOf(keys);
            if (keys.isEmpty() || count < 1) {
                throw new IllegalArgumentException("hash partitioning needs keys and at least one partition");
            }
        }

        @Override
        public String toString() {
            return "hash" + keys + " into " + count;
        }
    }

    static Partitioning single() {
        return new Single();
    }
}
