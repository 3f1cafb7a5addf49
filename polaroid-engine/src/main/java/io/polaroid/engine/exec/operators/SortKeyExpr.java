package io.polaroid.engine.exec.operators;

import io.polaroid.engine.kernels.PhysicalExpr;

/** A compiled sort key. */
public record SortKeyExpr(PhysicalExpr expr, boolean descending, boolean nullsLast) {
    @Override
    public String toString() {
        return expr + (descending ? " DESC" : "") + (nullsLast ? " NULLS LAST" : "");
    }
}
