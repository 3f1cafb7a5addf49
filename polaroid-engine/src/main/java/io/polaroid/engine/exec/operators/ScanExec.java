package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.filter.StringTest;
import io.polaroid.engine.physical.filter.RowFilter;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads a source, morsel by morsel: every partition takes the next unread morsel from a queue
 * the partitions share, so a fast thread simply reads more morsels. Applies the pushed-down
 * filter to each batch, keeps only the output columns, and stops a partition after
 * {@code limit} rows.
 */
public final class ScanExec implements ExecNode {
    private final DataSource source;
    private final List<String> readColumns;
    private final Schema schema;
    private final int[] outputIndexes;
    private final List<BoundExpr> pruning;
    private final RowFilter filter;
    private final List<StringTest> tests;
    private final Long limit;
    private final int partitions;
    private final int sourceId;

    /**
     * @param readColumns the columns read: the output columns and those only the filter needs
     * @param schema      the output columns, a subset of readColumns
     * @param pruning     all filters, for skipping morsels by their statistics
     * @param tests       filters that test one string column against literals, run by the reader
     * @param filter      the other filters, compiled against readColumns, or null
     */
    public ScanExec(DataSource source, List<String> readColumns, Schema schema, List<BoundExpr> pruning,
                    List<StringTest> tests, RowFilter filter, Long limit, int partitions, int sourceId) {
        this.tests = List.copyOf(tests);
        this.source = source;
        this.readColumns = List.copyOf(readColumns);
        this.schema = schema;
        this.outputIndexes = schema.names().stream().mapToInt(this.readColumns::indexOf).toArray();
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
                    queue = ctx.shared(ScanExec.this, () -> new MorselQueue(source.morsels(readColumns, pruning)));
                }
                while (limit == null || produced < limit) {
                    ctx.checkCancelled();
                    if (reader == null) {
                        morselIndex = queue.next.getAndIncrement();
                        if (morselIndex >= queue.morsels.size()) {
                            return null;
                        }
                        reader = queue.morsels.get(morselIndex).open(readColumns, tests, ctx);
                    }
                    Batch raw = reader.next();
                    if (raw == null) {
                        reader.close();
                        reader = null;
                        continue;
                    }
                    ctx.addScanned(raw.rowCount(), raw.bytes());
                    Batch numbered = raw.relabel(raw.schema(), Seq.of(sourceId, morselIndex, raw.seq()));
                    Batch kept = filter == null ? numbered : Selection.filter(numbered, filter, ctx.allocator());
                    if (kept == null) {
                        continue;
                    }
                    Batch out = project(kept);
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

    private Batch project(Batch batch) {
        if (outputIndexes.length == batch.columnCount()) {
            boolean identity = true;
            for (int i = 0; i < outputIndexes.length; i++) {
                identity &= outputIndexes[i] == i;
            }
            if (identity) {
                return batch.relabel(schema, batch.seq());
            }
        }
        List<FieldVector> columns = new ArrayList<>(outputIndexes.length);
        List<FieldVector> all = batch.columns();
        for (int i = 0; i < all.size(); i++) {
            boolean kept = false;
            for (int index : outputIndexes) {
                kept |= index == i;
            }
            if (!kept) {
                all.get(i).close();
            }
        }
        for (int index : outputIndexes) {
            columns.add(all.get(index));
        }
        return new Batch(schema, columns, batch.rowCount(), batch.seq());
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("ScanExec ").append(source.describe());
        if (!schema.names().equals(source.schema().names())) {
            sb.append(" columns=").append(schema.names());
        }
        if (!tests.isEmpty()) {
            sb.append(" string_tests=").append(tests.stream().map(StringTest::column).toList());
        }
        if (filter != null) {
            sb.append(" filter=").append(filter);
        }
        if (limit != null) {
            sb.append(" limit=").append(limit);
        }
        return sb.append(" partitions=").append(partitions).toString();
    }
}
