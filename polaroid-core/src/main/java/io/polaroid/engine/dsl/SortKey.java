package io.polaroid.engine.dsl;

import java.util.Objects;

/** One key of a sort: ascending with nulls first unless told otherwise (as in Polars). */
public record SortKey(Expr expr, boolean descending, boolean nullsLast) {
    public SortKey {
        Objects.requireNonNull(expr, "sort expression");
    }
}
