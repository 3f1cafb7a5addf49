package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.Streams;
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
 * Equi-join by hashing: the right input is the build side, the left input is probed partition by
 * partition, so output follows the left input's order. Output pairs are produced in chunks of at
 * most one batch. For kinds that keep right rows without a match (RIGHT, FULL) or that output
 * right rows (RIGHT_SEMI, RIGHT_ANTI), the last probe partition to finish emits them.
 */
public final class HashJoinExec implements ExecNode {
    private static final int UNMATCHED_SOURCE = 127;

    private final ExecNode left;
    private final ExecNode right;
    private final JoinKind kind;
    private final List<PhysicalExpr> leftKeys;
    private final List<PhysicalExpr> rightKeys;
    private final Schema schema;

    public HashJoinExec(ExecNode left, ExecNode right, JoinKind kind, List<PhysicalExpr> leftKeys,
                        List<PhysicalExpr> rightKeys, Schema schema) {
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.schema = schema;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<ExecNode> children() {
        return List.of(left, right);
    }

    @Override
    public int partitions() {
        return left.partitions();
    }

    private JoinBuildSide build(TaskContext ctx) {
        SharedResult<BatchList, JoinBuildSide> shared = ctx.shared(this, () -> new SharedResult<>(right.partitions(),
                p -> {
                    BatchList out = new BatchList();
                    out.addAll(Streams.collect(right, p, ctx));
                    return out;
                },
                parts -> new JoinBuildSide(parts, right.schema(), rightKeys, left.partitions(), ctx.allocator()), ctx));
        return shared.get();
    }

    private boolean tracksMatches() {
        return kind == JoinKind.RIGHT || kind == JoinKind.FULL || kind == JoinKind.RIGHT_SEMI || kind == JoinKind.RIGHT_ANTI;
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new Probe(partition, ctx);
    }

    /** One probe partition's stream. */
    private final class Probe implements BatchStream {
        private final TaskContext ctx;
        private final BatchStream input;
        private final EncodedKeys encoded = new EncodedKeys();
        private JoinBuildSide build;
        private KeyEncoder encoder;
        private long[] localMatched;
        private Batch current;
        private int[] ids = new int[0];
        private int row;
        private int chain = -2;
        private int chunk;
        private boolean inputDone;
        private List<Batch> unmatched;

        Probe(int partition, TaskContext ctx) {
            this.ctx = ctx;
            this.input = left.execute(partition, ctx);
        }

        @Override
        public Batch next() {
            if (build == null) {
                build = build(ctx);
                encoder = new KeyEncoder(build.keyTypes);
                localMatched = tracksMatches() ? new long[(build.rowCount() + 63) / 64] : null;
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
            List<FieldVector> keys = new ArrayList<>(leftKeys.size());
            try {
                for (PhysicalExpr k : leftKeys) {
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
            switch (kind) {
                case LEFT_SEMI, LEFT_ANTI -> {
                    boolean semi = kind == JoinKind.LEFT_SEMI;
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
                        return Selection.take(b, keep, count, ctx.allocator()).relabel(schema, b.seq());
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
            return Batch.of(schema, cols, b.rowCount(), b.seq());
        }

        /** Matching pairs of the current batch, at most one batch worth; null when it is used up. */
        private Batch pairs(Batch b, int n) {
            boolean keepUnmatchedLeft = kind.keepsUnmatchedLeft();
            boolean track = localMatched != null;
            int limit = ctx.batchRows();
            int[] probeRows = new int[limit];
            int[] buildRows = new int[limit];
            int count = 0;
            while (row < n && count < limit) {
                if (chain == -2) {
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
                return count == 0 ? null : output(b, probeRows, build.rows, buildRows, count, seq);
            } finally {
                if (current == null) {
                    b.close();
                }
            }
        }

        /** Right rows nobody matched (RIGHT, FULL, RIGHT_ANTI) or somebody matched (RIGHT_SEMI). */
        private List<Batch> buildSideRows(long[] matched) {
            List<Batch> out = new ArrayList<>();
            if (kind != JoinKind.RIGHT && kind != JoinKind.FULL && kind != JoinKind.RIGHT_SEMI && kind != JoinKind.RIGHT_ANTI) {
                return out;
            }
            boolean wantMatched = kind == JoinKind.RIGHT_SEMI;
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
                        long seq = Seq.of(UNMATCHED_SOURCE, 0, piece++);
                        if (kind.outputsLeft()) {
                            out.add(output(null, null, build.rows, rows, count, seq));
                        } else {
                            out.add(Selection.take(build.rows, rows, count, ctx.allocator()).relabel(schema, seq));
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
        private Batch output(Batch probe, int[] probeRows, Batch buildRows, int[] buildIndexes, int count, long seq) {
            List<FieldVector> cols = new ArrayList<>(schema.size());
            try {
                Schema leftSchema = left.schema();
                for (int c = 0; c < leftSchema.size(); c++) {
                    Field f = leftSchema.field(c);
                    cols.add(probe == null ? Vectors.constant(f.type(), null, count, f.name(), ctx.allocator())
                            : Vectors.take(probe.column(c), probeRows, count, ctx.allocator()));
                }
                for (FieldVector v : buildRows.columns()) {
                    cols.add(Vectors.take(v, buildIndexes, count, ctx.allocator()));
                }
            } catch (RuntimeException | Error e) {
                cols.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(schema, cols, count, seq);
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
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("HashJoinExec ").append(kind);
        for (int i = 0; i < leftKeys.size(); i++) {
            sb.append(i == 0 ? " on " : ", ").append(leftKeys.get(i)).append(" = ").append(rightKeys.get(i));
        }
        return sb.append(" (build: right)").toString();
    }
}
