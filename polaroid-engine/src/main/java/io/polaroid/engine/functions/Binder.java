package io.polaroid.engine.functions;

import io.polaroid.engine.expr.BoundExpr;

/**
 * The type rule of a scalar function: checks the number and types of a call's arguments, inserts
 * the casts that bring them to the types its kernel takes, and picks the result type.
 */
@FunctionalInterface
public interface Binder {
    BoundExpr bind(Binding call);
}
