package io.polaroid.engine.dsl;

/** How a join keeps rows, as Polars' {@code how=}. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, CROSS
}
