package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.BytesCodecExpr;
import io.polaroid.engine.kernels.BytesReinterpretExpr;
import io.polaroid.engine.kernels.BytesSizeExpr;
import io.polaroid.engine.kernels.BytesSliceExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.kernels.StringPredicateExpr;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code bin} namespace as Polars has it (contains, starts_with, ends_with, size, encode, decode,
 * slice, head, tail, get, reinterpret)
 * and the hex/base64 codecs of text ({@code str.encode}, {@code str.decode}).
 */
final class BinaryFunctions implements FunctionFamily {
    private static final List<String> UNITS = List.of("b", "kb", "mb", "gb", "tb");

    @Override
    public String name() {
        return "binary";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                predicate(FunctionNames.BIN_CONTAINS, ScalarFn.BIN_CONTAINS, "contains"),
                predicate(FunctionNames.BIN_STARTS_WITH, ScalarFn.BIN_STARTS_WITH, "starts_with"),
                predicate(FunctionNames.BIN_ENDS_WITH, ScalarFn.BIN_ENDS_WITH, "ends_with"),
                scalar(FunctionNames.BIN_SIZE, "bin.size(b: binary, unit: str lit = \"b\") -> i64 (bytes) | f64 (kb, mb, gb, tb)",
                        "Expr.bin.size", "Expr.bin().size", BinaryFunctions::size),
                scalar(FunctionNames.BIN_ENCODE, "bin.encode(b: binary, encoding: \"hex\" | \"base64\" lit) -> str",
                        "Expr.bin.encode", "Expr.bin().encode", c -> codec(c, TypeKind.BINARY, true)),
                scalar(FunctionNames.BIN_DECODE, "bin.decode(b: binary, encoding: \"hex\" | \"base64\" lit, strict: bool lit = true)"
                        + " -> binary", "Expr.bin.decode", "Expr.bin().decode", c -> codec(c, TypeKind.BINARY, false)),
                scalar(FunctionNames.BIN_SLICE, "bin.slice(b: binary, offset: int lit, length: int lit | null) -> binary",
                        "Expr.bin.slice", "Expr.bin().slice", BinaryFunctions::slice),
                scalar(FunctionNames.BIN_HEAD, "bin.head(b: binary, n: int lit = 5) -> binary", "Expr.bin.head",
                        "Expr.bin().head", c -> ends(c, ScalarFn.BIN_HEAD)),
                scalar(FunctionNames.BIN_TAIL, "bin.tail(b: binary, n: int lit = 5) -> binary", "Expr.bin.tail",
                        "Expr.bin().tail", c -> ends(c, ScalarFn.BIN_TAIL)),
                scalar(FunctionNames.BIN_GET, "bin.get(b: binary, index: int lit, null_on_oob: bool lit = false) -> i64",
                        "Expr.bin.get", "Expr.bin().get", BinaryFunctions::get),
                scalar(FunctionNames.BIN_REINTERPRET, "bin.reinterpret(b: binary, type: a typed null (i8..i64, f32, f64),"
                        + " little_endian: bool lit = true) -> type", "Expr.bin.reinterpret", "Expr.bin().reinterpret",
                        BinaryFunctions::reinterpret),
                scalar(FunctionNames.STR_ENCODE, "str.encode(s: str, encoding: \"hex\" | \"base64\" lit) -> str",
                        "Expr.str.encode", "Expr.str().encode", c -> codec(c, TypeKind.UTF8, true)),
                scalar(FunctionNames.STR_DECODE, "str.decode(s: str, encoding: \"hex\" | \"base64\" lit, strict: bool lit = true)"
                        + " -> binary", "Expr.str.decode", "Expr.str().decode", c -> codec(c, TypeKind.UTF8, false)));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel predicate = (call, compile) -> {
            ScalarFn test = switch (call.fn()) {
                case BIN_STARTS_WITH -> ScalarFn.STARTS_WITH;
                case BIN_ENDS_WITH -> ScalarFn.ENDS_WITH;
                default -> ScalarFn.CONTAINS;
            };
            BoundExpr pattern = call.args().get(1);
            return pattern instanceof BoundExpr.Literal l && l.value() != null
                    ? StringPredicateExpr.ofBytes(test, compile.apply(call.args().get(0)), ((Bytes) l.value()).toArray())
                    : StringPredicateExpr.ofColumn(test, compile.apply(call.args().get(0)), compile.apply(pattern));
        };
        Kernel codec = (call, compile) -> new BytesCodecExpr(compile.apply(call.args().get(0)), call.fn() == ScalarFn.BIN_ENCODE,
                "hex".equals(Kernel.literal(call.args().get(1))), (Boolean) Kernel.literal(call.args().get(2)));
        Kernel at = BinaryFunctions::bytesAt;
        return Map.ofEntries(Map.entry(ScalarFn.BIN_CONTAINS, predicate), Map.entry(ScalarFn.BIN_STARTS_WITH, predicate),
                Map.entry(ScalarFn.BIN_ENDS_WITH, predicate),
                Map.entry(ScalarFn.BIN_SIZE, (call, compile) -> new BytesSizeExpr(compile.apply(call.args().get(0)),
                        (Long) Kernel.literal(call.args().get(1)))),
                Map.entry(ScalarFn.BIN_ENCODE, codec), Map.entry(ScalarFn.BIN_DECODE, codec), Map.entry(ScalarFn.BIN_SLICE, at),
                Map.entry(ScalarFn.BIN_HEAD, at), Map.entry(ScalarFn.BIN_TAIL, at), Map.entry(ScalarFn.BIN_GET, at),
                Map.entry(ScalarFn.BIN_REINTERPRET, (call, compile) -> new BytesReinterpretExpr(compile.apply(call.args().get(0)),
                        call.type(), (Boolean) Kernel.literal(call.args().get(2)))));
    }

    /** Every positional function's kernel: its arguments after the input are (n, length or null, null on out of range). */
    private static PhysicalExpr bytesAt(BoundExpr.Call call, Function<BoundExpr, PhysicalExpr> compile) {
        return new BytesSliceExpr(call.fn(), compile.apply(call.args().get(0)), (Long) Kernel.literal(call.args().get(1)),
                (Long) Kernel.literal(call.args().get(2)), (Boolean) Kernel.literal(call.args().get(3)));
    }

    private static FunctionDef predicate(String name, ScalarFn fn, String method) {
        return scalar(name, name + "(b: binary, pattern: binary) -> bool", "Expr.bin." + method,
                "Expr.bin()." + DateFunctions.camel(method), c -> {
                    c.arity(2);
                    return new BoundExpr.Call(fn, List.of(input(c, TypeKind.BINARY), pattern(c)), DataType.BOOL);
                });
    }

    /** The pattern: a binary expression, a text literal taken as its UTF-8 bytes, or null (a null result). */
    private static BoundExpr pattern(Binding c) {
        TypeCoercion.Arg a = c.arg(1);
        if (a.isLiteral() && a.literalValue() instanceof String s) {
            return new BoundExpr.Literal(Bytes.of(s.getBytes(StandardCharsets.UTF_8)), DataType.BINARY);
        }
        if (a.type().kind() == TypeKind.NULL || a.type().kind() == TypeKind.BINARY) {
            return TypeCoercion.castTo(a.expr(), DataType.BINARY);
        }
        throw c.mismatch(c.function() + " needs a binary pattern, not " + a.type());
    }

    /** The first argument, of {@code kind} (a null literal becomes a null of it). */
    private static BoundExpr input(Binding c, TypeKind kind) {
        DataType t = c.arg(0).type();
        DataType want = DataType.of(kind);
        if (t.kind() == TypeKind.NULL) {
            return TypeCoercion.castTo(c.arg(0).expr(), want);
        }
        if (t.kind() != kind) {
            throw c.mismatch(c.function() + " needs " + want + ", not " + t);
        }
        return c.arg(0).expr();
    }

    private static BoundExpr size(Binding c) {
        if (c.size() < 1 || c.size() > 2) {
            c.arity(2);
        }
        String unit = c.size() == 2 ? c.stringLiteral(c.arg(1), "unit") : "b";
        int step = UNITS.indexOf(unit);
        if (step < 0) {
            throw c.invalid("unit must be one of " + UNITS + ", not '" + unit + "'");
        }
        long divisor = 1L << (10 * step);
        return new BoundExpr.Call(ScalarFn.BIN_SIZE, List.of(input(c, TypeKind.BINARY),
                new BoundExpr.Literal(divisor, DataType.INT64)), step == 0 ? DataType.INT64 : DataType.FLOAT64);
    }

    private static BoundExpr positional(Binding c, ScalarFn fn, long n, Long length, boolean nullOnOutOfRange) {
        return new BoundExpr.Call(fn, List.of(input(c, TypeKind.BINARY), new BoundExpr.Literal(n, DataType.INT64),
                new BoundExpr.Literal(length, DataType.INT64), new BoundExpr.Literal(nullOnOutOfRange, DataType.BOOL)),
                fn == ScalarFn.BIN_GET ? DataType.INT64 : DataType.BINARY);
    }

    private static BoundExpr slice(Binding c) {
        if (c.size() < 2 || c.size() > 3) {
            c.arity(3);
        }
        Long length = c.given(2) ? (long) c.intLiteral(c.arg(2), "length") : null;
        if (length != null && length < 0) {
            throw c.invalid("length must not be negative, got " + length);
        }
        return positional(c, ScalarFn.BIN_SLICE, c.intLiteral(c.arg(1), "offset"), length, false);
    }

    private static BoundExpr ends(Binding c, ScalarFn fn) {
        if (c.size() < 1 || c.size() > 2) {
            c.arity(2);
        }
        return positional(c, fn, c.size() == 2 ? c.intLiteral(c.arg(1), "n") : 5, null, false);
    }

    private static BoundExpr get(Binding c) {
        if (c.size() < 2 || c.size() > 3) {
            c.arity(3);
        }
        return positional(c, ScalarFn.BIN_GET, c.intLiteral(c.arg(1), "index"), null,
                c.size() == 3 && c.boolLiteral(c.arg(2), "null_on_oob"));
    }

    private static BoundExpr reinterpret(Binding c) {
        if (c.size() < 2 || c.size() > 3) {
            c.arity(3);
        }
        DataType type = c.arg(1).type(); // only its type counts: a typed null, or lit(None).cast(type)
        if (!(type.isInteger() || type.isFloat())) {
            throw c.invalid("reinterprets bytes as an integer or a float type only, not " + type);
        }
        boolean little = c.size() < 3 || c.boolLiteral(c.arg(2), "little_endian");
        return new BoundExpr.Call(ScalarFn.BIN_REINTERPRET, List.of(input(c, TypeKind.BINARY), new BoundExpr.Literal(null, type),
                new BoundExpr.Literal(little, DataType.BOOL)), type);
    }

    private static BoundExpr codec(Binding c, TypeKind from, boolean encode) {
        if (c.size() < 2 || c.size() > (encode ? 2 : 3)) {
            c.arity(encode ? 2 : 3);
        }
        String encoding = c.stringLiteral(c.arg(1), "encoding");
        if (!encoding.equals("hex") && !encoding.equals("base64")) {
            throw c.invalid("encoding must be 'hex' or 'base64', not '" + encoding + "'");
        }
        boolean strict = encode || c.size() < 3 || c.boolLiteral(c.arg(2), "strict");
        return new BoundExpr.Call(encode ? ScalarFn.BIN_ENCODE : ScalarFn.BIN_DECODE, List.of(input(c, from),
                new BoundExpr.Literal(encoding, DataType.UTF8), new BoundExpr.Literal(strict, DataType.BOOL)),
                encode ? DataType.UTF8 : DataType.BINARY);
    }
}
