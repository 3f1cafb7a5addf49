package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.ScalarFn;
import java.util.List;
import java.util.Map;

/**
 * Expressions that make a new set of rows rather than a value per row or per group: the analyzer
 * plans a select of one of them as a relation ({@code select(col("a").unique())} is a distinct).
 */
final class RowSetFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "row sets";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(new FunctionDef(FunctionNames.UNIQUE, FunctionDef.Kind.ROW_SET, List.of(),
                "unique(x) -> the distinct values of x, in no particular order (alone in select)", "Expr.unique", true,
                "Expr.unique", null));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of();
    }
}
