package io.polaroid.engine.io.parquet;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;

/**
 * Decides from a row group's min/max statistics whether any of its rows can satisfy all of a
 * scan's filters. Understands comparisons of a column with a literal, is_in, null tests, and/or,
 * and widening casts of a column; says "may match" for everything else.
 */
final class RowGroupPruner {
    private RowGroupPruner() {
    }

    static boolean mayMatch(BlockMetaData block, Schema schema, List<BoundExpr> filters) {
        for (BoundExpr f : filters) {
            if (!mayMatch(block, schema, f)) {
                return false;
            }
        }
        return true;
    }

    /** Min and max of an integer column without nulls in a row group; null when unknown. */
    static long[] integerRange(BlockMetaData block, Schema schema, String column) {
        if (!schema.contains(column) || !schema.field(column).type().isInteger()) {
            return null;
        }
        Range r = range(block, schema, new BoundExpr.ColumnRef(column, schema.field(column).type()));
        if (r == null || r.nulls() != 0 || !(r.min() instanceof Long min) || !(r.max() instanceof Long max)) {
            return null;
        }
        return new long[] {min, max};
    }

    /**
     * Min and max of a numeric, date or timestamp column in a row group, as doubles; null when
     * unknown or when every value is null.
     */
    static double[] numericRange(BlockMetaData block, Schema schema, String column) {
        if (!schema.contains(column)) {
            return null;
        }
        Range r = range(block, schema, new BoundExpr.ColumnRef(column, schema.field(column).type()));
        if (r == null || r.allNull() || !(r.min() instanceof Number min) || !(r.max() instanceof Number max)) {
            return null;
        }
        return new double[] {min.doubleValue(), max.doubleValue()};
    }

    /** Min, max and null count of a column in a row group, as engine values of its type. */
    private record Range(Object min, Object max, long nulls, long rows) {
        boolean allNull() {
            return min == null;
        }
    }

    private static boolean mayMatch(BlockMetaData block, Schema schema, BoundExpr e) {
        if (!(e instanceof BoundExpr.Call call)) {
            return !(e instanceof BoundExpr.Literal l) || !Boolean.FALSE.equals(l.value()) && l.value() != null;
        }
        List<BoundExpr> args = call.args();
        switch (call.fn()) {
            case AND:
                return mayMatch(block, schema, args.get(0)) && mayMatch(block, schema, args.get(1));
            case OR:
                return mayMatch(block, schema, args.get(0)) || mayMatch(block, schema, args.get(1));
            case IS_NULL: {
                Range r = range(block, schema, args.get(0));
                return r == null || r.nulls() != 0;
            }
            case IS_NOT_NULL: {
                Range r = range(block, schema, args.get(0));
                return r == null || r.nulls() < r.rows();
            }
            case IS_IN: {
                Range r = range(block, schema, args.get(0));
                if (r == null) {
                    return true;
                }
                for (BoundExpr v : args.subList(1, args.size())) {
                    Object x = ((BoundExpr.Literal) v).value();
                    if (x != null && compareOk(r, ScalarFn.EQ, x)) {
                        return true;
                    }
                }
                return false;
            }
            case EQ, NE, LT, LE, GT, GE: {
                ScalarFn fn = call.fn();
                BoundExpr column = args.get(0);
                BoundExpr other = args.get(1);
                if (column instanceof BoundExpr.Literal) {
                    fn = fn.flip();
                    BoundExpr t = column;
                    column = other;
                    other = t;
                }
                if (!(other instanceof BoundExpr.Literal lit)) {
                    return true;
                }
                if (lit.value() == null) {
                    return false;
                }
                Range r = range(block, schema, column);
                return r == null || compareOk(r, fn, lit.value());
            }
            default:
                return true;
        }
    }

