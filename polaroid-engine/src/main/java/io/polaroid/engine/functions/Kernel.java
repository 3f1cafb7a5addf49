package io.polaroid.engine.functions;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import java.util.function.Function;

/** Makes the kernel of a bound call; {@code compile} compiles its arguments. */
@FunctionalInterface
public interface Kernel {
    PhysicalExpr compile(BoundExpr.Call call, Function<BoundExpr, PhysicalExpr> compile);

    /** The value of a literal argument, which binding guarantees where a kernel takes one. */
    static Object literal(BoundExpr e) {
        if (!(e instanceof BoundExpr.Literal l)) {
            throw io.polaroid.engine.error.PolaroidException.internal("expected a literal, got " + e);
        }
        return l.value();
    }
}
