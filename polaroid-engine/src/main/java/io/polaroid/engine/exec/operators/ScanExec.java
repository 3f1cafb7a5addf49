package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.filter.ScanFilter;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a source, morsel by morsel: every partition takes the next unread morsel from a queue
 * the partitions share, so a fast thread simply reads more morsels. The reader applies the
 * pushed-down filter (see {@link ScanFilter}); a partition stops after {@code limit} rows.
 */
public final class ScanExec implements ExecNode {
    private final DataSource source;
    private final Schema schema;
    private final List<BoundExpr> pruning;
    private final ScanFilter filter;
    private final Long limit;
    private final int partitions;
    private final int sourceId;

    /**
     * @param schema  the output columns
     * @param pruning all filters, for skipping morsels by their statistics
     * @param filter  the filters, run by the reader
     */
    public ScanExec(DataSource source, Schema schema, List<BoundExpr> pruning, ScanFilter filter, Long limit,
                    int partitions, int sourceId) {
        this.source = source;
        this.schema = schema;
        this.pruning = List.copyOf(pruning);
        this.filter = filter;
        this.limit = limit;
        this.partitions = partitions;
        this.sourceId = sourceId;
    }

    public DataSource source() {
        return source;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<ExecNode> children() {
        return List.of();
    }

    @Override
    public int partitions() {
        return partitions;
    }

    /** The morsels of one run, handed out in order. */
    private static final class MorselQueue {
        final List<Morsel> morsels;
        final AtomicInteger next = new AtomicInteger();

        MorselQueue(List<Morsel> morsels) {
            this.morsels = morsels;
        }
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new BatchStream() {
            private MorselQueue queue;
            private Morsel.BatchReader reader;
            private int morselIndex;
            private long produced;

            @Override
            public Batch next() {
                if (queue == null) {
                    queue = ctx.shared(ScanExec.this, () -> new MorselQueue(source.morsels(filter.readColumns(schema.names()), pruning)));
                }
                while (limit == null || produced < limit) {
                    ctx.checkCancelled();
                    if (reader == null) {
                        morselIndex = queue.next.getAndIncrement();
                        if (morselIndex >= queue.morsels.size()) {
                            return null;
                        }
                        reader = queue.morsels.get(morselIndex).open(schema.names(), filter, ctx);
                    }
                    Batch raw = reader.next();
                    if (raw == null) {
                        reader.close();
                        reader = null;
                        continue;
                    }
                    Batch out = raw.relabel(schema, Seq.of(sourceId, morselIndex, raw.seq()));
                    produced += out.rowCount();
                    return out;
                }
                return null;
            }

            @Override
            public void close() {
                if (reader != null) {
                    reader.close();
                    reader = null;
                }
            }
        };
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("ScanExec ").append(source.describe());
        if (!schema.names().equals(source.schema().names())) {
            sb.append(" columns=").append(schema.names());
        }
        if (!filter.ranges().isEmpty()) {
            sb.append(" range_tests=").append(filter.ranges());
        }
        if (!filter.tests().isEmpty()) {
            sb.append(" string_tests=").append(filter.tests().stream().map(t -> t.column()).distinct().toList());
        }
        if (filter.predicate() != null) {
            sb.append(" filter=").append(filter.predicate());
        }
        if (!filter.joinKeys().isEmpty()) {
            sb.append(" join_keys=").append(filter.joinKeys());
        }
        if (limit != null) {
            sb.append(" limit=").append(limit);
        }
        return sb.append(" partitions=").append(partitions).toString();
    }
}
