package io.polaroid.engine.plan;

import io.polaroid.engine.expr.BoundExpr;
import java.util.Objects;

/** A resolved sort key. */
public record SortSpec(BoundExpr expr, boolean descending, boolean nullsLast) {
    public SortSpec {
        Objects.requireNonNull(expr, "expr");
    }

    public SortSpec withExpr(BoundExpr e) {
        return new SortSpec(e, descending, nullsLast);
    }

    @Override
    public String toString() {
        return expr + (descending ? " DESC" : "") + (nullsLast ? " NULLS LAST" : "");
    }
}
