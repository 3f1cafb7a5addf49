package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import java.util.stream.Collectors;

/** Prints resolved expressions the way plans show them: {@code (a + 1) > b}, {@code str.contains(s, 'x')}. */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(BoundExpr expr) {
        if (expr instanceof BoundExpr.Call c) {
            if (c.fn().isBinaryOperator() && c.args().size() == 2) {
                return "(" + c.args().get(0) + " " + c.fn().symbol() + " " + c.args().get(1) + ")";
            }
            if (c.fn() == ScalarFn.NEG) {
                return "-" + c.args().get(0);
            }
            return c.fn().symbol() + c.args().stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
        }
        if (expr instanceof BoundExpr.Cast c) {
            return "cast(" + c.input() + " AS " + c.type() + (c.strict() ? ", strict" : "") + ")";
        }
        if (expr instanceof BoundExpr.Case c) {
            StringBuilder sb = new StringBuilder("CASE");
            for (int i = 0; i < c.conditions().size(); i++) {
                sb.append(" WHEN ").append(c.conditions().get(i)).append(" THEN ").append(c.values().get(i));
            }
            return sb.append(" ELSE ").append(c.otherwise()).append(" END").toString();
        }
        return expr.toString();
    }

    public static String literal(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        return switch (type.kind()) {
            case UTF8 -> "'" + value.toString().replace("'", "''") + "'";
            case DATE32 -> "date '" + Scalars.format(value, type) + "'";
            case TIMESTAMP -> "timestamp '" + Scalars.format(value, type) + "'";
            case DECIMAL -> Scalars.format(value, type) + "::" + type;
            case INTERVAL -> "interval '" + value + "'";
            default -> Scalars.format(value, type);
        };
    }
}
