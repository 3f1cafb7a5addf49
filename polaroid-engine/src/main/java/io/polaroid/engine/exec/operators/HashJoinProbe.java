package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * The rows of a probe stream against one build side of a {@link HashJoinExec} (which it closes at
 * the end when it owns it): the matching pairs in chunks of at most one batch, in probe order;
 * semi and anti joins keep or drop probe rows; the kinds that output build rows (right, full,
 * right semi and anti) record which rows matched, and the last probe to finish emits them.
 */
final class HashJoinProbe implements BatchStream {
    private final JoinShape shape;
    private final TaskContext ctx;
    private final BatchStream input;
    private final EncodedKeys encoded = new EncodedKeys();
    private final JoinBuildSide build;
    private final boolean ownsBuild;
    private KeyEncoder encoder;
    private long[] localMatched;
    private Batch current;
    private int[] ids = new int[0];
    /** Scratch for {@link #pairs}: the probe and build row of each output pair. */
    private int[] probeRows = new int[0];
    private int[] buildRows = new int[0];
    private int row;
    private int chain = -2;
    private int chunk;
    private boolean inputDone;
    private List<Batch> unmatched;

    HashJoinProbe(JoinShape shape, BatchStream input, JoinBuildSide build, boolean ownsBuild, TaskContext ctx) {
        this.shape = shape;
        this.ctx = ctx;
        this.input = input;
        this.build = build;
        this.ownsBuild = ownsBuild;
    }

    @Override
    public Batch next() {
        if (encoder == null) {
            encoder = new KeyEncoder(build.keyTypes);
            localMatched = shape.tracksMatches() ? new long[(build.rowCount() + 63) / 64] : null;
        }
        while (true) {
            ctx.checkCancelled();
            if (unmatched != null) {
                return unmatched.isEmpty() ? null : unmatched.remove(0);
            }
            if (current == null) {
                if (inputDone || !advance()) {
                    inputDone = true;
                    long[] matched = build.finishProbe(localMatched);
                    unmatched = matched == null ? new ArrayList<>() : buildSideRows(matched);
                    continue;
                }
            }
            Batch out = probeCurrent();
            if (out != null) {
                return out;
            }
        }
    }

    private boolean advance() {
        Batch b = input.next();
        if (b == null) {
            return false;
        }
        current = b;
        int n = b.rowCount();
        if (ids.length < n) {
            ids = new int[n];
        }
        List<FieldVector> keys = new ArrayList<>(shape.leftKeys().size());
        try {
            for (PhysicalExpr k : shape.leftKeys()) {
                keys.add(k.eval(b, ctx.allocator()));
            }
            encoder.encode(keys, n, encoded);
        } finally {
            keys.forEach(FieldVector::close);
        }
        build.table.find(encoded, ids);
        row = 0;
        chain = -2;
        chunk = 0;
        return true;
    }

    /** The next output of the current probe batch, or null when it is used up. */
    private Batch probeCurrent() {
        Batch b = current;
        int n = b.rowCount();
        switch (shape.kind()) {
            case LEFT_SEMI, LEFT_ANTI -> {
                boolean semi = shape.kind() == JoinKind.LEFT_SEMI;
                int[] keep = new int[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if ((ids[i] >= 0) == semi) {
                        keep[count++] = i;
                    }
                }
                current = null;
                try (b) {
                    if (count == 0) {
                        return null;
                    }
                    if (count == n) {
                        return share(b);
                    }
                    return Selection.take(b, keep, count, ctx.allocator()).relabel(outSchema(b), b.seq());
                }
            }
            case RIGHT_SEMI, RIGHT_ANTI -> {
                for (int i = 0; i < n; i++) {
                    for (int c = ids[i] >= 0 ? build.head[ids[i]] : -1; c >= 0; c = build.next[c]) {
                        localMatched[c >>> 6] |= 1L << c;
                    }
                }
                current = null;
                b.close();
                return null;
            }
            default -> {
                return pairs(b, n);
            }
        }
    }

    private Batch share(Batch b) {
        List<FieldVector> cols = new ArrayList<>();
        for (FieldVector c : b.columns()) {
            cols.add(Vectors.share(c));
        }
        return Batch.of(outSchema(b), cols, b.rowCount(), b.seq());
    }

