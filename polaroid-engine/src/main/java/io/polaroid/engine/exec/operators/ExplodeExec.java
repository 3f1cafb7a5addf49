package io.polaroid.engine.exec.operators;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Polars' explode: each value of the list columns {@code columns} (input positions) becomes a row,
 * the other columns repeated beside it; lists exploded together must have the same length in each
 * row. As Polars 2: an empty list gives no row ({@code emptyAsNull}: one null row), a null list one
 * null row (none unless {@code keepNulls}). Row-local: each input batch becomes one output batch
 * with the same sequence number, so row order is kept.
 */
public record ExplodeExec(ExecNode input, int[] columns, boolean emptyAsNull, boolean keepNulls, Schema schema)
        implements ExecNode {
    @Override
    public List<ExecNode> children() {
        return List.of(input);
    }

    @Override
    public int partitions() {
        return input.partitions();
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        BatchStream in = ctx.execute(input, partition);
        return new BatchStream() {
            @Override
            public Batch next() {
                Batch batch = in.next();
                if (batch == null) {
                    return null;
                }
                try (batch) {
                    return explode(batch, ctx.allocator());
                }
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    private Batch explode(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        ListVector first = (ListVector) batch.column(columns[0]);
        int[] lengths = new int[n];
        int[] copies = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            boolean isNull = first.isNull(i);
            lengths[i] = isNull ? 0 : first.getElementEndIndex(i) - first.getElementStartIndex(i);
            copies[i] = lengths[i] > 0 ? lengths[i] : (isNull ? keepNulls : emptyAsNull) ? 1 : 0;
            total += copies[i];
        }
        for (int c = 1; c < columns.length; c++) {
            ListVector other = (ListVector) batch.column(columns[c]);
            for (int i = 0; i < n; i++) {
                int len = other.isNull(i) ? 0 : other.getElementEndIndex(i) - other.getElementStartIndex(i);
                if (len != lengths[i]) {
                    throw new PolaroidException(ErrorCode.INVALID_VALUE, "explode: columns '" + schema.field(columns[0]).name()
                            + "' and '" + schema.field(columns[c]).name() + "' have lists of different lengths ("
                            + lengths[i] + " and " + len + ") in the same row");
                }
            }
        }
        int[] rows = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            Arrays.fill(rows, at, at + copies[i], i);
            at += copies[i];
        }
        List<FieldVector> out = new ArrayList<>(batch.columnCount());
        try {
            for (int c = 0; c < batch.columnCount(); c++) {
                int listIndex = indexOf(c);
                out.add(listIndex < 0 ? Vectors.take(batch.column(c), rows, total, allocator)
                        : values((ListVector) batch.column(c), lengths, copies, total, schema.field(c).name(), allocator));
            }
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(schema, out, total, batch.seq());
    }

    private int indexOf(int column) {
        for (int c : columns) {
            if (c == column) {
                return c;
            }
        }
        return -1;
    }

    /** The elements of every list in order, a null for each empty or null list kept, renamed to the column. */
    private static FieldVector values(ListVector list, int[] lengths, int[] copies, int total, String name,
                                      BufferAllocator allocator) {
        int[] elements = new int[total];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] == 0) {
                if (copies[i] > 0) {
                    elements[at++] = -1;
                }
                continue;
            }
            int start = list.getElementStartIndex(i);
            for (int k = 0; k < lengths[i]; k++) {
                elements[at++] = start + k;
            }
        }
        try (FieldVector taken = Vectors.take(list.getDataVector(), elements, total, allocator)) {
            TransferPair rename = taken.getTransferPair(name, allocator);
            rename.transfer();
            return (FieldVector) rename.getTo();
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("ExplodeExec [");
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(schema.field(columns[i]).name());
        }
        return sb.append(']').toString();
    }
}
