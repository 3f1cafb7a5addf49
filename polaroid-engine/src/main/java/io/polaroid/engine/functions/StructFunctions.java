package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.kernels.StructExpr;
import io.polaroid.engine.kernels.StructWithFieldsExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Polars' structs: {@code pl.struct} and the {@code Expr.struct} namespace. The field names of a
 * struct being made travel as string literals after its values (the clients name them by Polars'
 * output-name rule); literal parameters come after the struct in the others.
 */
final class StructFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "structs";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.STRUCT, "struct(v1, ..., vn, name1: str lit, ..., namen: str lit) -> struct (never null)",
                        "struct", "Functions.struct", StructFunctions::make),
                scalar(FunctionNames.STRUCT_FIELD, "struct.field(s: struct, name: str lit) -> type of the field (null if s is)",
                        "Expr.struct.field", "Expr.struct().field", StructFunctions::field),
                scalar(FunctionNames.STRUCT_RENAME_FIELDS, "struct.rename_fields(s: struct, name: str lit, ...) -> struct",
                        "Expr.struct.rename_fields", "Expr.struct().renameFields", StructFunctions::rename),
                scalar(FunctionNames.STRUCT_JSON_ENCODE, "struct.json_encode(s: struct) -> str (Polars' JSON; the text null if s is null)",
                        "Expr.struct.json_encode", "Expr.struct().jsonEncode", c -> {
                            c.arity(1);
                            struct(c);
                            return new BoundExpr.Call(ScalarFn.STRUCT_JSON_ENCODE, List.of(c.arg(0).expr()), DataType.UTF8);
                        }),
                scalar(FunctionNames.STRUCT_WITH_FIELDS,
                        "struct.with_fields(s: struct, v1, ..., vn, name1: str lit, ..., namen: str lit) -> struct (null if s is)",
                        "Expr.struct.with_fields", "Expr.struct().withFields", StructFunctions::withFields));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new EnumMap<>(ScalarFn.class);
        kernels.put(ScalarFn.STRUCT, (call, compile) -> new StructExpr(call.fn(),
                call.args().stream().map(compile).toList(), -1, call.type()));
        for (ScalarFn fn : List.of(ScalarFn.STRUCT_RENAME_FIELDS, ScalarFn.STRUCT_JSON_ENCODE)) {
            kernels.put(fn, (call, compile) -> new StructExpr(fn, List.of(compile.apply(call.args().get(0))), -1,
                    call.type()));
        }
        kernels.put(ScalarFn.STRUCT_FIELD, (call, compile) -> {
            PhysicalExpr s = compile.apply(call.args().get(0));
            int index = s.type().fieldIndex((String) Kernel.literal(call.args().get(1)));
            return new StructExpr(ScalarFn.STRUCT_FIELD, List.of(s), index, call.type());
        });
        kernels.put(ScalarFn.STRUCT_WITH_FIELDS, (call, compile) -> {
            DataType s = call.args().get(0).type();
            int n = (call.args().size() - 1) / 2;
            List<String> names = call.args().subList(1 + n, 1 + 2 * n).stream().map(a -> (String) Kernel.literal(a)).toList();
            int[] sources = call.type().fields().stream()
                    .mapToInt(f -> names.contains(f.name()) ? -1 - names.indexOf(f.name()) : s.fieldIndex(f.name()))
                    .toArray();
            return new StructWithFieldsExpr(compile.apply(call.args().get(0)),
                    call.args().subList(1, 1 + n).stream().map(compile).toList(), sources, call.type());
        });
        return kernels;
    }

    private static BoundExpr withFields(Binding c) {
        if (c.size() < 1 || c.size() % 2 != 1) {
            throw c.invalid("takes a struct, then values followed by as many field names");
        }
        DataType s = struct(c);
        int n = (c.size() - 1) / 2;
        List<Field> fields = new ArrayList<>(s.fields());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = c.stringLiteral(c.arg(1 + n + i), "field name " + (i + 1));
            if (names.contains(name)) {
                throw duplicate(c, name);
            }
            names.add(name);
            Field field = Field.of(name, c.arg(1 + i).type());
            int at = s.fieldIndex(name);
            if (at >= 0) {
                fields.set(at, field);
            } else {
                fields.add(field);
            }
        }
        List<BoundExpr> args = new ArrayList<>();
        args.add(c.arg(0).expr());
        c.args().subList(1, 1 + n).forEach(a -> args.add(a.expr()));
        names.forEach(name -> args.add(new BoundExpr.Literal(name, DataType.UTF8)));
        return new BoundExpr.Call(ScalarFn.STRUCT_WITH_FIELDS, args, DataType.struct(fields));
    }

    private static BoundExpr make(Binding c) {
        if (c.size() == 0 || c.size() % 2 != 0) {
            throw c.invalid("takes values followed by as many field names");
        }
        int n = c.size() / 2;
        List<Field> fields = new ArrayList<>(n);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = c.stringLiteral(c.arg(n + i), "field name " + (i + 1));
            if (seen.contains(name)) {
                throw duplicate(c, name);
            }
            seen.add(name);
            fields.add(Field.of(name, c.arg(i).type()));
        }
        List<BoundExpr> values = c.args().subList(0, n).stream().map(TypeCoercion.Arg::expr).toList();
        return new BoundExpr.Call(ScalarFn.STRUCT, values, DataType.struct(fields));
    }

    private static BoundExpr field(Binding c) {
        c.arity(2);
        DataType s = struct(c);
        String name = c.stringLiteral(c.arg(1), "name");
        int index = s.fieldIndex(name);
        if (index < 0) {
            throw PolaroidException.invalidPlan("struct.field: no field '" + name + "' in " + describe(s)
                    + "; the fields are " + s.fields().stream().map(f -> "'" + f.name() + "'").collect(Collectors.joining(", ")));
        }
        return new BoundExpr.Call(ScalarFn.STRUCT_FIELD, List.of(c.arg(0).expr(), new BoundExpr.Literal(name, DataType.UTF8)),
                s.fields().get(index).type());
    }

    private static BoundExpr rename(Binding c) {
        if (c.size() < 1) {
            throw c.invalid("takes a struct and its new field names");
        }
        DataType s = struct(c);
        if (c.size() - 1 != s.fields().size()) {
            throw c.mismatch("struct.rename_fields() argument has a different number of fields than the struct it"
                    + " operates on (" + (c.size() - 1) + " vs " + s.fields().size() + ")");
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < s.fields().size(); i++) {
            String name = c.stringLiteral(c.arg(i + 1), "field name " + (i + 1));
            if (fields.stream().anyMatch(f -> f.name().equals(name))) {
                throw c.invalid("names the field '" + name + "' twice");
            }
            fields.add(Field.of(name, s.fields().get(i).type()));
        }
        return new BoundExpr.Call(ScalarFn.STRUCT_RENAME_FIELDS, List.of(c.arg(0).expr()), DataType.struct(fields));
    }

    private static PolaroidException duplicate(Binding c, String name) {
        return new PolaroidException(ErrorCode.DUPLICATE_COLUMN, "multiple fields with name '" + name + "' found in "
                + c.function() + "; alias the values to give each field its own name");
    }

    /** The type of argument 0, failing with a type mismatch when it is not a struct. */
    private static DataType struct(Binding c) {
        DataType t = c.arg(0).type();
        if (!t.isStruct()) {
            throw c.mismatch(c.function() + " needs a struct, not " + t);
        }
        return t;
    }

    /** A struct type with its fields, as {@code struct[2] {a: i64, b: str}}. */
    static String describe(DataType s) {
        return s + " {" + s.fields().stream().map(Field::toString).collect(Collectors.joining(", ")) + "}";
    }
}
