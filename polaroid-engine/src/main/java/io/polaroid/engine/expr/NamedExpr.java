package io.polaroid.engine.expr;

import java.util.Objects;

/** An expression and the name of the column it produces. */
public record NamedExpr(String name, BoundExpr expr) {
    public NamedExpr {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
    }

    @Override
    public String toString() {
        return expr instanceof BoundExpr.ColumnRef c && c.name().equals(name) ? name : expr + " AS " + name;
    }
}
