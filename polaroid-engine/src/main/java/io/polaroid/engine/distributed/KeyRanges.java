package io.polaroid.engine.distributed;

import io.polaroid.engine.io.Morsel;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranges of an integer key, one per task: task {@code t} holds the keys from {@code bounds[t-1]}
 * (inclusive) to {@code bounds[t]} (exclusive), the first and last task unbounded below and above.
 * Every row of a key is in one task, so a join or an aggregation on that key needs no shuffle
 * between scans split by the same ranges.
 */
public record KeyRanges(List<Long> bounds) {
    public KeyRanges {
        bounds = List.copyOf(bounds);
        for (int i = 1; i < bounds.size(); i++) {
            if (bounds.get(i) <= bounds.get(i - 1)) {
                throw new IllegalArgumentException("key range bounds must increase: " + bounds);
            }
        }
    }

    public int tasks() {
        return bounds.size() + 1;
    }

    /** The least key of task {@code t}; null when unbounded. */
    public Long lo(int t) {
        return t == 0 ? null : bounds.get(t - 1);
    }

    /** The key after the greatest of task {@code t}; null when unbounded. */
    public Long hi(int t) {
        return t == bounds.size() ? null : bounds.get(t);
    }

    /**
     * Each morsel's [min, max] of {@code column}, when every morsel knows it and they follow each
     * other in key order (a morsel starts at or after the key its predecessor ends with, so that
     * only a key at a boundary can be in two morsels); null otherwise.
     */
    static List<long[]> ordered(List<Morsel> morsels, String column) {
        List<long[]> out = new ArrayList<>(morsels.size());
        for (Morsel m : morsels) {
            long[] r = m.integerRange(column);
            if (r == null || (!out.isEmpty() && r[0] < out.get(out.size() - 1)[1])) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /**
     * At most {@code tasks} ranges over morsels in key order ({@link #ordered}) of integer column
     * {@code column}, each about the same number of rows. A cut falls inside a morsel when the
     * morsel can be cut exactly by key ({@link Morsel#keyRange}), at the key its rows reach
     * there by interpolation between its least and greatest; else where a morsel begins, moved to a
     * neighbouring morsel when that keeps every key of the boundary in one morsel, so that no task
     * reads a morsel of another. (TPC-H lineitem at SF1 has 14 row groups, which whole come to
     * 2.77 and 3.23 million rows for two tasks.)
     */
    static KeyRanges balanced(List<Morsel> morsels, List<long[]> ranges, int tasks, String column) {
        long[] before = new long[morsels.size() + 1];
        for (int i = 0; i < morsels.size(); i++) {
            before[i + 1] = before[i] + Math.max(1, morsels.get(i).rows());
        }
        List<Long> bounds = new ArrayList<>();
        int last = 0;
        for (int t = 1; t < tasks; t++) {
            long target = before[morsels.size()] * t / tasks;
            int cut = last + 1;
            while (cut < morsels.size() - 1 && before[cut] < target) {
                cut++;
            }
            if (cut >= morsels.size()) {
                break;
            }
            int within = before[cut] > target ? cut - 1 : cut; // the morsel the even share ends in
            Long inside = keyInside(morsels.get(within), ranges.get(within), target - before[within], column);
            long bound;
            if (inside != null) {
                bound = inside;
                cut = within;
            } else {
                cut = cleanNear(ranges, cut, last);
                bound = ranges.get(cut)[0];
            }
            if (bounds.isEmpty() || bound > bounds.get(bounds.size() - 1)) {
                bounds.add(bound);
                last = cut;
            }
        }
        return new KeyRanges(bounds);
    }

    /**
     * The key {@code into} rows into {@code m}, whose keys are {@code range}, by interpolation,
     * when a cut there leaves both parts at least {@link RowShares#MIN_PART_ROWS} rows and {@code m}
     * can be cut exactly where that key starts ({@link Morsel#keyRange}); null otherwise.
     */
    private static Long keyInside(Morsel m, long[] range, long into, String column) {
        long rows = m.rows();
        if (into < RowShares.MIN_PART_ROWS || rows - into < RowShares.MIN_PART_ROWS || range[1] - range[0] < 2) {
            return null;
        }
        long key = range[0] + Math.max(1, Math.min(range[1] - range[0] - 1, (long) ((double) (range[1] - range[0]) * into / rows)));
        return m.keyRange(column, key, null) != null ? key : null; // both parts are cut where the key starts
    }

    /** {@code cut}, or a neighbour after {@code last} where the key before the cut ends its morsel. */
    private static int cleanNear(List<long[]> ranges, int cut, int last) {
        for (int c : new int[] {cut, cut - 1, cut + 1}) {
            if (c > last && c < ranges.size() && ranges.get(c)[0] > ranges.get(c - 1)[1]) {
                return c;
            }
        }
        return cut;
    }

    /**
     * The morsels task {@code t} reads of those of integer column {@code column}, and whether some
     * of them hold keys of other tasks: of a morsel that also holds others' keys, exactly the rows
     * of its own when the morsel can tell ({@link Morsel#keyRange}), else all of it.
     */
    Assignment assign(List<Morsel> morsels, List<long[]> ranges, int t, String column) {
        Long lo = lo(t);
        Long hi = hi(t);
        List<Morsel> mine = new ArrayList<>();
        boolean straddles = false;
        for (int i = 0; i < morsels.size(); i++) {
            long[] r = ranges.get(i);
            if ((lo == null || r[1] >= lo) && (hi == null || r[0] < hi)) {
                boolean shared = (lo != null && r[0] < lo) || (hi != null && r[1] >= hi);
                List<Morsel> exact = shared ? morsels.get(i).keyRange(column, lo, hi) : List.of(morsels.get(i));
                if (exact != null) {
                    mine.addAll(exact);
                } else {
                    mine.add(morsels.get(i));
                    straddles = true;
                }
            }
        }
        return new Assignment(mine, straddles);
    }

    /** What one task reads of a split scan; {@code filtered} when it must keep only its keys. */
    public record Assignment(List<Morsel> morsels, boolean filtered) {
    }

    @Override
    public String toString() {
        return tasks() + " key ranges " + bounds;
    }
}
