package io.polaroid.engine.plan;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The resolved plan: every name is bound, every expression typed, every node knows its schema.
 * Nodes are immutable values; the optimizer rewrites them with {@link #withChildren}.
 */
public sealed interface LogicalPlan permits LogicalPlan.ScanNode, LogicalPlan.FilterNode, LogicalPlan.ProjectNode,
        LogicalPlan.AggregateNode, LogicalPlan.JoinNode, LogicalPlan.SortNode, LogicalPlan.LimitNode,
        LogicalPlan.UnionNode, LogicalPlan.WindowNode, LogicalPlan.ExplodeNode {

    Schema schema();

    List<LogicalPlan> children();

    LogicalPlan withChildren(List<LogicalPlan> children);

    /**
     * Reads {@code columns} of a source, keeps only rows for which every one of {@code filters}
     * is true (using file statistics to skip what cannot match), and stops after {@code limit} rows.
     */
    record ScanNode(DataSource source, List<String> columns, List<BoundExpr> filters, Long limit)
            implements LogicalPlan {
        public ScanNode {
            Objects.requireNonNull(source, "source");
            columns = List.copyOf(columns);
            filters = List.copyOf(filters);
        }

        public static ScanNode of(DataSource source) {
            return new ScanNode(source, source.schema().names(), List.of(), null);
        }

        @Override
        public Schema schema() {
            return source.schema().select(columns);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of();
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return this;
        }

        public ScanNode withColumns(List<String> newColumns) {
            return new ScanNode(source, newColumns, filters, limit);
        }

        public ScanNode withFilters(List<BoundExpr> newFilters) {
            return new ScanNode(source, columns, newFilters, limit);
        }

        public ScanNode withLimit(Long newLimit) {
            return new ScanNode(source, columns, filters, newLimit);
        }
    }

    record FilterNode(LogicalPlan input, BoundExpr predicate) implements LogicalPlan {
        public FilterNode {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public Schema schema() {
            return input.schema();
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new FilterNode(children.get(0), predicate);
        }
    }

    record ProjectNode(LogicalPlan input, List<NamedExpr> exprs) implements LogicalPlan {
        public ProjectNode {
            Objects.requireNonNull(input, "input");
            exprs = List.copyOf(exprs);
        }

        @Override
        public Schema schema() {
            List<Field> fields = new ArrayList<>(exprs.size());
            for (NamedExpr e : exprs) {
                fields.add(Field.of(e.name(), e.expr().type()));
            }
            return new Schema(fields);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new ProjectNode(children.get(0), exprs);
        }

        /** True when this only passes through every input column unchanged, in order. */
        public boolean isIdentity() {
            Schema in = input.schema();
            if (in.size() != exprs.size()) {
                return false;
            }
            for (int i = 0; i < exprs.size(); i++) {
                NamedExpr e = exprs.get(i);
                if (!(e.expr() instanceof BoundExpr.ColumnRef c) || !c.name().equals(e.name())
                        || !c.name().equals(in.field(i).name())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Groups by {@code keys} (none: one group) and computes {@code aggs}; output is keys then aggs. */
    record AggregateNode(LogicalPlan input, List<NamedExpr> keys, List<NamedAgg> aggs, GroupOrder order)
            implements LogicalPlan {
        public AggregateNode {
            Objects.requireNonNull(input, "input");
            keys = List.copyOf(keys);
            aggs = List.copyOf(aggs);
            Objects.requireNonNull(order, "order");
        }

        public boolean maintainOrder() {
            return order != GroupOrder.ANY;
        }

        @Override
        public Schema schema() {
            List<Field> fields = new ArrayList<>(keys.size() + aggs.size());
            for (NamedExpr k : keys) {
                fields.add(Field.of(k.name(), k.expr().type()));
            }
            for (NamedAgg a : aggs) {
                fields.add(Field.of(a.name(), a.call().type()));
            }
            return new Schema(fields);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new AggregateNode(children.get(0), keys, aggs, order);
        }
    }

    /**
     * Every input row, in input order, with one column added per window function, each computed
     * over the rows with the row's values of {@code partitionBy} (none: all rows) in
     * {@code orderBy} order, ties in input order.
     */
    record WindowNode(LogicalPlan input, List<BoundExpr> partitionBy, List<SortSpec> orderBy,
                      List<NamedWindowCall> functions) implements LogicalPlan {
        public WindowNode {
            Objects.requireNonNull(input, "input");
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
            functions = List.copyOf(functions);
        }

        @Override
        public Schema schema() {
            List<Field> fields = new ArrayList<>(input.schema().fields());
            for (NamedWindowCall f : functions) {
                fields.add(Field.of(f.name(), f.call().type()));
            }
            return new Schema(fields);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new WindowNode(children.get(0), partitionBy, orderBy, functions);
        }
    }

    /**
     * Equi-join on {@code leftKeys[i] == rightKeys[i]} (null keys never match). Output: the left
     * columns then the right ones (names are unique: the analyzer renames the right side), or only
     * one side for semi and anti joins.
     */
    record JoinNode(LogicalPlan left, LogicalPlan right, JoinKind kind, List<BoundExpr> leftKeys,
                    List<BoundExpr> rightKeys) implements LogicalPlan {
        public JoinNode {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(kind, "kind");
            leftKeys = List.copyOf(leftKeys);
            rightKeys = List.copyOf(rightKeys);
            if (leftKeys.size() != rightKeys.size()) {
                throw new IllegalArgumentException("join needs as many left keys as right keys");
            }
        }

        @Override
        public Schema schema() {
            List<Field> fields = new ArrayList<>();
            if (kind.outputsLeft()) {
                for (Field f : left.schema().fields()) {
                    fields.add(kind.keepsUnmatchedRight() ? Field.of(f.name(), f.type()) : f);
                }
            }
            if (kind.outputsRight()) {
                for (Field f : right.schema().fields()) {
                    fields.add(kind.keepsUnmatchedLeft() ? Field.of(f.name(), f.type()) : f);
                }
            }
            return new Schema(fields);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(left, right);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new JoinNode(children.get(0), children.get(1), kind, leftKeys, rightKeys);
        }
    }

    /** Sorts by {@code keys}; with a {@code fetch}, keeps only that many first rows (top-k). */
    record SortNode(LogicalPlan input, List<SortSpec> keys, Long fetch) implements LogicalPlan {
        public SortNode {
            Objects.requireNonNull(input, "input");
            keys = List.copyOf(keys);
        }

        @Override
        public Schema schema() {
            return input.schema();
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new SortNode(children.get(0), keys, fetch);
        }
    }

    /** Skips {@code offset} rows, then keeps {@code fetch} rows (all when null). */
    record LimitNode(LogicalPlan input, long offset, Long fetch) implements LogicalPlan {
        public LimitNode {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public Schema schema() {
            return input.schema();
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new LimitNode(children.get(0), offset, fetch);
        }
    }

    /** The rows of every input in turn; all inputs have the same schema. */
    record UnionNode(List<LogicalPlan> inputs) implements LogicalPlan {
        public UnionNode {
            inputs = List.copyOf(inputs);
        }

        @Override
        public Schema schema() {
            return inputs.get(0).schema();
        }

        @Override
        public List<LogicalPlan> children() {
            return inputs;
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new UnionNode(children);
        }
    }

    /**
     * One row per value of the list {@code columns} (all lists, of equal length in each row), the
     * other columns repeated; an empty list gives no row or, {@code emptyAsNull}, a null row; a null
     * list a null row if {@code keepNulls}, else none. Each exploded column's type becomes its
     * element type.
     */
    record ExplodeNode(LogicalPlan input, List<String> columns, boolean emptyAsNull, boolean keepNulls) implements LogicalPlan {
        public ExplodeNode {
            Objects.requireNonNull(input, "input");
            columns = List.copyOf(columns);
        }

        @Override
        public Schema schema() {
            List<Field> fields = new ArrayList<>();
            for (Field f : input.schema().fields()) {
                fields.add(columns.contains(f.name()) ? Field.of(f.name(), f.type().element()) : f);
            }
            return new Schema(fields);
        }

        @Override
        public List<LogicalPlan> children() {
            return List.of(input);
        }

        @Override
        public LogicalPlan withChildren(List<LogicalPlan> children) {
            return new ExplodeNode(children.get(0), columns, emptyAsNull, keepNulls);
        }
    }
}
