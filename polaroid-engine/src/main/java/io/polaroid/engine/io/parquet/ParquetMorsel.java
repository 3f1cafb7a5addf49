package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.io.filter.ColumnTest;
import io.polaroid.engine.io.filter.KeySetTest;
import io.polaroid.engine.io.filter.JoinKeyCheck;
import io.polaroid.engine.io.filter.ScanFilter;
import io.polaroid.engine.io.filter.StringTest;
import io.polaroid.engine.kernels.Utf8Writer;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexStore.MissingOffsetIndexException;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import io.polaroid.engine.io.fs.FileSystems;
import org.apache.parquet.schema.MessageType;
import org.apache.hadoop.fs.FileStatus;

/**
 * One row group of one Parquet file, or a run of its rows ({@link #slice}). {@code rowGroup} is its
 * place in {@code file}'s footer; {@code label} its place in the file, for messages (they differ
 * when the footer was cut to the row groups a worker reads).
 */
public final class ParquetMorsel implements Morsel {
    private final ParquetFile file;
    private final int rowGroup;
    private final int label;
    private final Schema schema;
    private final FileSystems files;
    /** The first row read, counted from the row group's start. */
    private final long firstRow;
    /** The rows read; -1 for all from {@link #firstRow} on. */
    private final long rowCount;

    ParquetMorsel(ParquetFile file, int rowGroup, int label, Schema schema, FileSystems files) {
        this(file, rowGroup, label, schema, files, 0, -1);
    }

    private ParquetMorsel(ParquetFile file, int rowGroup, int label, Schema schema, FileSystems files, long firstRow, long rowCount) {
        this.file = file;
        this.rowGroup = rowGroup;
        this.label = label;
        this.schema = schema;
        this.files = files;
        this.firstRow = firstRow;
        this.rowCount = rowCount;
    }

    /**
     * Row group {@code label} of the file, whose footer cut to that one row group is
     * {@code footer} ({@link #cutFooter}): what a worker reads without reading the footer itself.
     */
    public static ParquetMorsel ofCutFooter(FileStatus status, byte[] footer, int label, Schema schema, FileSystems files) {
        ParquetFile file = CutFooters.decode(status, footer);
        if (file.footer().getBlocks().size() != 1) {
            throw PolaroidException.internal("a cut footer of " + status.getPath() + " has " + file.footer().getBlocks().size()
                    + " row groups, not 1");
        }
        return new ParquetMorsel(file, 0, label, schema, files);
    }

    /** Rows {@code [from, from + count)} of this morsel, read on their own: the rest of the row group is passed over. */
    @Override
    public ParquetMorsel slice(long from, long count) {
        if (from < 0 || count <= 0 || from + count > rows()) {
            throw new IllegalArgumentException("rows " + from + " to " + (from + count) + " of " + describe());
        }
        return new ParquetMorsel(file, rowGroup, label, schema, files, firstRow + from, count);
    }

    /** Where its rows start in the row group. */
    public long firstRow() {
        return firstRow;
    }

    public FileStatus status() {
        return file.status();
    }

    /** The file's footer cut to this row group, in Parquet's own encoding. */
    public byte[] cutFooter() {
        return CutFooters.encode(file.footer(), block()).clone();
    }

    /** Its place in the file. */
    public int label() {
        return label;
    }

    /** The object-store settings of its scan. */
    public FileSystems files() {
        return files;
    }

    BlockMetaData block() {
        return file.footer().getBlocks().get(rowGroup);
    }

    @Override
    public long rows() {
        return rowCount >= 0 ? rowCount : block().getRowCount() - firstRow;
    }

    /** Whether it reads only part of its row group. */
    public boolean isSlice() {
        return rows() != block().getRowCount();
    }

    @Override
    public long[] integerRange(String column) {
        return RowGroupPruner.integerRange(block(), schema, column);
    }

