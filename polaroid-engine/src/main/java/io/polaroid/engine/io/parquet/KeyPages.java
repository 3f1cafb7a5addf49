package io.polaroid.engine.io.parquet;

import io.polaroid.engine.io.fs.FileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Where an integer column's keys lie in one row group, from the file's page index (Parquet's column
 * and offset indexes), when its pages follow each other in key order and hold no null: then the
 * first row of a key is found by reading at most the one page it falls inside. A cluster cuts a
 * row group of a scan split by key ranges there, so that the tasks on either side of a range's
 * bound each read exactly their keys' rows of it: not all of it, and with no filter on the key.
 *
 * <p>Read on the coordinator as it plans a query, and kept per row group and column (by path, length
 * and modification time, as {@link FooterCache}) with the rows found, so that the next query over
 * the same files reads nothing.
 */
final class KeyPages {
    private static final int MAX_ENTRIES = 4096;

    private record Key(String path, long length, long modified, long rowGroupStart, String column) {
    }

    private static final Map<Key, Optional<KeyPages>> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<KeyPages>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private final ParquetFile file;
    private final int rowGroup;
    private final ColumnChunkMetaData chunk;
    /** Each page's first row in the row group, then the row group's row count. */
    private final long[] starts;
    private final long[] mins;
    private final long[] maxs;
    /** The first row at or above each key found so far; -1 when the page it falls in is not sorted. */
    private final Map<Long, Long> firstRows = new ConcurrentHashMap<>();

    private KeyPages(ParquetFile file, int rowGroup, ColumnChunkMetaData chunk, Layout pages) {
        this.file = file;
        this.rowGroup = rowGroup;
        this.chunk = chunk;
        this.starts = pages.starts();
        this.mins = pages.mins();
        this.maxs = pages.maxs();
    }

    /** Each page's first row (then the row group's row count), least and greatest key. */
    private record Layout(long[] starts, long[] mins, long[] maxs) {
    }

    /** The pages of {@code column} in row group {@code rowGroup} of {@code file}; null when it has no usable page index. */
    static KeyPages of(ParquetFile file, int rowGroup, String column, FileSystems files) {
        BlockMetaData block = file.footer().getBlocks().get(rowGroup);
        Key key = new Key(file.path(), file.status().getLen(), file.status().getModificationTime(), block.getStartingPos(), column);
        synchronized (CACHE) {
            Optional<KeyPages> known = CACHE.get(key);
            if (known != null) {
                return known.orElse(null);
            }
        }
        KeyPages read;
        try {
            read = read(file, rowGroup, column, files);
        } catch (IOException | RuntimeException e) {
            return null; // the row group is cut no finer than by a filter this time; not kept, the next query may read it
        }
        synchronized (CACHE) {
            CACHE.put(key, Optional.ofNullable(read));
        }
        return read;
    }

    /**
     * The first row of the row group whose key is at or above {@code key} (its row count when none
     * is), reading through {@code files} the page that holds both smaller and larger keys if there
     * is one; -1 when that page is not in key order or cannot be read.
     */
    long firstRowAtOrAbove(long key, FileSystems files) {
        int p = 0;
        while (p < mins.length && maxs[p] < key) {
            p++;
        }
        if (p == mins.length || mins[p] >= key) {
            return starts[p];
        }
        Long known = firstRows.get(key);
        if (known != null) {
            return known;
        }
        long found;
        try {
            found = withinPage(p, key, files);
        } catch (IOException | RuntimeException e) {
            return -1; // not kept: the next query may read it
        }
        firstRows.put(key, found);
        return found;
    }

