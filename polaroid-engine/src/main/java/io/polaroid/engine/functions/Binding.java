package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.List;

/**
 * A call being bound: the call as written (for errors) and its bound arguments, with the checks
 * every type rule shares. Errors name the call as the user wrote it.
 */
public final class Binding {
    private final Expr.Call call;
    private final List<Arg> args;

    public Binding(Expr.Call call, List<Arg> args) {
        this.call = call;
        this.args = List.copyOf(args);
    }

    public String function() {
        return call.function();
    }

    public List<Arg> args() {
        return args;
    }

    public Arg arg(int i) {
        return args.get(i);
    }

    public int size() {
        return args.size();
    }

    /** Fails unless the call has exactly {@code n} arguments. */
    public void arity(int n) {
        if (args.size() != n) {
            throw invalid("takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    /** Whether argument {@code i} exists and is not a null literal (an optional argument left out). */
    public boolean given(int i) {
        return args.size() > i && !(args.get(i).isLiteral() && args.get(i).literalValue() == null);
    }

    public int intLiteral(Arg a, String what) {
        if (!a.isLiteral() || !a.type().isInteger() || a.literalValue() == null) {
            throw invalid(what + " must be an integer literal");
        }
        return Math.toIntExact((Long) a.literalValue());
    }

    public String stringLiteral(Arg a, String what) {
        if (!a.isLiteral() || a.type().kind() != TypeKind.UTF8 || a.literalValue() == null) {
            throw invalid(what + " must be a string literal");
        }
        return (String) a.literalValue();
    }

    public boolean boolLiteral(Arg a, String what) {
        if (!a.isLiteral() || a.type().kind() != TypeKind.BOOL || a.literalValue() == null) {
            throw invalid(what + " must be true or false");
        }
        return (Boolean) a.literalValue();
    }

    /** A string argument (a null literal becomes a null string). */
    public BoundExpr string(Arg a) {
        DataType t = a.type();
        if (t.kind() == TypeKind.NULL) {
            return TypeCoercion.castTo(a.expr(), DataType.UTF8);
        }
        if (t.kind() != TypeKind.UTF8) {
            throw mismatch(call.function() + " needs a string, not " + t);
        }
        return a.expr();
    }

    /** A bool argument (a null literal becomes a null bool). */
    public BoundExpr bool(Arg a) {
        DataType t = a.type();
        if (t.kind() == TypeKind.NULL) {
            return TypeCoercion.castTo(a.expr(), DataType.BOOL);
        }
        if (t.kind() != TypeKind.BOOL) {
            throw mismatch(call.function() + " needs bool operands, not " + t);
        }
        return a.expr();
    }

    /** An INVALID_PLAN naming the function, the problem and the call. */
    public PolaroidException invalid(String problem) {
        return PolaroidException.invalidPlan(call.function() + " " + problem + ": " + ExprFormatter.format(call));
    }

    /** A TYPE_MISMATCH naming the call and the problem. */
    public PolaroidException mismatch(String problem) {
        return PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(call) + ": " + problem);
    }
}