    /** Cut where the row group's page index of {@code column} says its keys start and end ({@link KeyPages}). */
    @Override
    public List<Morsel> keyRange(String column, Long lo, Long hi) {
        KeyPages pages = schema.contains(column) && schema.field(column).type().isInteger()
                ? KeyPages.of(file, rowGroup, column, files) : null;
        if (pages == null) {
            return null;
        }
        long from = lo == null ? 0 : pages.firstRowAtOrAbove(lo, files);
        long to = hi == null ? block().getRowCount() : pages.firstRowAtOrAbove(hi, files);
        if (from < 0 || to < 0) {
            return null;
        }
        from = Math.max(from, firstRow);
        to = Math.min(to, firstRow + rows());
        if (from >= to) {
            return List.of();
        }
        return List.of(from == firstRow && to == firstRow + rows() ? this : slice(from - firstRow, to - from));
    }

    @Override
    public String describe() {
        String rows = isSlice() ? " rows " + firstRow + " to " + (firstRow + rows()) : "";
        return file.path() + " row group " + label + rows;
    }

    @Override
    public BatchReader open(List<String> columns, ScanContext ctx) {
        return new RowGroupReader(columns, ScanFilter.NONE, ctx);
    }

    /**
     * Range and string tests run on the column's dictionary, never materializing it; the
     * predicate runs on its columns next, and the returned columns are decoded only for the rows
     * that pass.
     */
    @Override
    public BatchReader open(List<String> columns, ScanFilter filter, ScanContext ctx) {
        return new RowGroupReader(columns, filter, ctx);
    }

    /** What went wrong while reading: the file's fault (INVALID_DATA) unless it is the query's memory or a cancel. */
    private PolaroidException failure(Exception e) {
        if (e instanceof PolaroidException p && p.code() != ErrorCode.INTERNAL) {
            return p;
        }
        PolaroidException wrapped = PolaroidException.wrap(e);
        if (wrapped.code() == ErrorCode.RESOURCE_EXHAUSTED || wrapped.code() == ErrorCode.CANCELLED) {
            return wrapped;
        }
        return new PolaroidException(ErrorCode.INVALID_DATA, "cannot read " + describe() + ": " + files.mask(e.getMessage()), e);
    }

    /** Decodes the requested column chunks of the row group, batch by batch. */
    private final class RowGroupReader implements BatchReader {
        private final ScanContext ctx;
        private final Schema outSchema;
        private final ScanFilter filter;
        private final Schema predicateSchema;
        private final HeapMemory memory;
        private ParquetFileReader reader;
        /** The row group's column chunks; closing it hands their buffers back to the allocator. */
        private PageReadStore pages;
        /** One decoder per column read (none for all-null columns), by name. */
        private final Map<String, ColumnChunkDecoder> decoders = new LinkedHashMap<>();
        /** The runtime join filters, each with what this reader learnt of its use. */
        private final JoinKeyCheck[] joinKeys;
        /** The range tests, then the string tests of each tested column, combined. */
        private final List<ColumnTest> columnTests = new ArrayList<>();
        /** The columns {@link #columnTests} test. */
        private final Set<String> testedColumns = new HashSet<>();
        /** The columns whose data pages in this row group are all dictionary-encoded (from the footer). */
        private final Set<String> allDictionary = new HashSet<>();
        private long rowsLeft;
        private int batchIndex;

