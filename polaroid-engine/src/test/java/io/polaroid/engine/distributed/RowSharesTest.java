package io.polaroid.engine.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowSharesTest {
    private static final long MIN = RowShares.MIN_PART_ROWS;

    /** Rows {@code [first, first + rows)} of morsel {@code id}; read in part only when {@code sliceable}. */
    private record Rows(int id, long first, long rows, boolean sliceable) implements Morsel {
        Rows(int id, long rows) {
            this(id, 0, rows, true);
        }

        @Override
        public String describe() {
            return "morsel " + id + " rows " + first + ".." + (first + rows);
        }

        @Override
        public BatchReader open(List<String> columns, ScanContext ctx) {
            throw new UnsupportedOperationException("only its size is read");
        }

        @Override
        public Morsel slice(long from, long count) {
            return sliceable ? new Rows(id, first + from, count, true) : null;
        }
    }

    private static List<List<Morsel>> shares(List<Morsel> morsels, int tasks) {
        RowShares shares = new RowShares(morsels, tasks);
        List<List<Morsel>> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            out.add(shares.share(t));
        }
        return out;
    }

    private static long rows(List<Morsel> share) {
        return share.stream().mapToLong(Morsel::rows).sum();
    }

    /** The tasks' parts, in task order, read every row of every morsel once and in data order. */
    private static void assertEveryRowOnceInOrder(List<Morsel> morsels, List<List<Morsel>> shares) {
        // a morsel without rows may be left out
        List<Rows> parts = shares.stream().flatMap(List::stream).map(Rows.class::cast).filter(r -> r.rows() > 0).toList();
        int p = 0;
        for (Morsel m : morsels) {
            long next = 0;
            while (next < m.rows()) {
                Rows part = parts.get(p++);
                assertThat(part.id()).isEqualTo(((Rows) m).id());
                assertThat(part.first()).isEqualTo(next);
                next += part.rows();
            }
            assertThat(next).isEqualTo(m.rows());
        }
        assertThat(p).isEqualTo(parts.size());
    }

    @Test
    void lineitemsRowGroupsAreSharedEvenlyByReadingOneInPart() {
        // TPC-H lineitem at SF1: 13 row groups of about 460 thousand rows and one of 10 thousand
        List<Morsel> morsels = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            morsels.add(new Rows(i, 460_000));
        }
        morsels.add(new Rows(13, 10_000));
        List<List<Morsel>> shares = shares(morsels, 2);
        assertEveryRowOnceInOrder(morsels, shares);
        assertThat(rows(shares.get(0))).isEqualTo(2_995_000);
        assertThat(rows(shares.get(1))).isEqualTo(2_995_000);
        // the seventh row group is read in part by each task
        assertThat(shares.get(0)).hasSize(7);
        assertThat(((Rows) shares.get(1).get(0)).first()).isEqualTo(2_995_000 - 6 * 460_000);
    }

    @Test
    void noPartIsSmallerThanTheLeastWorthReading() {
        // an even cut 10 rows into the second morsel moves to its start
        List<Morsel> morsels = List.of(new Rows(0, 4 * MIN), new Rows(1, 4 * MIN + 20));
        List<List<Morsel>> shares = shares(morsels, 2);
        assertEveryRowOnceInOrder(morsels, shares);
        assertThat(shares.get(0)).containsExactly(morsels.get(0));
        assertThat(shares.get(1)).containsExactly(morsels.get(1));
    }

    @Test
    void randomMorselsAreSharedOnceInOrderAndWithinTheLeastPartOfEven() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<Morsel> morsels = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                morsels.add(new Rows(i, random.nextInt(4) == 0 ? random.nextInt(1000) : random.nextInt(1_000_000)));
            }
            int tasks = 1 + random.nextInt(Math.min(n, 5));
            List<List<Morsel>> shares = shares(morsels, tasks);
            assertEveryRowOnceInOrder(morsels, shares);
            long total = morsels.stream().mapToLong(Morsel::rows).sum();
            if (total / tasks > 2 * MIN) {
                for (List<Morsel> share : shares) {
                    assertThat(Math.abs(rows(share) - (double) total / tasks)).isLessThanOrEqualTo(2.0 * MIN + 1);
                    assertThat(share).allMatch(part -> part.rows() >= MIN || ((Rows) part).first() == 0
                            && part.rows() == morsels.get(((Rows) part).id()).rows());
                }
            }
        }
    }

    @Test
    void morselsThatCannotBeReadInPartAreSharedByCount() {
        List<Morsel> morsels = List.of(new Rows(0, 0, 900_000, false), new Rows(1, 0, 100_000, false), new Rows(2, 0, 10, false));
        List<List<Morsel>> shares = shares(morsels, 2);
        assertThat(shares.get(0)).containsExactly(morsels.get(0));
        assertThat(shares.get(1)).containsExactly(morsels.get(1), morsels.get(2));
    }

    @Test
    void smallScansAreSharedByCount() {
        List<Morsel> morsels = List.of(new Rows(0, 2 * MIN), new Rows(1, 10), new Rows(2, 10), new Rows(3, 10));
        List<List<Morsel>> shares = shares(morsels, 2);
        assertThat(shares.get(0)).containsExactly(morsels.get(0), morsels.get(1));
        assertThat(shares.get(1)).containsExactly(morsels.get(2), morsels.get(3));
    }
}
