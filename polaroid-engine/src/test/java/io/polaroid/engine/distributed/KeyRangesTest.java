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
        assertThat(KeyRanges.balanced(morsels, keys, 2).bounds()).containsExactly(21L);
        // four ranges: the cuts before the second and fourth morsels split a key; the one before the third does not
        KeyRanges four = KeyRanges.balanced(morsels, keys, 4);
        assertThat(four.tasks()).isLessThanOrEqualTo(4);
        assertThat(four.bounds()).contains(21L).isSorted();
        assertThat(KeyRanges.balanced(List.of(new Keys(1, 10, 100)), KeyRanges.ordered(List.of(new Keys(1, 10, 100)), "k"), 3)
                .tasks()).isEqualTo(1);
    }

    @Test
    void aTaskReadsEveryMorselThatMayHoldItsKeysAndFiltersOnlyWhenOneHoldsOthers() {
        List<Morsel> morsels = List.of(new Keys(1, 10, 100), new Keys(10, 20, 100), new Keys(21, 30, 100));
        List<long[]> keys = KeyRanges.ordered(morsels, "k");
        KeyRanges clean = new KeyRanges(List.of(21L));
        assertThat(clean.assign(morsels, keys, 0)).isEqualTo(new KeyRanges.Assignment(morsels.subList(0, 2), false));
        assertThat(clean.assign(morsels, keys, 1)).isEqualTo(new KeyRanges.Assignment(morsels.subList(2, 3), false));
        KeyRanges split = new KeyRanges(List.of(10L));
        // key 10 ends the first morsel and starts the second: task 0 keeps [.., 10), task 1 [10, ..)
        assertThat(split.assign(morsels, keys, 0)).isEqualTo(new KeyRanges.Assignment(morsels.subList(0, 1), true));
        assertThat(split.assign(morsels, keys, 1)).isEqualTo(new KeyRanges.Assignment(morsels, true));
        // another side's ranges over morsels cut elsewhere
        KeyRanges foreign = new KeyRanges(List.of(5L, 25L));
        assertThat(foreign.assign(morsels, keys, 1)).isEqualTo(new KeyRanges.Assignment(morsels, true));
        assertThat(foreign.lo(0)).isNull();
        assertThat(foreign.hi(2)).isNull();
    }
}
