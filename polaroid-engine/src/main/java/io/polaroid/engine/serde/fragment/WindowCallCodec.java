package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.expr.Placement;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.serde.TypeCodec;
import io.polaroid.proto.v1.ByWindowSpec;
import io.polaroid.proto.v1.EwmSpec;
import io.polaroid.proto.v1.PlacementSpec;
import io.polaroid.proto.v1.ResolvedWindowCall;
import io.polaroid.proto.v1.RollingSpec;
import java.util.Arrays;

/** Window function calls, with every option they carry, on the wire. */
final class WindowCallCodec {
    private WindowCallCodec() {
    }

    static ResolvedWindowCall encode(NamedWindowCall named) {
        WindowCall c = named.call();
        ResolvedWindowCall.Builder b = ResolvedWindowCall.newBuilder().setName(named.name()).setFunction(c.fn().name())
                .setOffset(c.offset()).setReverse(c.reverse()).setType(TypeCodec.encode(c.type()));
        if (c.arg() != null) {
            b.setArg(ResolvedExprCodec.encode(c.arg()));
        }
        if (c.method() != null) {
            b.setRankMethod(c.method().name());
        }
        if (c.fill() != null) {
            b.setFill(ScalarCodec.encode(c.fill()));
        }
        if (c.rolling() != null) {
            WindowFn.RollingWindow r = c.rolling();
            RollingSpec.Builder rolling = RollingSpec.newBuilder().setSize(r.size()).setMinSamples(r.minSamples())
                    .setCenter(r.center()).setDdof(r.ddof());
            if (r.quantile() != null) {
                rolling.setQuantile(ResolvedExprCodec.encode(r.quantile()));
            }
            b.setRolling(rolling);
        }
        if (c.by() != null) {
            b.setBy(ResolvedExprCodec.encode(c.by()));
        }
        if (c.options() instanceof WindowOptions.Ewm e) {
            b.setEwm(EwmSpec.newBuilder().setAlpha(e.alpha()).setAdjust(e.adjust()).setBias(e.bias())
                    .setMinSamples(e.minSamples()).setIgnoreNulls(e.ignoreNulls()));
        } else if (c.options() instanceof WindowOptions.ByWindow w) {
            ByWindowSpec.Builder by = ByWindowSpec.newBuilder().setPeriod(w.period()).setScale(w.scale())
                    .setClosedLeft(w.closedLeft()).setClosedRight(w.closedRight()).setMinSamples(w.minSamples()).setDdof(w.ddof());
            if (w.quantile() != null) {
                by.setQuantile(ResolvedExprCodec.encode(w.quantile()));
            }
            b.setByWindow(by);
        }
        if (c.placement() != null) {
            Placement p = c.placement();
            PlacementSpec.Builder placement = PlacementSpec.newBuilder().setKind(p.kind().name()).setOffset(p.offset())
                    .setLength(p.length()).setPositions(p.positions()).setHasIndices(p.indices() != null);
            if (p.indices() != null) {
                Arrays.stream(p.indices()).forEach(placement::addIndices);
            }
            b.setPlacement(placement);
        }
        return b.build();
    }

    static NamedWindowCall decode(ResolvedWindowCall p, PlanPath where) {
        WindowFn fn = ResolvedExprCodec.enumOf(WindowFn.class, p.getFunction(), where);
        WindowFn.RollingWindow rolling = null;
        if (p.hasRolling()) {
            RollingSpec r = p.getRolling();
            rolling = new WindowFn.RollingWindow(r.getSize(), r.getMinSamples(), r.getCenter(), r.getDdof(),
                    r.hasQuantile() ? ResolvedExprCodec.decode(r.getQuantile(), where) : null);
        }
        WindowOptions options = switch (p.getOptionsCase()) {
            case EWM -> new WindowOptions.Ewm(p.getEwm().getAlpha(), p.getEwm().getAdjust(), p.getEwm().getBias(),
                    p.getEwm().getMinSamples(), p.getEwm().getIgnoreNulls());
            case BY_WINDOW -> {
                ByWindowSpec w = p.getByWindow();
                yield new WindowOptions.ByWindow(w.getPeriod(), w.getScale(), w.getClosedLeft(), w.getClosedRight(),
                        w.getMinSamples(), w.getDdof(), w.hasQuantile() ? ResolvedExprCodec.decode(w.getQuantile(), where) : null);
            }
            case OPTIONS_NOT_SET -> null;
        };
        Placement placement = null;
        if (p.hasPlacement()) {
            PlacementSpec s = p.getPlacement();
            placement = new Placement(ResolvedExprCodec.enumOf(Placement.Kind.class, s.getKind(), where), s.getOffset(),
                    s.getLength(), s.getHasIndices() ? s.getIndicesList().stream().mapToLong(Long::longValue).toArray() : null,
                    s.getPositions());
        }
        WindowCall call = new WindowCall(fn, p.hasArg() ? ResolvedExprCodec.decode(p.getArg(), where.then(".arg")) : null,
                p.getOffset(), p.getReverse(),
                p.getRankMethod().isEmpty() ? null : ResolvedExprCodec.enumOf(WindowFn.RankMethod.class, p.getRankMethod(), where),
                p.hasFill() ? ScalarCodec.decode(p.getFill()) : null, ResolvedExprCodec.type(p.getType(), where), rolling,
                p.hasBy() ? ResolvedExprCodec.decode(p.getBy(), where.then(".by")) : null, options, placement);
        return new NamedWindowCall(p.getName(), call);
    }
}
