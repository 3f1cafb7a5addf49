package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.distributed.ExchangeSource;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.ExplodeNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import io.polaroid.engine.plan.LogicalPlan.WindowNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.serde.TypeCodec;
import io.polaroid.engine.types.Schema;
import io.polaroid.proto.v1.AggregateOp;
import io.polaroid.proto.v1.ExplodeOp;
import io.polaroid.proto.v1.FilterOp;
import io.polaroid.proto.v1.Fragment;
import io.polaroid.proto.v1.JoinOp;
import io.polaroid.proto.v1.LimitOp;
import io.polaroid.proto.v1.Operator;
import io.polaroid.proto.v1.ProjectOp;
import io.polaroid.proto.v1.ResolvedAgg;
import io.polaroid.proto.v1.ResolvedWindowCall;
import io.polaroid.proto.v1.ScanOp;
import io.polaroid.proto.v1.SortOp;
import io.polaroid.proto.v1.UnionOp;
import io.polaroid.proto.v1.WindowOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's resolved plan on the wire. Scans of other stages' output keep their stage number; the
 * other scans are numbered in pre-order and carry no source: what each task of the stage reads
 * travels beside the fragment, as that task's {@code ScanParts}.
 */
public final class FragmentCodec {
    private FragmentCodec() {
    }

    /** A stage's fragment, and its data scans in the order of their numbers. */
    public record Encoded(Fragment fragment, List<ScanNode> dataScans) {
    }

    /** The sources of a decoded fragment's scans, for one task. */
    public interface Sources {
        DataSource exchange(int stageId, Schema schema);

        DataSource data(int scan, Schema schema, String describe);
    }

    public static Encoded encode(LogicalPlan plan) {
        List<ScanNode> scans = new ArrayList<>();
        Operator root = encode(plan, scans);
        return new Encoded(Fragment.newBuilder().setRoot(root).build(), List.copyOf(scans));
    }

    private static Operator encode(LogicalPlan plan, List<ScanNode> scans) {
        Operator.Builder b = Operator.newBuilder();
        if (plan instanceof ScanNode s) {
            ScanOp.Builder scan = ScanOp.newBuilder().setSourceSchema(TypeCodec.encode(s.source().schema()))
                    .addAllColumns(s.columns()).addAllFilters(ResolvedExprCodec.encodeAll(s.filters()))
                    .setDescribe(s.source().describe());
            if (s.limit() != null) {
                scan.setLimit(s.limit());
            }
            if (s.source() instanceof ExchangeSource e) {
                scan.setExchangeStage(e.stageId());
            } else {
                scan.setDataScan(scans.size());
                scans.add(s);
            }
            return b.setScan(scan).build();
        }
        if (plan instanceof FilterNode f) {
            return b.setFilter(FilterOp.newBuilder().setInput(encode(f.input(), scans))
                    .setPredicate(ResolvedExprCodec.encode(f.predicate()))).build();
        }
        if (plan instanceof ProjectNode p) {
            ProjectOp.Builder project = ProjectOp.newBuilder().setInput(encode(p.input(), scans));
            p.exprs().forEach(e -> project.addExprs(ResolvedExprCodec.encode(e)));
            return b.setProject(project).build();
        }
        if (plan instanceof AggregateNode a) {
            AggregateOp.Builder agg = AggregateOp.newBuilder().setInput(encode(a.input(), scans)).setOrder(a.order().name());
            a.keys().forEach(k -> agg.addKeys(ResolvedExprCodec.encode(k)));
            a.aggs().forEach(c -> agg.addAggs(ResolvedExprCodec.encode(c)));
            return b.setAggregate(agg).build();
        }
        if (plan instanceof JoinNode j) {
            return b.setJoin(JoinOp.newBuilder().setLeft(encode(j.left(), scans)).setRight(encode(j.right(), scans))
                    .setKind(j.kind().name()).addAllLeftKeys(ResolvedExprCodec.encodeAll(j.leftKeys()))
                    .addAllRightKeys(ResolvedExprCodec.encodeAll(j.rightKeys()))).build();
        }
        if (plan instanceof SortNode s) {
            SortOp.Builder sort = SortOp.newBuilder().setInput(encode(s.input(), scans));
            s.keys().forEach(k -> sort.addKeys(ResolvedExprCodec.encode(k)));
            if (s.fetch() != null) {
                sort.setFetch(s.fetch());
            }
            return b.setSort(sort).build();
        }
        if (plan instanceof LimitNode l) {
            LimitOp.Builder limit = LimitOp.newBuilder().setInput(encode(l.input(), scans)).setOffset(l.offset());
            if (l.fetch() != null) {
                limit.setFetch(l.fetch());
            }
            return b.setLimit(limit).build();
        }
        if (plan instanceof UnionNode u) {
            UnionOp.Builder union = UnionOp.newBuilder();
            u.inputs().forEach(in -> union.addInputs(encode(in, scans)));
            return b.setUnion(union).build();
        }
        if (plan instanceof WindowNode w) {
            WindowOp.Builder window = WindowOp.newBuilder().setInput(encode(w.input(), scans))
                    .addAllPartitionBy(ResolvedExprCodec.encodeAll(w.partitionBy()));
            w.orderBy().forEach(k -> window.addOrderBy(ResolvedExprCodec.encode(k)));
            w.functions().forEach(f -> window.addFunctions(WindowCallCodec.encode(f)));
            return b.setWindow(window).build();
        }
        ExplodeNode e = (ExplodeNode) plan;
        return b.setExplode(ExplodeOp.newBuilder().setInput(encode(e.input(), scans)).addAllColumns(e.columns())
                .setEmptyAsNull(e.emptyAsNull()).setKeepNulls(e.keepNulls())).build();
    }

