package io.polaroid.engine.io.parquet;

import java.util.stream.IntStream;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;

/** Rows {@code [from, to)} of a row group as one page of an offset index: what {@link RowRanges#create} makes a range of. */
record RowSpan(long from, long to) implements OffsetIndex {
    /** These rows of a row group of {@code rowGroupRows}, as parquet-mr's {@code readFilteredRowGroup} takes them. */
    org.apache.parquet.filter2.columnindex.RowRanges in(long rowGroupRows) {
        return RowRanges.create(rowGroupRows, IntStream.of(0).iterator(), this);
    }

    @Override
    public int getPageCount() {
        return 1;
    }

    @Override
    public long getOffset(int page) {
        throw new UnsupportedOperationException("a span of rows has no place in a file");
    }

    @Override
    public int getCompressedPageSize(int page) {
        throw new UnsupportedOperationException("a span of rows has no size");
    }

    @Override
    public long getFirstRowIndex(int page) {
        return from;
    }

    @Override
    public long getLastRowIndex(int page, long rowGroupRows) {
        return to - 1;
    }
}
