package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Parquet files: their footers are read once, when the plan is analyzed; every row group is a
 * morsel, and row groups whose min/max statistics rule out the scan's filters are skipped.
 */
public final class ParquetSource implements DataSource {
    private final List<String> paths;
    private final FileSystems files;
    private final List<ParquetFile> parquetFiles;
    private final Schema schema;

    public ParquetSource(List<String> paths, FileSystems files) {
        this.paths = List.copyOf(paths);
        this.files = files;
        List<ParquetFile> found = new ArrayList<>();
        for (String p : paths) {
            for (FileStatus status : files.expand(p, ".parquet", ".parq", ".pq")) {
                found.add(ParquetFile.open(status, files));
            }
        }
        this.parquetFiles = List.copyOf(found);
        ParquetFile first = parquetFiles.get(0);
        this.schema = first.schema();
        for (ParquetFile f : parquetFiles.subList(1, parquetFiles.size())) {
            Schema other = f.schema();
            if (!other.names().equals(schema.names())) {
                throw new PolaroidException(ErrorCode.INVALID_DATA, f.path() + " has columns " + other.names()
                        + " but " + first.path() + " has " + schema.names());
            }
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "parquet " + paths;
    }

    @Override
    public Statistics statistics() {
        long rows = 0;
        long bytes = 0;
        for (ParquetFile f : parquetFiles) {
            for (BlockMetaData b : f.footer().getBlocks()) {
                rows += b.getRowCount();
                bytes += b.getTotalByteSize();
            }
        }
        return new Statistics(rows, bytes);
    }

    /**
     * Average bytes per value of a column as stored (decoded, uncompressed pages), for the
     * optimizer's size estimates of string columns.
     */
    public double averageBytes(String column) {
        long bytes = 0;
        long rows = 0;
        for (ParquetFile f : parquetFiles) {
            for (BlockMetaData b : f.footer().getBlocks()) {
                rows += b.getRowCount();
                for (var chunk : b.getColumns()) {
                    if (chunk.getPath().toDotString().equals(column)) {
                        bytes += chunk.getTotalUncompressedSize();
                    }
                }
            }
        }
        return rows == 0 ? 0 : (double) bytes / rows;
    }

    /**
     * The fraction of rows equal to one value of {@code column}, when every row group stores it
     * with a dictionary: the data pages then hold one index per row, {@code log2(distinct values)}
     * bits wide, so their size per row tells how many distinct values there are (about: runs of a
     * value shrink it, which errs toward more rows). Empty otherwise. At least 1/rows, at most 1/2.
     */
    public OptionalDouble equalityFraction(String column) {
        long rows = 0;
        double dataBytes = 0;
        for (ParquetFile f : parquetFiles) {
            for (BlockMetaData b : f.footer().getBlocks()) {
                for (ColumnChunkMetaData chunk : b.getColumns()) {
                    if (!chunk.getPath().toDotString().equals(column)) {
                        continue;
                    }
                    if (!DistinctValues.dictionaryOnly(chunk)) {
                        return OptionalDouble.empty();
                    }
                    // Uncompressed: a compressor shrinks a repeating pattern of indices to nothing. The
                    // dictionary page's stored size stands for its uncompressed one (it is small).
                    long dictionary = chunk.getFirstDataPageOffset() - chunk.getDictionaryPageOffset();
                    dataBytes += Math.max(0, chunk.getTotalUncompressedSize() - dictionary);
                    rows += b.getRowCount();
                }
            }
        }
        if (rows == 0) {
            return OptionalDouble.empty();
        }
        double distinct = Math.pow(2, Math.max(1, 8 * dataBytes / rows));
        return OptionalDouble.of(Math.max(1.0 / rows, 1 / distinct));
    }

    /** At most about how many distinct values {@code column} holds, from the footers ({@link DistinctValues}). */
    public long distinctValuesAtMost(String column) {
        List<ColumnChunkMetaData> chunks = new ArrayList<>();
        long rows = 0;
        for (ParquetFile f : parquetFiles) {
            for (BlockMetaData b : f.footer().getBlocks()) {
                rows += b.getRowCount();
                for (ColumnChunkMetaData chunk : b.getColumns()) {
                    if (chunk.getPath().toDotString().equals(column)) {
                        chunks.add(chunk);
                    }
                }
            }
        }
        return DistinctValues.atMost(chunks, rows);
    }

    /**
     * The fraction of rows whose {@code column} lies in [{@code low}, {@code high}], from each row
     * group's min and max, taking values as spread evenly between them; empty when a row group has
     * no such statistics (or the column is not numeric, a date or a timestamp).
     */
    public OptionalDouble fractionBetween(String column, double low, double high) {
        double rows = 0;
        double kept = 0;
        for (ParquetFile f : parquetFiles) {
            for (BlockMetaData b : f.footer().getBlocks()) {
                if (b.getRowCount() == 0) {
                    continue;
                }
                double[] range = RowGroupPruner.numericRange(b, schema, column);
                if (range == null) {
                    return OptionalDouble.empty();
                }
                rows += b.getRowCount();
                double overlap = Math.min(high, range[1]) - Math.max(low, range[0]);
                double width = range[1] - range[0];
                double fraction = overlap < 0 ? 0 : width <= 0 ? 1 : Math.min(1, Math.max(overlap, width / b.getRowCount()) / width);
                kept += fraction * b.getRowCount();
            }
        }
        return rows == 0 ? OptionalDouble.empty() : OptionalDouble.of(kept / rows);
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        List<Morsel> out = new ArrayList<>();
        for (ParquetFile f : parquetFiles) {
            List<BlockMetaData> blocks = f.footer().getBlocks();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i).getRowCount() > 0 && RowGroupPruner.mayMatch(blocks.get(i), schema, filters)) {
                    out.add(new ParquetMorsel(f, i, i, schema, files));
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParquetSource other && other.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return paths.hashCode();
    }
}
