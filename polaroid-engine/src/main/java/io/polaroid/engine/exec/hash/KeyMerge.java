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

    /**
     * The k-way merge. Partial tables often hold runs of keys no other holds (each thread read
     * other row groups of a file in key order), so once a source has the smallest key it keeps
     * giving keys up to the next smallest key of the others, with no comparison against every
     * source per key.
     */
    private static void mergeInKeyOrder(LongKeyTable into, List<KeyTable> tables, List<int[]> ids, int[] from, int[] to,
            List<int[]> maps) {
        int sources = tables.size();
        LongKeyTable[] source = new LongKeyTable[sources];
        int[][] sourceIds = new int[sources][];
        int[][] map = new int[sources][];
        int[] at = from.clone();
        long[] head = new long[sources];
        for (int s = 0; s < sources; s++) {
            source[s] = (LongKeyTable) tables.get(s);
            sourceIds[s] = ids.get(s);
            map[s] = maps.get(s);
            if (at[s] < to[s]) {
                head[s] = source[s].key(sourceIds[s][at[s]]);
            }
        }
        while (true) {
            int next = -1;
            for (int s = 0; s < sources; s++) {
                if (at[s] < to[s] && (next < 0 || head[s] < head[next])) {
                    next = s;
                }
            }
            if (next < 0) {
                return;
            }
            // the next smallest key of the other sources bounds this source's run
            long bound = Long.MAX_VALUE;
            for (int s = 0; s < sources; s++) {
                if (s != next && at[s] < to[s]) {
                    bound = Math.min(bound, head[s]);
                }
            }
            LongKeyTable t = source[next];
            int[] nextIds = sourceIds[next];
            int[] nextMap = map[next];
            int end = to[next];
            int j = at[next];
            long key;
            do {
                int id = nextIds[j++];
                nextMap[id] = into.findOrInsertFrom(t, id);
                key = j < end ? t.key(nextIds[j]) : Long.MAX_VALUE;
            } while (j < end && key <= bound);
            at[next] = j;
            head[next] = key;
        }
    }
}
