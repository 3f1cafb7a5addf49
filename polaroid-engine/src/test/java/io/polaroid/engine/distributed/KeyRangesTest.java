package io.polaroid.engine.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangesTest {
    /** A morsel of {@code rows} rows whose key runs from min to max. */
    private record Keys(long min, long max, long rows) implements Morsel {
        @Override
        public String describe() {
            return "keys " + min + ".." + max;
        }

        @Override
        public BatchReader open(List<String> columns, ScanContext ctx) {
            throw new UnsupportedOperationException("only its statistics are read");
        }

        @Override
        public long[] integerRange(String column) {
            return column.equals("k") ? new long[] {min, max} : null;
        }
    }

    /** A morsel of one row per key from {@code min} on, which can be cut exactly by key. */
    private record Sorted(long min, long rows) implements Morsel {
        @Override
        public String describe() {
            return "keys " + min + " on, " + rows + " rows";
        }

        @Override
        public BatchReader open(List<String> columns, ScanContext ctx) {
            throw new UnsupportedOperationException("only its statistics are read");
        }

        @Override
        public long[] integerRange(String column) {
            return new long[] {min, min + rows - 1};
        }

        @Override
        public List<Morsel> keyRange(String column, Long lo, Long hi) {
            long from = lo == null ? min : Math.max(min, lo);
            long to = hi == null ? min + rows : Math.min(min + rows, hi);
            return from >= to ? List.of() : List.of(new Sorted(from, to - from));
        }
    }

    @Test
    void morselsInKeyOrderMayShareOnlyTheKeyAtTheirBoundary() {
        assertThat(KeyRanges.ordered(List.of(new Keys(1, 10, 5), new Keys(10, 20, 5), new Keys(21, 30, 5)), "k")).hasSize(3);
        assertThat(KeyRanges.ordered(List.of(new Keys(1, 10, 5), new Keys(9, 20, 5)), "k")).isNull();
        assertThat(KeyRanges.ordered(List.of(new Keys(1, 10, 5), new Keys(11, 20, 5)), "other")).isNull();
    }

    @Test
    void rangesHoldAboutTheSameRowsAndPreferCutsNoKeySpans() {
        List<Morsel> morsels = List.of(new Keys(1, 10, 100), new Keys(10, 20, 100), new Keys(21, 30, 100), new Keys(30, 40, 100));
        List<long[]> keys = KeyRanges.ordered(morsels, "k");
        // the middle cut (before the third morsel) is clean
        assertThat(KeyRanges.balanced(morsels, keys, 2, "k").bounds()).containsExactly(21L);
        // four ranges: the cuts before the second and fourth morsels split a key; the one before the third does not
        KeyRanges four = KeyRanges.balanced(morsels, keys, 4, "k");
        assertThat(four.tasks()).isLessThanOrEqualTo(4);
        assertThat(four.bounds()).contains(21L).isSorted();
        assertThat(KeyRanges.balanced(List.of(new Keys(1, 10, 100)), KeyRanges.ordered(List.of(new Keys(1, 10, 100)), "k"), 3, "k")
                .tasks()).isEqualTo(1);
    }

    @Test
    void aTaskReadsEveryMorselThatMayHoldItsKeysAndFiltersOnlyWhenOneHoldsOthers() {
        List<Morsel> morsels = List.of(new Keys(1, 10, 100), new Keys(10, 20, 100), new Keys(21, 30, 100));
        List<long[]> keys = KeyRanges.ordered(morsels, "k");
        KeyRanges clean = new KeyRanges(List.of(21L));
        assertThat(clean.assign(morsels, keys, 0, "k")).isEqualTo(new KeyRanges.Assignment(morsels.subList(0, 2), false));
        assertThat(clean.assign(morsels, keys, 1, "k")).isEqualTo(new KeyRanges.Assignment(morsels.subList(2, 3), false));
        KeyRanges split = new KeyRanges(List.of(10L));
        // key 10 ends the first morsel and starts the second: task 0 keeps [.., 10), task 1 [10, ..)
        assertThat(split.assign(morsels, keys, 0, "k")).isEqualTo(new KeyRanges.Assignment(morsels.subList(0, 1), true));
        assertThat(split.assign(morsels, keys, 1, "k")).isEqualTo(new KeyRanges.Assignment(morsels, true));
        // another side's ranges over morsels cut elsewhere
        KeyRanges foreign = new KeyRanges(List.of(5L, 25L));
        assertThat(foreign.assign(morsels, keys, 1, "k")).isEqualTo(new KeyRanges.Assignment(morsels, true));
        assertThat(foreign.lo(0)).isNull();
        assertThat(foreign.hi(2)).isNull();
    }

    @Test
    void aCutFallsInsideAMorselThatCanBeCutByKeyAndEachTaskReadsItsPart() {
        List<Morsel> morsels = List.of(new Sorted(0, 1_000_000), new Sorted(1_000_000, 1_000_000), new Sorted(2_000_000, 500_000));
        List<long[]> keys = KeyRanges.ordered(morsels, "k");
        KeyRanges two = KeyRanges.balanced(morsels, keys, 2, "k");
        assertThat(two.bounds()).hasSize(1);
        long bound = two.bounds().get(0);
        assertThat(bound).isBetween(1_240_000L, 1_260_000L);
        KeyRanges.Assignment first = two.assign(morsels, keys, 0, "k");
        KeyRanges.Assignment second = two.assign(morsels, keys, 1, "k");
        assertThat(first).isEqualTo(new KeyRanges.Assignment(List.of(morsels.get(0), new Sorted(1_000_000, bound - 1_000_000)), false));
        assertThat(second).isEqualTo(new KeyRanges.Assignment(List.of(new Sorted(bound, 2_000_000 - bound), morsels.get(2)), false));
        // a morsel that cannot be cut by key is cut where a morsel begins, as before
        List<Morsel> whole = List.of(new Keys(0, 999_999, 1_000_000), new Keys(1_000_000, 1_999_999, 1_000_000),
                new Keys(2_000_000, 2_499_999, 500_000));
        assertThat(KeyRanges.balanced(whole, KeyRanges.ordered(whole, "k"), 2, "k").bounds()).containsExactly(2_000_000L);
        // three tasks: two cuts inside the first two morsels
        KeyRanges three = KeyRanges.balanced(morsels, keys, 3, "k");
        assertThat(three.bounds()).hasSize(2).isSorted();
        assertThat(three.bounds().get(0)).isBetween(820_000L, 850_000L);
        assertThat(three.bounds().get(1)).isBetween(1_650_000L, 1_680_000L);
    }
}
