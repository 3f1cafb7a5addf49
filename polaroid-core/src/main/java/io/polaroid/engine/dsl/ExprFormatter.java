package io.polaroid.engine.dsl;

import io.polaroid.engine.types.Scalars;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints unresolved expressions the way a user wrote them: {@code (col("a") + 1) > col("b")}, {@code col("s").str.contains("x")}. */
public final class ExprFormatter {
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry(FunctionNames.ADD, "+"), Map.entry(FunctionNames.SUB, "-"), Map.entry(FunctionNames.MUL, "*"),
            Map.entry(FunctionNames.TRUEDIV, "/"), Map.entry(FunctionNames.FLOORDIV, "//"), Map.entry(FunctionNames.MOD, "%"),
            Map.entry(FunctionNames.EQ, "=="), Map.entry(FunctionNames.NE, "!="), Map.entry(FunctionNames.LT, "<"),
            Map.entry(FunctionNames.LE, "<="), Map.entry(FunctionNames.GT, ">"), Map.entry(FunctionNames.GE, ">="),
            Map.entry(FunctionNames.AND, "&"), Map.entry(FunctionNames.OR, "|"));

    private ExprFormatter() {
    }

    public static String format(Expr expr) {
        return format(expr, true);
    }

    private static String format(Expr expr, boolean top) {
        if (expr instanceof Expr.Column c) {
            return "col(\"" + c.name() + "\")";
        }
        if (expr instanceof Expr.Literal l) {
            if (l.value() == null) {
                return "null";
            }
            return switch (l.type().kind()) {
                case UTF8 -> "\"" + l.value() + "\"";
                case DATE32 -> "date(" + Scalars.format(l.value(), l.type()) + ")";
                default -> Scalars.format(l.value(), l.type());
            };
        }
        if (expr instanceof Expr.Alias a) {
            return format(a.expr(), false) + ".alias(\"" + a.name() + "\")";
        }
        if (expr instanceof Expr.Cast c) {
            return format(c.expr(), false) + ".cast(" + c.type() + ")";
        }
        if (expr instanceof Expr.Window w) {
            String order = w.orderBy().isEmpty() ? "" : (w.partitionBy().isEmpty() ? "" : ", ") + "order_by=["
                    + w.orderBy().stream().map(k -> format(k.expr(), true) + (k.descending() ? " desc" : ""))
                    .collect(Collectors.joining(", ")) + "]";
            return format(w.expr(), false) + ".over(" + w.partitionBy().stream().map(k -> format(k, true))
                    .collect(Collectors.joining(", ")) + order + ")";
        }
        if (expr instanceof Expr.When w) {
            StringBuilder sb = new StringBuilder();
            for (Expr.Branch b : w.branches()) {
                sb.append(sb.length() == 0 ? "when(" : ".when(").append(format(b.condition())).append(").then(")
                        .append(format(b.then())).append(")");
            }
            if (w.otherwise() != null) {
                sb.append(".otherwise(").append(format(w.otherwise())).append(")");
            }
            return sb.toString();
        }
        Expr.Call call = (Expr.Call) expr;
        String op = OPERATORS.get(call.function());
        boolean chain = call.function().equals(FunctionNames.AND) || call.function().equals(FunctionNames.OR);
        if (op != null && (call.args().size() == 2 || chain && call.args().size() > 2)) {
            String s = call.args().stream().map(a -> format(a, false)).collect(Collectors.joining(" " + op + " "));
            return top ? s : "(" + s + ")";
        }
        if (call.function().equals(FunctionNames.NOT) && call.args().size() == 1) {
            return "~" + format(call.args().get(0), false);
        }
        if (call.function().equals(FunctionNames.NEG) && call.args().size() == 1) {
            return "-" + format(call.args().get(0), false);
        }
        if (call.args().isEmpty()) {
            return call.function() + "()";
        }
        String rest = call.args().stream().skip(1).map(a -> format(a, true)).collect(Collectors.joining(", "));
        return format(call.args().get(0), false) + "." + call.function() + "(" + rest + ")";
    }
}
