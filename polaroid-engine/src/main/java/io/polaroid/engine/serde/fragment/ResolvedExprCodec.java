package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.SortSpec;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.serde.TypeCodec;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.NamedResolved;
import io.polaroid.proto.v1.QuantileSpec;
import io.polaroid.proto.v1.Resolved;
import io.polaroid.proto.v1.ResolvedAgg;
import io.polaroid.proto.v1.ResolvedCall;
import io.polaroid.proto.v1.ResolvedCase;
import io.polaroid.proto.v1.ResolvedCast;
import io.polaroid.proto.v1.ResolvedColumn;
import io.polaroid.proto.v1.ResolvedLiteral;
import io.polaroid.proto.v1.ResolvedSort;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolved expressions ({@link BoundExpr}), named expressions, sort keys and aggregate calls on the
 * wire. Functions go by the engine's enum names, types in full: a worker decodes them without a
 * function catalog or type inference. Decoding failures name the place in the fragment.
 */
public final class ResolvedExprCodec {
    private ResolvedExprCodec() {
    }

    public static Resolved encode(BoundExpr e) {
        Resolved.Builder b = Resolved.newBuilder();
        if (e instanceof BoundExpr.ColumnRef c) {
            b.setColumn(ResolvedColumn.newBuilder().setName(c.name()).setType(TypeCodec.encode(c.type())));
        } else if (e instanceof BoundExpr.Literal l) {
            b.setLiteral(ResolvedLiteral.newBuilder().setValue(ScalarCodec.encode(l.value())).setType(TypeCodec.encode(l.type())));
        } else if (e instanceof BoundExpr.Call c) {
            b.setCall(ResolvedCall.newBuilder().setFunction(c.fn().name()).addAllArgs(encodeAll(c.args()))
                    .setType(TypeCodec.encode(c.type())));
        } else if (e instanceof BoundExpr.Cast c) {
            b.setCast(ResolvedCast.newBuilder().setInput(encode(c.input())).setType(TypeCodec.encode(c.type())).setStrict(c.strict()));
        } else {
            BoundExpr.Case c = (BoundExpr.Case) e;
            b.setCaseWhen(ResolvedCase.newBuilder().addAllConditions(encodeAll(c.conditions())).addAllValues(encodeAll(c.values()))
                    .setOtherwise(encode(c.otherwise())).setType(TypeCodec.encode(c.type())));
        }
        return b.build();
    }

    public static List<Resolved> encodeAll(List<BoundExpr> exprs) {
        List<Resolved> out = new ArrayList<>(exprs.size());
        for (BoundExpr e : exprs) {
            out.add(encode(e));
        }
        return out;
    }

    public static BoundExpr decode(Resolved proto, PlanPath where) {
        return switch (proto.getKindCase()) {
            case COLUMN -> new BoundExpr.ColumnRef(proto.getColumn().getName(), type(proto.getColumn().getType(), where));
            case LITERAL -> new BoundExpr.Literal(ScalarCodec.decode(proto.getLiteral().getValue()),
                    type(proto.getLiteral().getType(), where));
            case CALL -> new BoundExpr.Call(enumOf(ScalarFn.class, proto.getCall().getFunction(), where),
                    decodeAll(proto.getCall().getArgsList(), where.then(".args")), type(proto.getCall().getType(), where));
            case CAST -> new BoundExpr.Cast(decode(proto.getCast().getInput(), where.then(".input")),
                    type(proto.getCast().getType(), where), proto.getCast().getStrict());
            case CASE_WHEN -> new BoundExpr.Case(decodeAll(proto.getCaseWhen().getConditionsList(), where.then(".conditions")),
                    decodeAll(proto.getCaseWhen().getValuesList(), where.then(".values")),
                    decode(proto.getCaseWhen().getOtherwise(), where.then(".otherwise")), type(proto.getCaseWhen().getType(), where));
            case KIND_NOT_SET -> throw malformed(where, "an expression with no kind");
        };
    }

    public static List<BoundExpr> decodeAll(List<Resolved> protos, PlanPath where) {
        List<BoundExpr> out = new ArrayList<>(protos.size());
        for (int i = 0; i < protos.size(); i++) {
            out.add(decode(protos.get(i), where.then("[" + i + "]")));
        }
        return out;
    }

    public static NamedResolved encode(NamedExpr e) {
        return NamedResolved.newBuilder().setName(e.name()).setExpr(encode(e.expr())).build();
    }

    public static List<NamedExpr> decodeNamed(List<NamedResolved> protos, PlanPath where) {
        List<NamedExpr> out = new ArrayList<>(protos.size());
        for (int i = 0; i < protos.size(); i++) {
            out.add(new NamedExpr(protos.get(i).getName(), decode(protos.get(i).getExpr(), where.then("[" + i + "]"))));
        }
        return out;
    }

    public static ResolvedSort encode(SortSpec s) {
        return ResolvedSort.newBuilder().setExpr(encode(s.expr())).setDescending(s.descending()).setNullsLast(s.nullsLast()).build();
    }

    public static List<SortSpec> decodeSorts(List<ResolvedSort> protos, PlanPath where) {
        List<SortSpec> out = new ArrayList<>(protos.size());
        for (int i = 0; i < protos.size(); i++) {
            ResolvedSort s = protos.get(i);
            out.add(new SortSpec(decode(s.getExpr(), where.then("[" + i + "]")), s.getDescending(), s.getNullsLast()));
        }
        return out;
    }

    public static ResolvedAgg encode(NamedAgg agg) {
        AggCall call = agg.call();
        ResolvedAgg.Builder b = ResolvedAgg.newBuilder().setName(agg.name()).setFunction(call.fn().name())
                .setType(TypeCodec.encode(call.type()));
        if (call.arg() != null) {
            b.setArg(encode(call.arg()));
        }
        if (call.quantile() != null) {
            b.setQuantile(encode(call.quantile()));
        }
        return b.build();
    }

    public static NamedAgg decode(ResolvedAgg proto, PlanPath where) {
        return new NamedAgg(proto.getName(), new AggCall(enumOf(AggFn.class, proto.getFunction(), where),
                proto.hasArg() ? decode(proto.getArg(), where.then(".arg")) : null, type(proto.getType(), where),
                proto.hasQuantile() ? decode(proto.getQuantile(), where) : null));
    }

    static QuantileSpec encode(Quantile q) {
        return QuantileSpec.newBuilder().setQ(q.q()).setInterpolation(q.interpolation().name()).build();
    }

    static Quantile decode(QuantileSpec proto, PlanPath where) {
        return new Quantile(proto.getQ(), enumOf(Quantile.Interpolation.class, proto.getInterpolation(), where));
    }

    static DataType type(io.polaroid.proto.v1.DataType proto, PlanPath where) {
        return TypeCodec.decode(proto, where.then(".type"));
    }

    /** The constant of {@code type} named {@code name}; a name this version does not know is a malformed fragment. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String name, PlanPath where) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw malformed(where, "unknown " + type.getSimpleName() + " '" + name + "'");
        }
    }

    static PolaroidException malformed(PlanPath where, String what) {
        return PolaroidException.internal("malformed fragment at " + where + ": " + what);
    }
}
