package io.polaroid.engine.functions;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.kernels.CaseExpr;
import io.polaroid.engine.kernels.CastExpr;
import io.polaroid.engine.kernels.ColumnExpr;
import io.polaroid.engine.kernels.LiteralExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/** Compiles resolved expressions into kernels bound to column positions of an input schema. */
public final class ExprCompiler {
    private final Schema input;

    public ExprCompiler(Schema input) {
        this.input = input;
    }

    public List<PhysicalExpr> compileAll(List<BoundExpr> exprs) {
        List<PhysicalExpr> out = new ArrayList<>(exprs.size());
        for (BoundExpr e : exprs) {
            out.add(compile(e));
        }
        return out;
    }

    public PhysicalExpr compile(BoundExpr e) {
        if (e instanceof BoundExpr.ColumnRef c) {
            int index = input.indexOf(c.name());
            if (index < 0) {
                throw PolaroidException.internal("column " + c.name() + " is not in " + input);
            }
            return new ColumnExpr(index, c.name(), c.type());
        }
        if (e instanceof BoundExpr.Literal l) {
            return new LiteralExpr(l.value(), l.type());
        }
        if (e instanceof BoundExpr.Cast c) {
            return new CastExpr(compile(c.input()), c.type(), c.strict(), io.polaroid.engine.expr.Exprs.sourceColumn(c.input()));
        }
        if (e instanceof BoundExpr.Case c) {
            return new CaseExpr(compileAll(c.conditions()), compileAll(c.values()), compile(c.otherwise()), c.type());
        }
        BoundExpr.Call call = (BoundExpr.Call) e;
        return FunctionRegistry.kernel(call.fn()).compile(call, this::compile);
    }
}