    /** Whether some non-null value in [min, max] can satisfy {@code value_in_row fn v}. */
    private static boolean compareOk(Range r, ScalarFn fn, Object v) {
        if (r.allNull()) {
            return false;
        }
        int minCmp = Scalars.compare(r.min(), v);
        int maxCmp = Scalars.compare(r.max(), v);
        return switch (fn) {
            case EQ -> minCmp <= 0 && maxCmp >= 0;
            case NE -> !(minCmp == 0 && maxCmp == 0);
            case LT -> minCmp < 0;
            case LE -> minCmp <= 0;
            case GT -> maxCmp > 0;
            case GE -> maxCmp >= 0;
            default -> true;
        };
    }

    /** The range of a column (or a widening cast of one), or null when unknown. */
    private static Range range(BlockMetaData block, Schema schema, BoundExpr e) {
        DataType target = null;
        if (e instanceof BoundExpr.Cast c && isWidening(c.input().type(), c.type())) {
            target = c.type();
            e = c.input();
        }
        if (!(e instanceof BoundExpr.ColumnRef ref) || !schema.contains(ref.name())) {
            return null;
        }
        DataType type = schema.field(ref.name()).type();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (!chunk.getPath().toDotString().equals(ref.name())) {
                continue;
            }
            Statistics<?> stats = chunk.getStatistics();
            if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) {
                return null;
            }
            long rows = block.getRowCount();
            if (!stats.hasNonNullValue()) {
                return new Range(null, null, stats.getNumNulls(), rows);
            }
            Object min = value(stats.genericGetMin(), type);
            Object max = value(stats.genericGetMax(), type);
            if (min == null || max == null) {
                return null;
            }
            if (target != null) {
                min = Casts.convert(min, type, target, false);
                max = Casts.convert(max, type, target, false);
            }
            return new Range(min, max, stats.getNumNulls(), rows);
        }
        return null;
    }

    private static boolean isWidening(DataType from, DataType to) {
        return (from.isInteger() && (to.isInteger() || to.isFloat() || to.isDecimal()))
                || (from.isFloat() && to.isFloat())
                || (from.isDecimal() && to.isDecimal() && to.scale() >= from.scale())
                || (from.isDecimal() && to.isFloat())
                || (from.kind() == io.polaroid.engine.types.TypeKind.DATE32 && to.kind() == io.polaroid.engine.types.TypeKind.TIMESTAMP);
    }

    /** A statistics value in the engine representation of {@code type}, or null if not understood. */
    private static Object value(Object stat, DataType type) {
        switch (type.kind()) {
            case INT8, INT16, INT32:
                return stat instanceof Integer i ? (long) i : null;
            case INT64:
                if (stat instanceof Integer i) {
                    return Integer.toUnsignedLong(i);
                }
                return stat instanceof Long l ? l : null;
            case DATE32:
                return stat instanceof Integer i ? i : null;
            case TIMESTAMP:
                return stat instanceof Long l ? l : null;
            case FLOAT32, FLOAT64:
                if (stat instanceof Float f) {
                    return Float.isNaN(f) ? null : (double) f;
                }
                return stat instanceof Double d && !d.isNaN() ? d : null;
            case BOOL:
                return stat instanceof Boolean b ? b : null;
            case UTF8:
                return stat instanceof Binary b ? b.toStringUsingUTF8() : null;
            case BINARY: // min_value/max_value of BINARY are ordered unsigned, byte by byte, as Bytes is
                return stat instanceof Binary b ? io.polaroid.engine.types.Bytes.of(b.getBytes()) : null;
            case DECIMAL: {
                BigInteger unscaled;
                if (stat instanceof Integer i) {
                    unscaled = BigInteger.valueOf(i);
                } else if (stat instanceof Long l) {
                    unscaled = BigInteger.valueOf(l);
                } else if (stat instanceof Binary b) {
                    unscaled = new BigInteger(b.getBytes());
                } else {
                    return null;
                }
                return new BigDecimal(unscaled, type.scale());
            }
            default:
                return null;
        }
    }
}
