package io.polaroid.engine.plan;

/** The order in which an aggregation outputs its groups. */
public enum GroupOrder {
    /** Whatever order the hash table gives: the fastest. */
    ANY,
    /** In the order of each group's first row in the input (Polars' {@code maintain_order}). */
    FIRST_SEEN,
    /** In the order of each group's last row: {@code unique(keep="last", maintain_order=True)}. */
    LAST_SEEN
}
