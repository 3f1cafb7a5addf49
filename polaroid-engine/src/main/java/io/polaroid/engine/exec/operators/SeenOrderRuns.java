package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.kernels.ColumnExpr;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * The groups of a spilled aggregation that must come out in input order ({@code maintain_order},
 * {@code unique(maintain_order=True)}): each bucket's groups, sorted by where they were first (or
 * last) seen, go to disk as a run with that place (batch sequence number, row) as two last
 * columns; the runs are then merged by it, as an external sort merges its runs.
 */
final class SeenOrderRuns implements AutoCloseable {
    private static final String SEEN_SEQ = "__seen_seq";
    private static final String SEEN_ROW = "__seen_row";

    private final Schema schema;
    /** {@link #schema} with where each group was seen after its columns. */
    private final Schema positioned;
    private final ExecNode owner;
    private final TaskContext ctx;
    private final List<SpillFile> runs = new ArrayList<>();

    SeenOrderRuns(Schema schema, ExecNode owner, TaskContext ctx) {
        this.schema = schema;
        List<Field> fields = new ArrayList<>(schema.fields());
        fields.add(new Field(SEEN_SEQ, DataType.INT64, false));
        fields.add(new Field(SEEN_ROW, DataType.INT32, false));
        this.positioned = new Schema(fields);
        this.owner = owner;
        this.ctx = ctx;
    }

    /** Writes the groups of {@code result}, in {@code groupOrder} (the order they were seen), as a run. */
    void add(AggregationState result, int[] groupOrder) {
        int groups = groupOrder.length;
        if (groups == 0) {
            return;
        }
        List<FieldVector> columns = new ArrayList<>(result.output(groupOrder, groups, schema.names()));
        SpillFile run = ctx.spillFile(owner, "aggregate");
        try {
            BigIntVector seq = (BigIntVector) Vectors.allocate(DataType.INT64, SEEN_SEQ, groups, ctx.allocator());
            columns.add(seq);
            IntVector row = (IntVector) Vectors.allocate(DataType.INT32, SEEN_ROW, groups, ctx.allocator());
            columns.add(row);
            for (int i = 0; i < groups; i++) {
                seq.set(i, result.seenSeq[groupOrder[i]]);
                row.set(i, result.seenRow[groupOrder[i]]);
            }
            seq.setValueCount(groups);
            row.setValueCount(groups);
            for (int start = 0; start < groups; start += ctx.batchRows()) {
                int len = Math.min(ctx.batchRows(), groups - start);
                List<FieldVector> slice = new ArrayList<>(columns.size());
                for (FieldVector c : columns) {
                    slice.add(Vectors.slice(c, start, len));
                }
                try (Batch part = Batch.of(positioned, slice, len, 0)) {
                    run.write(part);
                }
            }
            run.finish();
            runs.add(run);
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        } finally {
            columns.forEach(FieldVector::close);
        }
    }

    /** The groups of every run in the order they were seen, numbered as source {@code sourceId}'s; it owns the runs. */
    BatchStream merge(int sourceId) {
        int n = schema.size();
        SortOrder bySeen = new SortOrder(List.of(new SortKeyExpr(new ColumnExpr(n, SEEN_SEQ, DataType.INT64), false, false),
                new SortKeyExpr(new ColumnExpr(n + 1, SEEN_ROW, DataType.INT32), false, false)));
        BatchStream merged = new SortedRunMerge(List.copyOf(runs), bySeen, positioned, ctx, sourceId);
        runs.clear();
        return new BatchStream() {
            @Override
            public Batch next() {
                Batch b = merged.next();
                if (b == null) {
                    return null;
                }
                b.column(n).close();
                b.column(n + 1).close();
                return Batch.of(schema, new ArrayList<>(b.columns().subList(0, n)), b.rowCount(), b.seq());
            }

            @Override
            public void close() {
                merged.close();
            }
        };
    }

    /** Deletes the runs not yet handed to a merge. */
    @Override
    public void close() {
        runs.forEach(SpillFile::close);
        runs.clear();
    }
}
