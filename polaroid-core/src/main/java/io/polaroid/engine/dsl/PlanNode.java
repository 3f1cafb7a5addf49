package io.polaroid.engine.dsl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An unresolved plan node: what the user asked for, one node per call of the API. It is the
 * value that travels on the wire ({@code polaroid.v1.Relation}); nothing in it is resolved.
 */
public sealed interface PlanNode permits PlanNode.Scan, PlanNode.InMemory, PlanNode.Filter, PlanNode.Select,
        PlanNode.WithColumns, PlanNode.Aggregate, PlanNode.Join, PlanNode.Sort, PlanNode.Slice, PlanNode.Unique,
        PlanNode.Union, PlanNode.Rename, PlanNode.Drop, PlanNode.Explode, PlanNode.Sql {

    /** Files, folders or globs of one format. */
    /** Files of one format; {@code storageOptions}: how this scan alone reaches its object store. */
    record Scan(ScanFormat format, List<String> paths, CsvOptions csv, StorageOptions storageOptions) implements PlanNode {
        public Scan {
            Objects.requireNonNull(format, "format");
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("a scan needs at least one path");
            }
            csv = csv == null ? CsvOptions.DEFAULT : csv;
            storageOptions = storageOptions == null ? StorageOptions.NONE : storageOptions;
        }

        public Scan(ScanFormat format, List<String> paths, CsvOptions csv) {
            this(format, paths, csv, StorageOptions.NONE);
        }
    }

    /** Rows carried in the plan, as an Arrow IPC stream. */
    record InMemory(byte[] arrowIpc) implements PlanNode {
        public InMemory {
            Objects.requireNonNull(arrowIpc, "arrowIpc");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InMemory other && Arrays.equals(arrowIpc, other.arrowIpc);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arrowIpc);
        }

        @Override
        public String toString() {
            return "InMemory[" + arrowIpc.length + " bytes]";
        }
    }

    record Filter(PlanNode input, Expr predicate) implements PlanNode {
        public Filter {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(predicate, "predicate");
        }
    }

    record Select(PlanNode input, List<Expr> exprs) implements PlanNode {
        public Select {
            Objects.requireNonNull(input, "input");
            exprs = List.copyOf(exprs);
        }
    }

    record WithColumns(PlanNode input, List<Expr> exprs) implements PlanNode {
        public WithColumns {
            Objects.requireNonNull(input, "input");
            exprs = List.copyOf(exprs);
        }
    }

    record Aggregate(PlanNode input, List<Expr> keys, List<Expr> aggs, boolean maintainOrder) implements PlanNode {
        public Aggregate {
            Objects.requireNonNull(input, "input");
            keys = List.copyOf(keys);
            aggs = List.copyOf(aggs);
        }
    }

    record Join(PlanNode left, PlanNode right, List<Expr> leftOn, List<Expr> rightOn, JoinType how,
                String suffix) implements PlanNode {
        public static final String DEFAULT_SUFFIX = "_right";

        public Join {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(how, "how");
            leftOn = List.copyOf(leftOn);
            rightOn = List.copyOf(rightOn);
            suffix = suffix == null || suffix.isEmpty() ? DEFAULT_SUFFIX : suffix;
        }
    }

    record Sort(PlanNode input, List<SortKey> keys, boolean maintainOrder) implements PlanNode {
        public Sort {
            Objects.requireNonNull(input, "input");
            keys = List.copyOf(keys);
        }
    }

    /** Rows {@code offset} to {@code offset + length}; a null length means to the end. */
    record Slice(PlanNode input, long offset, Long length) implements PlanNode {
        public Slice {
            Objects.requireNonNull(input, "input");
        }
    }

    /** Drops duplicate rows, comparing the {@code subset} columns (all columns when empty). */
    record Unique(PlanNode input, List<String> subset, UniqueKeep keep, boolean maintainOrder) implements PlanNode {
        public Unique {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(keep, "keep");
            subset = List.copyOf(subset);
        }
    }

    /** Rows of all inputs, one after the other (Polars' vertical concat). */
    record Union(List<PlanNode> inputs) implements PlanNode {
        public Union {
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("a union needs at least one input");
            }
        }
    }

    record Rename(PlanNode input, List<Renaming> columns) implements PlanNode {
        public Rename {
            Objects.requireNonNull(input, "input");
            columns = List.copyOf(columns);
        }
    }

    record Renaming(String from, String to) {
        public Renaming {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    record Drop(PlanNode input, List<String> columns) implements PlanNode {
        public Drop {
            Objects.requireNonNull(input, "input");
            columns = List.copyOf(columns);
        }
    }

    /**
     * Polars' explode: one row per value of the list {@code columns}, the other columns repeated. An
     * empty list gives no row, or one null row when {@code emptyAsNull}; a null list one null row,
     * or none unless {@code keepNulls} (Polars' defaults: false, true).
     */
    record Explode(PlanNode input, List<String> columns, boolean emptyAsNull, boolean keepNulls) implements PlanNode {
        public Explode(PlanNode input, List<String> columns) {
            this(input, columns, false, true);
        }

        public Explode {
            Objects.requireNonNull(input, "input");
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("explode needs at least one column");
            }
        }
    }

    /**
     * A SQL query over named relations ({@code tables}; the engine's catalog and the
     * {@code read_parquet('path')} table functions besides), with values for its {@code ?}
     * placeholders. The engine turns it into the plan it means before analysis.
     */
    record Sql(String query, Map<String, PlanNode> tables, List<Expr> parameters) implements PlanNode {
        public Sql {
            Objects.requireNonNull(query, "query");
            tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
            parameters = List.copyOf(parameters);
        }

        public Sql(String query, Map<String, PlanNode> tables) {
            this(query, tables, List.of());
        }
    }
}