    /**
     * Reads page {@code p}, whose keys run from below {@code key} to at or above it, for the first
     * row at or above it; -1 when the page is not in key order.
     */
    private long withinPage(int p, long key, FileSystems files) throws IOException {
        ColumnDescriptor column = file.footer().getFileMetaData().getSchema().getColumnDescription(chunk.getPath().toArray());
        FileSystemInputFile input = new FileSystemInputFile(files, file.status());
        ParquetReadOptions options = HadoopReadOptions.builder(files.conf()).withCodecFactory(new PageCodecs(files.conf())).build();
        try (ParquetFileReader reader = new ParquetFileReader(input, file.footer(), options, input.newStream())) {
            reader.setRequestedSchema(List.of(column));
            long rows = file.footer().getBlocks().get(rowGroup).getRowCount();
            PageReadStore pages = reader.readFilteredRowGroup(rowGroup, new RowSpan(starts[p], starts[p + 1]).in(rows));
            MessageType schema = new MessageType("key", column.getPrimitiveType());
            ColumnReader values = new ColumnReadStoreImpl(pages, NO_VALUES, schema, file.footer().getFileMetaData().getCreatedBy())
                    .getColumnReader(column);
            boolean int32 = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
            boolean unsigned = unsigned(column.getPrimitiveType());
            long before = Long.MIN_VALUE;
            long found = -1;
            for (long r = starts[p]; r < starts[p + 1]; r++) {
                long v = int32 ? (unsigned ? Integer.toUnsignedLong(values.getInteger()) : values.getInteger()) : values.getLong();
                values.consume();
                if (v < before) {
                    return -1;
                }
                if (found < 0 && v >= key) {
                    found = r;
                }
                before = v;
            }
            return found < 0 ? starts[p + 1] : found;
        }
    }

    /** Hands no value anywhere: the key page's values are read with {@link ColumnReader#getLong} and the like. */
    private static final GroupConverter NO_VALUES = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {
            };
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private static KeyPages read(ParquetFile file, int rowGroup, String column, FileSystems files) throws IOException {
        BlockMetaData block = file.footer().getBlocks().get(rowGroup);
        ColumnChunkMetaData chunk = chunk(block, column);
        if (chunk == null || chunk.getColumnIndexReference() == null || chunk.getOffsetIndexReference() == null) {
            return null;
        }
        PrimitiveType type = chunk.getPrimitiveType();
        if (type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.INT32
                && type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.INT64) {
            return null;
        }
        FileSystemInputFile input = new FileSystemInputFile(files, file.status());
        ParquetReadOptions options = HadoopReadOptions.builder(files.conf()).build();
        try (ParquetFileReader reader = new ParquetFileReader(input, file.footer(), options, input.newStream())) {
            ColumnIndex index = reader.readColumnIndex(chunk);
            OffsetIndex offsets = reader.readOffsetIndex(chunk);
            if (index == null || offsets == null) {
                return null;
            }
            Layout pages = layout(index, offsets, block.getRowCount(), type);
            return pages == null ? null : new KeyPages(file, rowGroup, chunk, pages);
        }
    }

    /** The pages, when none holds a null and each starts at or after the greatest key of the one before. */
    private static Layout layout(ColumnIndex index, OffsetIndex offsets, long rows, PrimitiveType type) {
        int n = offsets.getPageCount();
        List<ByteBuffer> min = index.getMinValues();
        List<ByteBuffer> max = index.getMaxValues();
        List<Long> nulls = index.getNullCounts();
        if (n == 0 || min.size() != n || max.size() != n || nulls == null || nulls.size() != n) {
            return null;
        }
        boolean unsigned = unsigned(type);
        long[] starts = new long[n + 1];
        long[] mins = new long[n];
        long[] maxs = new long[n];
        for (int p = 0; p < n; p++) {
            if (nulls.get(p) != 0 || index.getNullPages().get(p)) {
                return null;
            }
            starts[p] = offsets.getFirstRowIndex(p);
            mins[p] = value(min.get(p), type, unsigned);
            maxs[p] = value(max.get(p), type, unsigned);
            if (mins[p] > maxs[p] || (p > 0 && (mins[p] < maxs[p - 1] || starts[p] <= starts[p - 1]))) {
                return null;
            }
        }
        starts[n] = rows;
        return starts[0] == 0 && starts[n - 1] < rows ? new Layout(starts, mins, maxs) : null;
    }

    private static boolean unsigned(PrimitiveType type) {
        return type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned();
    }

    private static long value(ByteBuffer bytes, PrimitiveType type, boolean unsigned) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32) {
            int v = b.getInt(b.position());
            return unsigned ? Integer.toUnsignedLong(v) : v;
        }
        // unsigned 64-bit columns are not read at all (ParquetSchemas)
        return b.getLong(b.position());
    }

    private static ColumnChunkMetaData chunk(BlockMetaData block, String column) {
        for (ColumnChunkMetaData c : block.getColumns()) {
            if (c.getPath().toDotString().equals(column)) {
                return c;
            }
        }
        return null;
    }
}
