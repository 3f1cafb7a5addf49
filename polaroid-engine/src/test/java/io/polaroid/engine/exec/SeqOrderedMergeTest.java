package io.polaroid.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed result's order is the collected result's order (by sequence number), whatever the
 * interleaving of the partitions, and nothing goes out before it is next.
 */
class SeqOrderedMergeTest {
    private static Batch batch(long seq) {
        return new Batch(Schema.of(), List.of(), 1, seq);
    }

    @Test
    void anyInterleavingOfOrderedPartitionsComesOutInSeqOrder() {
        for (int trial = 0; trial < 500; trial++) {
            Random random = new Random(trial);
            int partitions = 1 + random.nextInt(5);
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < 20 + random.nextInt(40); i++) {
                all.add((long) i * 3 + random.nextInt(3));
            }
            List<List<Long>> byPartition = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                byPartition.add(new ArrayList<>());
            }
            for (long seq : all) { // every partition gets an increasing subsequence, as a scan's threads do
                byPartition.get(random.nextInt(partitions)).add(seq);
            }
            List<Long> out = new ArrayList<>();
            int[] next = new int[partitions];
            boolean[] ended = new boolean[partitions];
            try (SeqOrderedMerge merge = new SeqOrderedMerge(partitions, b -> out.add(b.seq()))) {
                int open = partitions;
                while (open > 0) {
                    int p = random.nextInt(partitions);
                    if (ended[p]) {
                        continue;
                    }
                    if (next[p] < byPartition.get(p).size()) {
                        merge.add(p, batch(byPartition.get(p).get(next[p]++)));
                        assertThat(out).as("what went out so far is in order").isSorted();
                    } else {
                        merge.end(p);
                        ended[p] = true;
                        open--;
                    }
                }
            }
            List<Long> expected = new ArrayList<>(all);
            Collections.sort(expected);
            assertThat(out).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void aPartitionSeenGoingBackwardsHoldsEverythingUntilItEndsThenComesOutSorted() {
        List<Long> out = new ArrayList<>();
        try (SeqOrderedMerge merge = new SeqOrderedMerge(2, b -> out.add(b.seq()))) {
            merge.add(0, batch(30));
            merge.add(0, batch(10));
            merge.add(1, batch(20));
            merge.add(1, batch(40));
            assertThat(out).as("partition 0 may still make anything").isEmpty();
            merge.end(0);
            assertThat(out).as("partition 1 alone is left: its 40 is next").containsExactly(10L, 20L, 30L, 40L);
            merge.end(1);
        }
    }

    @Test
    void aBatchWaitsForEveryPartitionThatMayStillProduceSomethingEarlier() {
        List<Long> out = new ArrayList<>();
        try (SeqOrderedMerge merge = new SeqOrderedMerge(2, b -> out.add(b.seq()))) {
            merge.add(1, batch(10));
            assertThat(out).as("partition 0 may still make something before 10").isEmpty();
            merge.add(0, batch(5));
            assertThat(out).containsExactly(5L);
            merge.add(0, batch(20));
            assertThat(out).containsExactly(5L, 10L);
            merge.end(1);
            assertThat(out).containsExactly(5L, 10L, 20L);
            merge.end(0);
        }
    }
}