    /** The output's schema, with the probe rows' indices last when the probe rows carry them (an order-keeping grace join). */
    private Schema outSchema(Batch probe) {
        return carriesRowIndex(probe) ? shape.indexedSchema() : shape.schema();
    }

    private boolean carriesRowIndex(Batch probe) {
        return probe != null && probe.columnCount() > shape.leftSchema().size();
    }

    /** Matching pairs of the current batch, at most one batch worth; null when it is used up. */
    private Batch pairs(Batch b, int n) {
        boolean keepUnmatchedLeft = shape.kind().keepsUnmatchedLeft();
        boolean track = localMatched != null;
        int limit = ctx.batchRows();
        if (probeRows.length < limit) {
            probeRows = new int[limit];
            buildRows = new int[limit];
        }
        int[] probeRows = this.probeRows;
        int[] buildRows = this.buildRows;
        int[] ids = this.ids;
        int count = 0;
        while (row < n && count < limit) {
            if (chain == -2) {
                if (!keepUnmatchedLeft) {
                    while (row < n && ids[row] < 0) {
                        row++;
                    }
                    if (row == n) {
                        break;
                    }
                }
                int id = ids[row];
                chain = id >= 0 ? build.head[id] : -1;
                if (chain == -1) {
                    if (keepUnmatchedLeft) {
                        probeRows[count] = row;
                        buildRows[count++] = -1;
                    }
                    row++;
                    chain = -2;
                    continue;
                }
            }
            probeRows[count] = row;
            buildRows[count++] = chain;
            if (track) {
                localMatched[chain >>> 6] |= 1L << chain;
            }
            chain = build.next[chain];
            if (chain == -1) {
                row++;
                chain = -2;
            }
        }
        long seq = Seq.split(b.seq(), chunk++);
        if (row >= n) {
            current = null;
        }
        try {
            return count == 0 ? null : output(b, probeRows, buildRows, count, seq);
        } finally {
            if (current == null) {
                b.close();
            }
        }
    }

    /** Right rows nobody matched (RIGHT, FULL, RIGHT_ANTI) or somebody matched (RIGHT_SEMI). */
    private List<Batch> buildSideRows(long[] matched) {
        List<Batch> out = new ArrayList<>();
        if (!shape.tracksMatches()) {
            return out;
        }
        boolean wantMatched = shape.kind() == JoinKind.RIGHT_SEMI;
        int n = build.rowCount();
        int limit = ctx.batchRows();
        int[] rows = new int[limit];
        int count = 0;
        int piece = 0;
        try {
            for (int i = 0; i <= n; i++) {
                if (i < n && ((matched[i >>> 6] & (1L << i)) != 0) == wantMatched) {
                    rows[count++] = i;
                }
                if (count == limit || (i == n && count > 0)) {
                    long seq = Seq.of(HashJoinExec.UNMATCHED_SOURCE, 0, piece++);
                    if (shape.kind().outputsLeft()) {
                        out.add(output(null, null, rows, count, seq));
                    } else {
                        out.add(Selection.take(build.rows, rows, count, ctx.allocator()).relabel(shape.schema(), seq));
                    }
                    count = 0;
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(Batch::close);
            throw e;
        }
    }

    /** Left columns from {@code probe} rows (all null when probe is null), then right columns from build rows. */
    private Batch output(Batch probe, int[] probeRows, int[] buildIndexes, int count, long seq) {
        List<FieldVector> cols = new ArrayList<>(shape.schema().size());
        try {
            Schema leftSchema = shape.leftSchema();
            for (int c = 0; c < leftSchema.size(); c++) {
                Field f = leftSchema.field(c);
                cols.add(probe == null ? Vectors.constant(f.type(), null, count, f.name(), ctx.allocator())
                        : Vectors.take(probe.column(c), probeRows, count, ctx.allocator()));
            }
            for (int c = 0; c < build.rows.columnCount(); c++) {
                cols.add(Vectors.take(build.rows.column(c), buildIndexes, count, ctx.allocator(), build.columnHasNulls[c]));
            }
            if (carriesRowIndex(probe)) {
                cols.add(Vectors.take(probe.column(leftSchema.size()), probeRows, count, ctx.allocator()));
            }
        } catch (RuntimeException | Error e) {
            cols.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(outSchema(probe), cols, count, seq);
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (unmatched != null) {
            unmatched.forEach(Batch::close);
            unmatched.clear();
        }
        input.close();
        if (ownsBuild) {
            build.close();
        }
    }
}