    public static LogicalPlan decode(Fragment fragment, Sources sources) {
        return decode(fragment.getRoot(), sources, PlanPath.of("fragment"));
    }

    private static LogicalPlan decode(Operator op, Sources sources, PlanPath at) {
        switch (op.getOpCase()) {
            case SCAN -> {
                ScanOp s = op.getScan();
                PlanPath where = at.then(".scan");
                Schema schema = TypeCodec.decode(s.getSourceSchema(), where.then(".source_schema"));
                DataSource source = switch (s.getSourceCase()) {
                    case EXCHANGE_STAGE -> sources.exchange(s.getExchangeStage(), schema);
                    case DATA_SCAN -> sources.data(s.getDataScan(), schema, s.getDescribe());
                    case SOURCE_NOT_SET -> throw ResolvedExprCodec.malformed(where, "a scan with no source");
                };
                return new ScanNode(source, s.getColumnsList(), ResolvedExprCodec.decodeAll(s.getFiltersList(), where.then(".filters")),
                        s.hasLimit() ? s.getLimit() : null);
            }
            case FILTER -> {
                PlanPath where = at.then(".filter");
                return new FilterNode(decode(op.getFilter().getInput(), sources, where),
                        ResolvedExprCodec.decode(op.getFilter().getPredicate(), where.then(".predicate")));
            }
            case PROJECT -> {
                PlanPath where = at.then(".project");
                return new ProjectNode(decode(op.getProject().getInput(), sources, where),
                        ResolvedExprCodec.decodeNamed(op.getProject().getExprsList(), where.then(".exprs")));
            }
            case AGGREGATE -> {
                AggregateOp a = op.getAggregate();
                PlanPath where = at.then(".aggregate");
                List<NamedAgg> aggs = new ArrayList<>(a.getAggsCount());
                for (ResolvedAgg agg : a.getAggsList()) {
                    aggs.add(ResolvedExprCodec.decode(agg, where.then(".aggs")));
                }
                return new AggregateNode(decode(a.getInput(), sources, where), ResolvedExprCodec.decodeNamed(a.getKeysList(),
                        where.then(".keys")), aggs, ResolvedExprCodec.enumOf(GroupOrder.class, a.getOrder(), where));
            }
            case JOIN -> {
                JoinOp j = op.getJoin();
                PlanPath where = at.then(".join");
                return new JoinNode(decode(j.getLeft(), sources, where.then(".left")), decode(j.getRight(), sources,
                        where.then(".right")), ResolvedExprCodec.enumOf(JoinKind.class, j.getKind(), where),
                        ResolvedExprCodec.decodeAll(j.getLeftKeysList(), where.then(".left_keys")),
                        ResolvedExprCodec.decodeAll(j.getRightKeysList(), where.then(".right_keys")));
            }
            case SORT -> {
                SortOp s = op.getSort();
                PlanPath where = at.then(".sort");
                return new SortNode(decode(s.getInput(), sources, where), ResolvedExprCodec.decodeSorts(s.getKeysList(),
                        where.then(".keys")), s.hasFetch() ? s.getFetch() : null);
            }
            case LIMIT -> {
                LimitOp l = op.getLimit();
                return new LimitNode(decode(l.getInput(), sources, at.then(".limit")), l.getOffset(), l.hasFetch() ? l.getFetch() : null);
            }
            case UNION -> {
                List<LogicalPlan> inputs = new ArrayList<>();
                for (int i = 0; i < op.getUnion().getInputsCount(); i++) {
                    inputs.add(decode(op.getUnion().getInputs(i), sources, at.then(".union[" + i + "]")));
                }
                return new UnionNode(inputs);
            }
            case WINDOW -> {
                WindowOp w = op.getWindow();
                PlanPath where = at.then(".window");
                List<NamedWindowCall> functions = new ArrayList<>(w.getFunctionsCount());
                for (ResolvedWindowCall f : w.getFunctionsList()) {
                    functions.add(WindowCallCodec.decode(f, where.then(".functions")));
                }
                return new WindowNode(decode(w.getInput(), sources, where), ResolvedExprCodec.decodeAll(w.getPartitionByList(),
                        where.then(".partition_by")), ResolvedExprCodec.decodeSorts(w.getOrderByList(), where.then(".order_by")),
                        functions);
            }
            case EXPLODE -> {
                ExplodeOp e = op.getExplode();
                return new ExplodeNode(decode(e.getInput(), sources, at.then(".explode")), e.getColumnsList(), e.getEmptyAsNull(),
                        e.getKeepNulls());
            }
            default -> throw ResolvedExprCodec.malformed(at, "an operator of no kind this version knows");
        }
    }
}