        RowGroupReader(List<String> columns, ScanFilter filter, ScanContext ctx) {
            this.ctx = ctx;
            this.filter = filter;
            this.outSchema = schema.select(columns);
            this.predicateSchema = schema.select(filter.predicateColumns());
            this.memory = new HeapMemory(ctx.allocator(), "Parquet reader");
            Map<String, List<StringTest>> byColumn = new LinkedHashMap<>();
            for (StringTest t : filter.tests()) {
                byColumn.computeIfAbsent(t.column(), c -> new ArrayList<>()).add(t);
            }
            joinKeys = filter.joinKeys().stream().map(JoinKeyCheck::new).toArray(JoinKeyCheck[]::new);
            columnTests.addAll(filter.ranges());
            byColumn.forEach((c, ts) -> columnTests.add(StringTest.allOf(ts)));
            columnTests.forEach(t -> testedColumns.add(t.column()));
            try {
                MessageType fileSchema = file.footer().getFileMetaData().getSchema();
                Schema fileColumns = file.schema();
                Map<String, ColumnDescriptor> wanted = new LinkedHashMap<>();
                long chunkBytes = 0;
                for (String c : filter.readColumns(columns)) {
                    if (!fileSchema.containsField(c)) {
                        throw new PolaroidException(ErrorCode.INVALID_DATA, "column '" + c + "' is missing from " + file.path());
                    }
                    DataType t = fileColumns.field(c).type();
                    if (!t.equals(schema.field(c).type())) {
                        throw new PolaroidException(ErrorCode.INVALID_DATA, "column '" + c + "' is " + t + " in " + file.path()
                                + " but " + schema.field(c).type() + " in the first file");
                    }
                    if (t.kind() != TypeKind.NULL) {
                        wanted.put(c, fileSchema.getColumnDescription(new String[] {c}));
                    }
                    for (ColumnChunkMetaData chunk : block().getColumns()) {
                        if (chunk.getPath().toDotString().equals(c)) {
                            chunkBytes += chunk.getTotalSize();
                            EncodingStats stats = chunk.getEncodingStats();
                            if (stats != null && stats.hasDictionaryPages() && !stats.hasNonDictionaryEncodedPages()) {
                                allDictionary.add(c);
                            }
                        }
                    }
                }
                memory.grow(chunkBytes);
                FileSystemInputFile input = new FileSystemInputFile(files, file.status());
                reader = new ParquetFileReader(input, file.footer(), readOptions(file.status()), input.newStream());
                reader.setRequestedSchema(List.copyOf(wanted.values()));
                pages = readPages(reader);
                rowsLeft = rows();
                for (Map.Entry<String, ColumnDescriptor> e : wanted.entrySet()) {
                    ColumnChunkDecoder decoder = new ColumnChunkDecoder(e.getValue(), pages.getPageReader(e.getValue()),
                            schema.field(e.getKey()).type(), ctx.allocator());
                    decoders.put(e.getKey(), decoder);
                    decoder.skipRows(firstRow);
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw failure(e);
            }
        }

        /**
         * A local file is read with plain reads into {@link ChunkBuffers}: Hadoop's vectored reads of
         * a local file go through a thread pool and never hand their buffers back. Remote files keep
         * vectored reads, which fetch a row group's ranges in parallel.
         */
        private ParquetReadOptions readOptions(FileStatus status) {
            ParquetReadOptions.Builder options = HadoopReadOptions.builder(files.conf()).withCodecFactory(new PageCodecs(files.conf()));
            if ("file".equals(status.getPath().toUri().getScheme())) {
                options.withUseHadoopVectoredIo(false).withAllocator(ChunkBuffers.SHARED);
            }
            return options.build();
        }

        /**
         * The row group's pages of the requested columns: of a slice, only those that hold its rows,
         * where the file's offset index tells (each page then says its first row); else all of them.
         */
        private PageReadStore readPages(ParquetFileReader reader) throws IOException {
            if (isSlice()) {
                try {
                    return reader.readFilteredRowGroup(rowGroup, new RowSpan(firstRow, firstRow + rows()).in(block().getRowCount()));
                } catch (MissingOffsetIndexException e) {
                    // no offset index: every page is read, and the ones before the slice passed over
                }
            }
            return reader.readRowGroup(rowGroup);
        }

        @Override
        public Batch next() {
            while (rowsLeft > 0) {
                int n = (int) Math.min(ctx.batchRows(), rowsLeft);
                Batch b;
                try {
                    b = read(n);
                } catch (RuntimeException e) {
                    throw failure(e);
                }
                rowsLeft -= n;
                batchIndex++;
                if (b != null) {
                    return b;
                }
            }
            return null;
        }

        /**
         * The next {@code n} rows: the tests narrow the rows to decode, the predicate (on its
         * columns, decoded for those rows) narrows them further, and only then are the returned
         * columns decoded, for the rows that remain. Null when no row passes.
         */
        private Batch read(int n) {
            Set<String> consumed = new HashSet<>();
            Map<String, TestedColumn> tested = new HashMap<>();
            // key columns a runtime join filter decoded, for the rows still selected
            Map<String, FieldVector> early = new HashMap<>();
            int[] sel = null;
            int m = n;
            Batch predicateInput = null;
            int[] passed = null;
            try {
                Map<JoinKeyCheck, LongPredicate> byEntry = checksByEntry();
                if (!columnTests.isEmpty() || !byEntry.isEmpty()) {
                    long[] pass = Bits.ones(n);
                    for (ColumnTest t : columnTests) {
                        test(t, n, pass, tested);
                        consumed.add(t.column());
                    }
                    for (Map.Entry<JoinKeyCheck, LongPredicate> e : byEntry.entrySet()) {
                        String column = e.getKey().filter().column();
                        int asked = Bits.count(pass, n);
                        test(new KeySetTest(column, e.getValue()), n, pass, tested);
                        consumed.add(column);
                        e.getKey().count(asked, Bits.count(pass, n));
                    }
                    sel = new int[n];
                    m = Bits.positions(pass, n, sel);
                }
                // runtime join filters on columns the predicate does not read go first: they
                // are often the most selective, and cheap
                for (JoinKeyCheck check : joinKeys) {
                    if (m > 0 && !byEntry.containsKey(check) && !predicateSchema.contains(check.filter().column())) {
                        Chosen c = applyJoinKeys(check, n, sel, m, null, null, consumed, tested, early);
                        sel = c.sel();
                        m = c.m();
                    }
                }
                if (m > 0 && filter.predicate() != null) {
                    predicateInput = decode(predicateSchema, n, m == n ? null : sel, m, tested);
                    consumed.addAll(filter.predicateColumns());
                    passed = new int[m];
                    int k = filter.predicate().select(predicateInput, ctx.allocator(), passed);
                    int[] kept = new int[k];
                    for (int i = 0; i < k; i++) {
                        kept[i] = m == n ? passed[i] : sel[passed[i]];
                    }
                    if (k < m) {
                        takeEach(early, passed, k);
                    }
                    sel = kept;
                    m = k;
                }
                for (JoinKeyCheck check : joinKeys) {
                    if (m > 0 && !byEntry.containsKey(check) && predicateSchema.contains(check.filter().column())) {
                        Chosen c = applyJoinKeys(check, n, sel, m, predicateInput, passed, consumed, tested, early);
                        sel = c.sel();
                        m = c.m();
                    }
                }
                long bytes = predicateInput == null ? 0 : predicateInput.bytes();
                Batch out = null;
                if (m > 0) {
                    out = outputs(predicateInput, passed, n, m == n ? null : sel, m, consumed, tested, early);
                    bytes += out.bytes();
                }
                for (Map.Entry<String, ColumnChunkDecoder> e : decoders.entrySet()) {
                    if (!consumed.contains(e.getKey())) {
                        e.getValue().skip(n);
                    }
                }
                ctx.addScanned(n, bytes);
                return out;
            } finally {
                if (predicateInput != null) {
                    predicateInput.close();
                }
                early.values().forEach(FieldVector::close);
                tested.values().forEach(TestedColumn::close);
            }
        }

        /**
         * The runtime join filters this batch asks once per dictionary entry, with their keys: those
         * whose key column is dictionary-encoded on every page, read by neither the predicate nor
         * another test, whose join has published its keys and asking still pays. One per column:
         * a column's decoder keeps one answer per entry.
         */
        private Map<JoinKeyCheck, LongPredicate> checksByEntry() {
            if (joinKeys.length == 0) {
                return Map.of();
            }
            Map<JoinKeyCheck, LongPredicate> out = new LinkedHashMap<>();
            Set<String> columns = new HashSet<>();
            for (JoinKeyCheck check : joinKeys) {
                String column = check.filter().column();
                ColumnChunkDecoder decoder = decoders.get(column);
                if (decoder == null || !allDictionary.contains(column) || !decoder.testsEntries()
                        || predicateSchema.contains(column) || testedColumns.contains(column) || !columns.add(column)) {
                    continue;
                }
                LongPredicate keys = check.filter().keys(ctx);
                if (keys != null && check.useful()) {
                    out.put(check, keys);
                }
            }
            return out;
        }

        /** Rows {@code sel[0 .. m)} of a batch's n (all n when m == n). */
        private record Chosen(int[] sel, int m) {
        }

        /**
         * Narrows rows {@code sel[0 .. m)} (all n when m == n) to those whose key may be in the
         * join's build side, when the join has published its keys and asking still pays. The key
         * comes from the predicate's input (rows {@code passed}), a vector decoded early, a
         * tested column, or is decoded now and kept in {@code early}; {@code passed} and the early
         * vectors are narrowed with the rows.
         */
        private Chosen applyJoinKeys(JoinKeyCheck check, int n, int[] sel, int m, Batch predicateInput, int[] passed,
                                     Set<String> consumed, Map<String, TestedColumn> tested, Map<String, FieldVector> early) {
            java.util.function.LongPredicate keys = check.filter().keys(ctx);
            if (keys == null || !check.useful()) {
                return new Chosen(sel, m);
            }
            String column = check.filter().column();
            int p = predicateInput == null ? -1 : predicateSchema.indexOf(column);
            FieldVector key = p >= 0 ? predicateInput.column(p) : early.get(column);
            if (key == null) {
                TestedColumn t = tested.get(column);
                key = t != null ? t.take(m == n ? null : sel, m) : decode(outSchema.field(column), n, m == n ? null : sel, m);
                consumed.add(column);
                early.put(column, key);
            }
            int[] kept = check.keep(key, p >= 0 ? passed : null, m, keys);
            int k = kept.length;
            if (k == m) {
                return new Chosen(sel, m);
            }
            int[] narrowed = new int[k];
            for (int j = 0; j < k; j++) {
                narrowed[j] = m == n ? kept[j] : sel[kept[j]];
            }
            if (passed != null) {
                for (int j = 0; j < k; j++) {
                    passed[j] = passed[kept[j]];
                }
            }
            takeEach(early, kept, k);
            return new Chosen(narrowed, k);
        }

        /** Replaces each vector by its rows {@code rows[0 .. k)}. */
        private void takeEach(Map<String, FieldVector> vectors, int[] rows, int k) {
            for (Map.Entry<String, FieldVector> e : vectors.entrySet()) {
                try (FieldVector all = e.getValue()) {
                    e.setValue(Vectors.take(all, rows, k, ctx.allocator()));
                }
            }
        }

        /**
         * Runs a column's test on the next {@code n} rows, clearing the bits of the rows that
         * fail; a column the scan also returns, or the predicate reads, is kept in {@code tested},
         * to be made into values only for the rows that pass.
         */
        private void test(ColumnTest test, int n, long[] pass, Map<String, TestedColumn> tested) {
            String column = test.column();
            ColumnChunkDecoder decoder = decoders.get(column);
            if (!outSchema.contains(column) && !predicateSchema.contains(column)) {
                decoder.readTest(test, n, pass, null);
            } else if (allDictionary.contains(column) && decoder.testsEntries()) {
                tested.put(column, TestedColumn.codes(decoder, test, n, pass));
            } else {
                tested.put(column, TestedColumn.decoded(decode(schema.field(column), n, null, n), test, n, pass, ctx.allocator()));
            }
        }

        /**
         * The returned columns for rows {@code sel[0 .. m)} of the next n (all when sel is null):
         * those the predicate read come from its input, rows {@code passed[0 .. m)} of it.
         */
        private Batch outputs(Batch predicateInput, int[] passed, int n, int[] sel, int m, Set<String> consumed,
                              Map<String, TestedColumn> tested, Map<String, FieldVector> early) {
            List<FieldVector> columns = new ArrayList<>(outSchema.size());
            try {
                for (Field f : outSchema.fields()) {
                    int p = predicateSchema.indexOf(f.name());
                    if (early.containsKey(f.name())) {
                        columns.add(Vectors.share(early.get(f.name())));
                    } else if (predicateInput != null && p >= 0) {
                        FieldVector v = predicateInput.column(p);
                        columns.add(m == predicateInput.rowCount() ? Vectors.share(v) : Vectors.take(v, passed, m, ctx.allocator()));
                    } else if (tested.containsKey(f.name())) {
                        columns.add(tested.get(f.name()).take(sel, m));
                    } else {
                        columns.add(decode(f, n, sel, m));
                        consumed.add(f.name());
                    }
                }
            } catch (RuntimeException | Error e) {
                columns.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(outSchema, columns, m, batchIndex);
        }

        /** Rows {@code sel[0 .. m)} of the next n of the columns (all n when sel is null); tested columns come from their test. */
        private Batch decode(Schema columns, int n, int[] sel, int m, Map<String, TestedColumn> tested) {
            List<FieldVector> vectors = new ArrayList<>(columns.size());
            try {
                for (Field f : columns.fields()) {
                    TestedColumn t = tested.get(f.name());
                    vectors.add(t != null ? t.take(sel, m) : decode(f, n, sel, m));
                }
            } catch (RuntimeException | Error e) {
                vectors.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(columns, vectors, m, batchIndex);
        }

        /** Rows {@code sel[0 .. m)} of the next n of one column (all n when sel is null). */
        private FieldVector decode(Field f, int n, int[] sel, int m) {
            ColumnChunkDecoder decoder = decoders.get(f.name());
            if (f.type().kind() == TypeKind.NULL) {
                FieldVector nulls = Vectors.allocate(f.type(), f.name(), m, ctx.allocator());
                nulls.setValueCount(m);
                return nulls;
            }
            if (f.type().kind().isVarBytes()) {
                Utf8Writer writer = new Utf8Writer(f.type(), m, 16L * m, ctx.allocator());
                try {
                    if (sel == null) {
                        decoder.readStrings(writer, n);
                    } else {
                        decoder.readStrings(writer, n, sel, m);
                    }
                } catch (RuntimeException | Error e) {
                    writer.closeOnError();
                    throw e;
                }
                return writer.finish();
            }
            FieldVector v = Vectors.allocate(f.type(), f.name(), m, ctx.allocator());
            try {
                if (sel == null) {
                    decoder.readFixed(v, n);
                } else {
                    decoder.readFixed(v, n, sel, m);
                }
                return v;
            } catch (RuntimeException | Error e) {
                v.close();
                throw e;
            }
        }

        @Override
        public void close() {
            decoders.values().forEach(ColumnChunkDecoder::close);
            decoders.clear();
            try {
                if (pages != null) {
                    PageReadStore held = pages;
                    pages = null;
                    held.close();
                }
            } finally {
                // the file and the memory reservation go even if handing the buffers back failed
                if (reader != null) {
                    try {
                        reader.close();
                    } catch (IOException ignored) {
                        // nothing was written; a failed close of an input file loses nothing
                    }
                    reader = null;
                }
                memory.close();
            }
        }
    }
}
