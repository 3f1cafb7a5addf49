package io.polaroid;

import java.util.ArrayList;
import java.util.List;

/** A {@code when(condition)} waiting for its {@code then(value)}. */
public final class When {
    private final List<io.polaroid.engine.dsl.Expr.Branch> branches;
    private final io.polaroid.engine.dsl.Expr condition;

    When(List<io.polaroid.engine.dsl.Expr.Branch> branches, io.polaroid.engine.dsl.Expr condition) {
        this.branches = branches;
        this.condition = condition;
    }

    public Then then(Object value) {
        List<io.polaroid.engine.dsl.Expr.Branch> all = new ArrayList<>(branches);
        all.add(new io.polaroid.engine.dsl.Expr.Branch(condition, Expr.toNode(value)));
        return new Then(all);
    }

    /** A when/then chain: an expression (null where no condition holds) that can take more branches or an otherwise. */
    public static final class Then extends Expr {
        private final List<io.polaroid.engine.dsl.Expr.Branch> branches;

        Then(List<io.polaroid.engine.dsl.Expr.Branch> branches) {
            super(new io.polaroid.engine.dsl.Expr.When(branches, null));
            this.branches = branches;
        }

        public When when(Object condition) {
            return new When(branches, Expr.toNode(condition));
        }

        public Expr otherwise(Object value) {
            return new Expr(new io.polaroid.engine.dsl.Expr.When(branches, Expr.toNode(value)));
        }
    }
}
