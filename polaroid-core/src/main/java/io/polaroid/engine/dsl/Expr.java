package io.polaroid.engine.dsl;

import io.polaroid.engine.types.DataType;
import java.util.List;
import java.util.Objects;

/**
 * An unresolved expression, as the user wrote it: columns by name, functions and operators by
 * name. Names and types are resolved by the analyzer on the side that runs the plan.
 */
public sealed interface Expr permits Expr.Column, Expr.Literal, Expr.Alias, Expr.Cast, Expr.Call, Expr.When, Expr.Window {

    /** A column of the input, by name. */
    record Column(String name) implements Expr {
        public Column {
            Objects.requireNonNull(name, "column name");
        }
    }

    /**
     * A constant. Values use one Java representation per type (see {@link io.polaroid.engine.types.Scalars}).
     * A {@code dynamic} integer or float adapts its width to the expression it is used in, as in Polars.
     */
    record Literal(Object value, DataType type, boolean dynamic) implements Expr {
        public Literal {
            Objects.requireNonNull(type, "literal type");
        }

        public static Literal of(Object value, DataType type) {
            return new Literal(value, type, false);
        }
    }

    /** Gives the result of {@code expr} the name {@code name}. */
    record Alias(Expr expr, String name) implements Expr {
        public Alias {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(name, "alias name");
        }
    }

    /** Converts to {@code type}; with {@code strict}, a value that does not convert is an error, else null. */
    record Cast(Expr expr, DataType type, boolean strict) implements Expr {
        public Cast {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(type, "type");
        }
    }

    /** An operator, scalar function or aggregate, by name ({@link FunctionNames} lists them). */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }
    }

    /** {@code when(c1).then(v1).when(c2).then(v2).otherwise(v)}; a null {@code otherwise} means null. */
    record When(List<Branch> branches, Expr otherwise) implements Expr {
        public When {
            branches = List.copyOf(branches);
            if (branches.isEmpty()) {
                throw new IllegalArgumentException("when() needs at least one branch");
            }
        }
    }

    /**
     * {@code expr.over(partitionBy, orderBy)}: the aggregations inside {@code expr} are computed per
     * group of {@code partitionBy}, and every row gets its group's value (Polars' window
     * expressions); the order-dependent functions inside ({@code rank}, {@code cum_sum},
     * {@code shift}, ...) run over each group's rows in {@code orderBy} order, ties in row order.
     */
    record Window(Expr expr, List<Expr> partitionBy, List<SortKey> orderBy) implements Expr {
        public Window {
            Objects.requireNonNull(expr, "expr");
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
            if (partitionBy.isEmpty() && orderBy.isEmpty()) {
                throw new IllegalArgumentException("over() needs a partition key or an order");
            }
        }

        public Window(Expr expr, List<Expr> partitionBy) {
            this(expr, partitionBy, List.of());
        }
    }

    record Branch(Expr condition, Expr then) {
        public Branch {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(then, "then");
        }
    }

    static Call call(String function, Expr... args) {
        return new Call(function, List.of(args));
    }
}
