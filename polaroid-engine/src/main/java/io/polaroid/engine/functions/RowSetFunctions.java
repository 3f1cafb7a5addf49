package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.ScalarFn;
import java.util.ArrayList;
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
        List<FunctionDef> out = new ArrayList<>(List.of(new FunctionDef(FunctionNames.UNIQUE, FunctionDef.Kind.ROW_SET,
                List.of(), "unique(x) -> the distinct values of x, in no particular order (alone in select)", "Expr.unique",
                true, "Expr.unique", null)));
        String keys = "(by, descending: bool lit, nulls_last: bool lit)...";
        out.add(def(FunctionNames.SORT, "sort(x, descending: bool lit, nulls_last: bool lit) -> x sorted (stable)", "sort"));
        out.add(def(FunctionNames.SORT_BY, "sort_by(x, " + keys + ") -> x in the keys' order (stable)", "sortBy"));
        out.add(def(FunctionNames.ARG_SORT, "arg_sort(x, descending: bool lit, nulls_last: bool lit) -> i64 positions", "argSort"));
        out.add(def(FunctionNames.HEAD, "head(x, n: int lit) -> the first n values", "head"));
        out.add(def(FunctionNames.TAIL, "tail(x, n: int lit) -> the last n values", "tail"));
        out.add(def(FunctionNames.SLICE, "slice(x, offset: int lit, length: int lit | null) -> values from offset", "slice"));
        out.add(def(FunctionNames.TOP_K, "top_k(x, k: int lit) -> the k largest values, largest first (nulls last)", "topK"));
        out.add(def(FunctionNames.BOTTOM_K, "bottom_k(x, k: int lit) -> the k smallest values, smallest first", "bottomK"));
        out.add(def(FunctionNames.TOP_K_BY, "top_k_by(x, k: int lit, " + keys + ") -> x of the first k rows by the keys",
                "topKBy"));
        out.add(def(FunctionNames.BOTTOM_K_BY, "bottom_k_by(x, k: int lit, " + keys + ") -> x of the first k rows by the keys",
                "bottomKBy"));
        out.add(def(FunctionNames.GATHER, "gather(x, index: int lit...) -> the values at the indices (negative: from the end)",
                "gather"));
        out.add(def(FunctionNames.GATHER_EVERY, "gather_every(x, n: int lit, offset: int lit = 0) -> every n-th value",
                "gatherEvery"));
        out.add(def(FunctionNames.DROP_NULLS, "drop_nulls(x) -> the non-null values", "dropNulls"));
        out.add(def(FunctionNames.DROP_NANS, "drop_nans(x) -> the values that are not NaN", "dropNans"));
        out.add(def(FunctionNames.ARG_TRUE, "arg_true(x: bool) -> i64 positions where x is true", "argTrue"));
        out.add(def(FunctionNames.FILTER, "filter(x, predicate: bool) -> the values where the predicate is true", "filter"));
        return out;
    }

    /** A row-set expression: a column of its own length from its window's rows (see the analyzer's RowSets). */
    private static FunctionDef def(String name, String signature, String java) {
        return new FunctionDef(name, FunctionDef.Kind.ROW_SET, List.of(), signature, "Expr." + name, true, "Expr." + java, null);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of();
    }
}
