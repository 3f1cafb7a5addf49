package io.polaroid.engine.io.filter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a scan keeps of each morsel, for the reader to apply: range tests of integer-like columns
 * and string tests (a Parquet reader runs both once per dictionary entry), then a predicate over
 * {@code predicateColumns}. A reader that can decodes the other columns, and the tested ones it
 * returns or the predicate reads, only for the rows that pass (late materialization).
 *
 * @param tests            string tests, each of a column not in predicateColumns
 * @param ranges           range tests, at most one per column; the predicate may read their
 *                         columns too
 * @param predicateColumns the columns {@code predicate} reads, in the order of its input batch
 * @param predicate        the other filters, or null
 * @param joinKeys         runtime filters from joins above the scan, on columns the scan returns:
 *                         applied after the tests, before the predicate unless it reads their
 *                         column, when their join has published its keys
 */
public record ScanFilter(List<StringTest> tests, List<RangeTest> ranges, List<String> predicateColumns,
                         RowPredicate predicate, List<JoinKeyFilter> joinKeys) {
    public static final ScanFilter NONE = new ScanFilter(List.of(), List.of(), null);

    public ScanFilter(List<StringTest> tests, List<String> predicateColumns, RowPredicate predicate) {
        this(tests, List.of(), predicateColumns, predicate, List.of());
    }

    public ScanFilter(List<StringTest> tests, List<RangeTest> ranges, List<String> predicateColumns, RowPredicate predicate) {
        this(tests, ranges, predicateColumns, predicate, List.of());
    }

    /** This filter, and also the keys of {@code joinKeys}. */
    public ScanFilter withJoinKeys(List<JoinKeyFilter> keys) {
        List<JoinKeyFilter> all = new ArrayList<>(joinKeys);
        all.addAll(keys);
        return new ScanFilter(tests, ranges, predicateColumns, predicate, all);
    }

    public ScanFilter {
        tests = List.copyOf(tests);
        ranges = List.copyOf(ranges);
        joinKeys = List.copyOf(joinKeys);
        predicateColumns = List.copyOf(predicateColumns);
        if (predicate == null && !predicateColumns.isEmpty()) {
            throw new IllegalArgumentException("predicate columns without a predicate");
        }
        for (StringTest t : tests) {
            if (predicateColumns.contains(t.column())) {
                throw new IllegalArgumentException("column " + t.column() + " is both tested and read by the predicate");
            }
        }
        Set<String> ranged = new LinkedHashSet<>();
        for (RangeTest r : ranges) {
            if (!ranged.add(r.column())) {
                throw new IllegalArgumentException("column " + r.column() + " has two range tests");
            }
        }
    }

    public boolean isEmpty() {
        return tests.isEmpty() && ranges.isEmpty() && predicate == null;
    }

    /** The range tests, then the string tests. */
    public List<ColumnTest> columnTests() {
        List<ColumnTest> out = new ArrayList<>(ranges);
        out.addAll(tests);
        return out;
    }

    /** The columns only the tests read, one entry per column: range tests first, then string tests. */
    public List<String> testedColumns() {
        Set<String> out = new LinkedHashSet<>();
        ranges.forEach(r -> out.add(r.column()));
        tests.forEach(t -> out.add(t.column()));
        return List.copyOf(out);
    }

    /** {@code columns} followed by the columns only this filter reads: what a reader must decode. */
    public List<String> readColumns(List<String> columns) {
        Set<String> all = new LinkedHashSet<>(columns);
        all.addAll(predicateColumns);
        all.addAll(testedColumns());
        return new ArrayList<>(all);
    }
}
