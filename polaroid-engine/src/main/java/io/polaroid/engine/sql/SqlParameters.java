package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;

/**
 * The values of a query's {@code ?} placeholders, and, for a statement being prepared (no values
 * yet), the type each placeholder takes from what it is compared with: a column's type, a
 * literal's type; null where nothing says.
 */
final class SqlParameters {
    private final List<Expr> values;
    private final boolean bound;
    private final Map<String, DataType> columnTypes;
    private final List<DataType> types = new ArrayList<>();

    /** {@code values} null: unbound, every placeholder reads as a null while its type is learned. */
    SqlParameters(List<Expr> values, Map<String, DataType> columnTypes) {
        this.values = values == null ? List.of() : values;
        this.bound = values != null;
        this.columnTypes = columnTypes;
    }

    Expr get(int index) {
        while (types.size() <= index) {
            types.add(null);
        }
        if (!bound) {
            return Expr.Literal.of(null, DataType.NULL);
        }
        if (index >= values.size()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "the query has a ? placeholder number " + (index + 1)
                    + " but " + values.size() + " value(s) were given");
        }
        return values.get(index);
    }

    /** {@code node}, if a placeholder, stands against {@code partner}: its type is the partner's. */
    void observe(SqlNode node, Expr partner) {
        if (!(node instanceof SqlDynamicParam p)) {
            return;
        }
        DataType t = null;
        if (partner instanceof Expr.Column c) {
            t = columnTypes.get(c.name());
        } else if (partner instanceof Expr.Literal l && !l.type().equals(DataType.NULL)) {
            t = l.type();
        }
        while (types.size() <= p.getIndex()) {
            types.add(null);
        }
        if (t != null && types.get(p.getIndex()) == null) {
            types.set(p.getIndex(), t);
        }
    }

    /** The type of a FROM item's column, by its name in the plan; null if unknown. */
    DataType columnType(String internal) {
        return columnTypes.get(internal);
    }

    /** One entry per placeholder seen: its type, or null. */
    List<DataType> types() {
        return java.util.Collections.unmodifiableList(types);
    }

    /** Fails when values were given that no placeholder takes. */
    void checkAllUsed() {
        if (bound && values.size() > types.size()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, values.size() + " parameter value(s) were given but the query has "
                    + types.size() + " ? placeholder(s)");
        }
    }
}
