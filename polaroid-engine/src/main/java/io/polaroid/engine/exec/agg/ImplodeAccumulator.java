package io.polaroid.engine.exec.agg;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Values;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * implode: every value of each group, nulls included, gathered into one list per group in input
 * order (as Polars). Each value is kept on the heap with its group and its place in the input
 * (batch sequence number, row), so that partial states of several threads merge into the same
 * order whichever thread saw which batch; the lists are sorted into that order once, at the end.
 */
final class ImplodeAccumulator implements Accumulator {
    /** Heap bytes accounted per kept value: a boxed value, its group, sequence and row. */
    private static final int BYTES_PER_VALUE = 48;

    private final DataType inputType;
    private final HeapMemory memory;
    private int size;
    private int[] groups = new int[16];
    private long[] seqs = new long[16];
    private int[] rows = new int[16];
    private Object[] values = new Object[16];

    ImplodeAccumulator(DataType inputType, HeapMemory memory) {
        this.inputType = inputType;
        this.memory = memory;
    }

    @Override
    public void resize(int groupCount) {
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        reserve(n);
        for (int i = 0; i < n; i++) {
            append(groupIds[i], seq, i, Values.get(input, i, inputType));
        }
    }

    private void reserve(int more) {
        memory.grow((long) more * BYTES_PER_VALUE);
        if (size + more > groups.length) {
            int capacity = Math.max(size + more, groups.length * 2);
            groups = Arrays.copyOf(groups, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            rows = Arrays.copyOf(rows, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    private void append(int group, long seq, int row, Object value) {
        groups[size] = group;
        seqs[size] = seq;
        rows[size] = row;
        values[size] = value;
        size++;
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        ImplodeAccumulator o = (ImplodeAccumulator) other;
        int[] map = new int[from + 1];
        Arrays.fill(map, -1);
        map[from] = to;
        mergeMapped(o, map);
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groupList, int from, int to, int[] map, int part) {
        ImplodeAccumulator o = (ImplodeAccumulator) other;
        int[] selected = new int[map.length];
        Arrays.fill(selected, -1);
        for (int j = from; j < to; j++) {
            selected[groupList[j]] = map[groupList[j]];
        }
        mergeMapped(o, selected);
    }

    /** Appends the values of {@code o} whose group g has {@code map[g] >= 0}, as values of group {@code map[g]}. */
    private void mergeMapped(ImplodeAccumulator o, int[] map) {
        int count = 0;
        for (int k = 0; k < o.size; k++) {
            int g = o.groups[k];
            if (g < map.length && map[g] >= 0) {
                count++;
            }
        }
        reserve(count);
        for (int k = 0; k < o.size; k++) {
            int g = o.groups[k];
            if (g < map.length && map[g] >= 0) {
                append(map[g], o.seqs[k], o.rows[k], o.values[k]);
            }
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        int groupCount = 0;
        for (int j = 0; j < count; j++) {
            groupCount = Math.max(groupCount, ids[j] + 1);
        }
        for (int k = 0; k < size; k++) {
            groupCount = Math.max(groupCount, groups[k] + 1);
        }
        Integer[] order = new Integer[size];
        for (int k = 0; k < size; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> groups[a] != groups[b] ? Integer.compare(groups[a], groups[b])
                : seqs[a] != seqs[b] ? Long.compare(seqs[a], seqs[b]) : Integer.compare(rows[a], rows[b]));
        int[] starts = new int[groupCount + 1];
        for (int k = 0; k < size; k++) {
            starts[groups[k] + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        ListVector out = (ListVector) ArrowTypes.newVector(name, DataType.list(inputType), allocator);
        try {
            out.allocateNew();
            DataType listType = DataType.list(inputType);
            for (int j = 0; j < count; j++) {
                int g = ids[j];
                Object[] group = new Object[starts[g + 1] - starts[g]];
                for (int k = 0; k < group.length; k++) {
                    group[k] = values[order[starts[g] + k]];
                }
                Values.set(out, j, Arrays.asList(group), listType);
            }
            out.setValueCount(count);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    @Override
    public int bytesPerGroup() {
        return 0;
    }
}
