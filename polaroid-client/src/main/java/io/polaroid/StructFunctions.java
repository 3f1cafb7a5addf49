package io.polaroid;

import io.polaroid.engine.analyze.OutputNames;
import io.polaroid.engine.dsl.FunctionNames;
import java.util.ArrayList;
import java.util.List;

/** Struct functions of an expression ({@code expr.struct()}), named as Polars names them. */
public final class StructFunctions {
    private final Expr expr;

    StructFunctions(Expr expr) {
        this.expr = expr;
    }

    /** The field {@code name} of each struct; null where the struct is null. */
    public Expr field(String name) {
        return expr.call(FunctionNames.STRUCT_FIELD, name).alias(name);
    }

    /** The same values under new field names, one per field in order. */
    public Expr renameFields(String... names) {
        return expr.call(FunctionNames.STRUCT_RENAME_FIELDS, (Object[]) names);
    }

    /** Each struct as JSON text, as Polars writes it ({@code {"a":1,"b":"x"}}); null where the struct is null. */
    public Expr jsonEncode() {
        return expr.call(FunctionNames.STRUCT_JSON_ENCODE);
    }

    /**
     * Each struct with fields set: a value named as an existing field (by Polars' output-name rule, so
     * {@code struct().field("a").mul(2)} sets {@code a}) replaces it, any other is added after; a null
     * struct stays null.
     */
    public Expr withFields(Expr... values) {
        List<io.polaroid.engine.dsl.Expr> args = new ArrayList<>(List.of(expr.node()));
        List<io.polaroid.engine.dsl.Expr> names = new ArrayList<>();
        for (Expr v : values) {
            args.add(v.node());
            names.add(Functions.lit(OutputNames.of(v.node())).node());
        }
        args.addAll(names);
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.STRUCT_WITH_FIELDS, args));
    }

    /**
     * A struct of the values (a string names a column), each field named as Polars names a column
     * made by the expression: its alias, else the first column it reads, else {@code literal}.
     */
    static Expr make(Object... values) {
        List<io.polaroid.engine.dsl.Expr> args = new ArrayList<>();
        List<io.polaroid.engine.dsl.Expr> names = new ArrayList<>();
        for (Object v : values) {
            io.polaroid.engine.dsl.Expr node = v instanceof String s ? Functions.col(s).node() : Expr.toNode(v);
            args.add(node);
            names.add(Functions.lit(OutputNames.of(node)).node());
        }
        if (args.isEmpty()) {
            throw io.polaroid.engine.error.PolaroidException.invalidPlan("struct needs at least one value");
        }
        args.addAll(names);
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.STRUCT, args));
    }
}
