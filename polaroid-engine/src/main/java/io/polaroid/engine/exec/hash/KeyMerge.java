package io.polaroid.engine.exec.hash;

import java.util.List;

/** Adds the keys of several tables to one, as the final phase of an aggregation merges partial states. */
public final class KeyMerge {
    private KeyMerge() {
    }

    /**
     * For each source s, adds keys {@code ids[s][from[s] .. to[s])} of {@code tables[s]} to
     * {@code into} and sets {@code maps[s][id]} to the id each got there. When every table holds
     * one integer key still in key order ({@link LongKeyTable#isSorted}), with ids ascending in
     * each range, the keys go in ascending order over all sources (a k-way merge), so that
     * {@code into} stays sorted too and no key costs a hash probe.
     */
    public static void addAll(KeyTable into, List<KeyTable> tables, List<int[]> ids, int[] from, int[] to, List<int[]> maps) {
        if (inKeyOrder(into, tables)) {
            mergeInKeyOrder((LongKeyTable) into, tables, ids, from, to, maps);
            return;
        }
        for (int s = 0; s < tables.size(); s++) {
            int[] sourceIds = ids.get(s);
            int[] map = maps.get(s);
            for (int j = from[s]; j < to[s]; j++) {
                map[sourceIds[j]] = into.findOrInsertFrom(tables.get(s), sourceIds[j]);
            }
        }
    }

    private static boolean inKeyOrder(KeyTable into, List<KeyTable> tables) {
        if (!(into instanceof LongKeyTable t) || !t.isSorted()) {
            return false;
        }
        for (KeyTable table : tables) {
            if (!(table instanceof LongKeyTable l) || !l.isSorted()) {
                return false;
            }
        }
        return true;
    }

    private static void mergeInKeyOrder(LongKeyTable into, List<KeyTable> tables, List<int[]> ids, int[] from, int[] to,
            List<int[]> maps) {
        int sources = tables.size();
        int[] at = from.clone();
        while (true) {
            int next = -1;
            long min = 0;
            for (int s = 0; s < sources; s++) {
                if (at[s] < to[s]) {
                    long key = ((LongKeyTable) tables.get(s)).key(ids.get(s)[at[s]]);
                    if (next < 0 || key < min) {
                        next = s;
                        min = key;
                    }
                }
            }
            if (next < 0) {
                return;
            }
            int id = ids.get(next)[at[next]++];
            maps.get(next)[id] = into.findOrInsertFrom(tables.get(next), id);
        }
    }
}
