package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A resolved, typed scalar expression. Columns are referred to by name; names are unique in the
 * schema of the node that holds the expression. Immutable; rewrite with {@link #withChildren}.
 */
public sealed interface BoundExpr permits BoundExpr.ColumnRef, BoundExpr.Literal, BoundExpr.Call,
        BoundExpr.Cast, BoundExpr.Case {

    DataType type();

    List<BoundExpr> children();

    BoundExpr withChildren(List<BoundExpr> children);

    record ColumnRef(String name, DataType type) implements BoundExpr {
        public ColumnRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public List<BoundExpr> children() {
            return List.of();
        }

        @Override
        public BoundExpr withChildren(List<BoundExpr> children) {
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant; the value follows {@link io.polaroid.engine.types.Scalars}. */
    record Literal(Object value, DataType type) implements BoundExpr {
        public Literal {
            Objects.requireNonNull(type, "type");
        }

        public boolean isNull() {
            return value == null;
        }

        @Override
        public List<BoundExpr> children() {
            return List.of();
        }

        @Override
        public BoundExpr withChildren(List<BoundExpr> children) {
            return this;
        }

        @Override
        public String toString() {
            return ExprPrinter.literal(value, type);
        }
    }

    record Call(ScalarFn fn, List<BoundExpr> args, DataType type) implements BoundExpr {
        public Call {
            Objects.requireNonNull(fn, "fn");
            Objects.requireNonNull(type, "type");
            args = List.copyOf(args);
        }

        @Override
        public List<BoundExpr> children() {
            return args;
        }

        @Override
        public BoundExpr withChildren(List<BoundExpr> children) {
            return children.equals(args) ? this : new Call(fn, children, type);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /** Conversion; with {@code strict}, a value that does not convert is an error, otherwise null. */
    record Cast(BoundExpr input, DataType type, boolean strict) implements BoundExpr {
        public Cast {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public List<BoundExpr> children() {
            return List.of(input);
        }

        @Override
        public BoundExpr withChildren(List<BoundExpr> children) {
            return children.get(0) == input ? this : new Cast(children.get(0), type, strict);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /** {@code when c1 then v1 ... else otherwise}; conditions are BOOL, values and otherwise of {@code type}. */
    record Case(List<BoundExpr> conditions, List<BoundExpr> values, BoundExpr otherwise, DataType type)
            implements BoundExpr {
        public Case {
            conditions = List.copyOf(conditions);
            values = List.copyOf(values);
            Objects.requireNonNull(otherwise, "otherwise");
            Objects.requireNonNull(type, "type");
            if (conditions.size() != values.size() || conditions.isEmpty()) {
                throw new IllegalArgumentException("a case needs one value per condition");
            }
        }

        @Override
        public List<BoundExpr> children() {
            List<BoundExpr> all = new ArrayList<>(conditions.size() * 2 + 1);
            for (int i = 0; i < conditions.size(); i++) {
                all.add(conditions.get(i));
                all.add(values.get(i));
            }
            all.add(otherwise);
            return all;
        }

        @Override
        public BoundExpr withChildren(List<BoundExpr> children) {
            if (children.equals(children())) {
                return this;
            }
            List<BoundExpr> conds = new ArrayList<>();
            List<BoundExpr> vals = new ArrayList<>();
            for (int i = 0; i + 1 < children.size(); i += 2) {
                conds.add(children.get(i));
                vals.add(children.get(i + 1));
            }
            return new Case(conds, vals, children.get(children.size() - 1), type);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(this);
        }
    }

    /** Rewrites bottom-up: children first, then {@code fn} on the rebuilt node. */
    static BoundExpr transformUp(BoundExpr expr, Function<BoundExpr, BoundExpr> fn) {
        List<BoundExpr> children = expr.children();
        if (!children.isEmpty()) {
            List<BoundExpr> rewritten = new ArrayList<>(children.size());
            boolean changed = false;
            for (BoundExpr child : children) {
                BoundExpr r = transformUp(child, fn);
                changed |= r != child;
                rewritten.add(r);
            }
            if (changed) {
                expr = expr.withChildren(rewritten);
            }
        }
        return fn.apply(expr);
    }
}
