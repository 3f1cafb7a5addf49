package io.polaroid.engine.optimizer;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.functions.ExprCompiler;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/** Evaluates an expression without columns with the same kernels that run queries, on one row. */
public final class ConstantEvaluator {
    private static final BufferAllocator ALLOCATOR = new RootAllocator(64L << 20);

    private ConstantEvaluator() {
    }

    public static Object evaluate(BoundExpr e) {
        try (Batch row = new Batch(new Schema(List.of()), List.of(), 1, 0);
             FieldVector v = new ExprCompiler(new Schema(List.of())).compile(e).eval(row, ALLOCATOR)) {
            return Values.get(v, 0, e.type());
        }
    }
}
