package io.polaroid.engine.io.parquet;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/** Files and contexts for tests that read Parquet morsels by hand. */
final class ParquetTesting {
    private ParquetTesting() {
    }

    /**
     * {@code source} written again by parquet-mr (so with a page index) to {@code target}, read
     * through {@code engine}: one row group, pages of 8 kB.
     */
    static void rewriteWithSmallPages(QueryEngine engine, String source, String target) {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(source), null);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("rewrite", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(scan, results)) {
            ParquetWriter.write(r.schema(), r.batches(), target, new FileSystems(Map.of()),
                    ParquetWriteOptions.DEFAULT.withRowGroupBytes(64L << 20).withPageBytes(8 << 10));
        }
    }

    /** A scan's context for reading a morsel by hand: batches of 4,096 rows, never cancelled. */
    static ScanContext scanContext(BufferAllocator allocator) {
        return new ScanContext() {
            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public int batchRows() {
                return 4096;
            }

            @Override
            public void checkCancelled() {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void addScanned(long rows, long bytes) {
            }
        };
    }
}
