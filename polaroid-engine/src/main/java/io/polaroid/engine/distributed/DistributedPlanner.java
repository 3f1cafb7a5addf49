package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.optimizer.Cardinality;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import io.polaroid.engine.plan.LogicalPlan.WindowNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Cuts an optimized plan into stages at exchanges. It walks the plan bottom-up, growing a
 * fragment for as long as the rows can stay where they are, and cuts where they must move:
 * <ul>
 *   <li>a scan is split into tasks by its morsels (files, row groups), at most {@code parallelism};</li>
 *   <li>an aggregation runs partially in every task, is shuffled by its keys and combined
 *       ({@link AggregateSplit}), or gathered and combined in one task when its keys make few
 *       groups ({@link GroupCount}); one that does not combine shuffles its input rows instead;</li>
 *   <li>a join broadcasts its right (build) side when that is estimated under
 *       {@code broadcastBytes} and the join kind allows it (or, when it reads only a few rows of
 *       files, has every task read it whole), otherwise both sides are shuffled by the join
 *       keys; a subplan that two stages read is one stage of its own; a semi or anti join that keeps the rows of its small build side broadcasts
 *       them, and gathers the keys they matched;</li>
 *   <li>a sort sorts (or keeps the top k) in every task, then once more over the gathered rows;
 *       a limit likewise;</li>
 *   <li>a window is shuffled by its partition keys, or gathered when it has none.</li>
 * </ul>
 * A query that reads few rows in all (at most {@code singleTaskRows}) is one stage of one task:
 * splitting it would cost more in stages and exchanges than the split saves.
 * Planning is deterministic, so a worker that plans the same query cuts the same stages.
 */
public final class DistributedPlanner {
    /** The most rows a build side's tables have, by default, for every task to read it whole: about 10 ms of one core's scan. */
    public static final long REPLICATED_ROWS = 250_000;
    /**
     * The most rows a query reads, by default, to run as one task: about 30 ms of one core's scan.
     * On two workers, TPC-H Q2, Q11 and Q16 at SF1 (0.8 to 1 million rows) took 20 to 30% less
     * time in one task than in three to five stages.
     */
    public static final long SINGLE_TASK_ROWS = 1_200_000;
    /**
     * The most partial rows, by default, that an aggregation's tasks may send (its groups, estimated
     * from its keys' Parquet footers, times its tasks) to be combined in one task rather than
     * shuffled to all: one task combines them in a few milliseconds, and the query saves a stage.
     */
    public static final long FEW_GROUP_ROWS = 1 << 17;

    private final int parallelism;
    private final long broadcastBytes;
    private final long replicatedRows;
    private final long singleTaskRows;
    private final long fewGroupRows;
    private final List<Stage> stages = new ArrayList<>();
    /** Exchanges made so far: a subplan that occurs twice (a view used twice) becomes one stage, read twice. */
    private final Map<ExchangeKey, LogicalPlan> exchanges = new HashMap<>();
    private int lastExchanged = -1;
    /** Subplans that occur more than once, and what each became when first planned. */
    private SharedSubplans shared;
    private final Map<LogicalPlan, Piece> sharedPieces = new HashMap<>();
    /**
     * Shared subplans that an earlier pass of planning left to be made in two stages, each scanning
     * its data for itself (Q20's partsupp joined to its parts: once for the line items to sum, once
     * to compare with the sums). The next pass makes each a stage of its own that every reader reads.
     */
    private final Set<LogicalPlan> madeTwice = new HashSet<>();

    private record ExchangeKey(LogicalPlan plan, Partitioning output, int tasks) {
    }

    /**
     * A fragment that is still growing: its plan, how many tasks run it, the stages it reads, and,
     * when its rows are hash-partitioned across its tasks, the keys (over its output) they are
     * partitioned by; null otherwise. {@code ranged}, when not null, names keys whose ranges split
     * the rows across the tasks, because the scan they come from is split so.
     */
    private record Piece(LogicalPlan plan, int tasks, List<Integer> inputs, List<BoundExpr> hashKeys, Ranged ranged) {
        Piece(LogicalPlan plan, int tasks, List<Integer> inputs) {
            this(plan, tasks, inputs, null, null);
        }

        Piece(LogicalPlan plan, int tasks, List<Integer> inputs, List<BoundExpr> hashKeys) {
            this(plan, tasks, inputs, hashKeys, null);
        }

        Piece with(LogicalPlan newPlan) {
            return new Piece(newPlan, tasks, inputs, hashKeys, ranged);
        }

        Piece partitionedBy(List<BoundExpr> keys) {
            return new Piece(plan, tasks, inputs, keys, ranged);
        }

        Piece rangedBy(Ranged newRanged) {
            return new Piece(plan, tasks, inputs, hashKeys, newRanged);
        }
    }

    /**
     * Rows split across tasks by ranges of each of {@code keys}, columns of the piece's output
     * that hold equal values in every row (the two keys of an inner join).
     */
    private record Ranged(List<BoundExpr> keys, KeyRanges ranges) {
        Ranged {
            keys = List.copyOf(keys);
        }

        boolean has(BoundExpr key) {
            return keys.contains(key);
        }

        /** The keys that survive {@code survive}, each on its own; null when none does. */
        Ranged keep(java.util.function.UnaryOperator<List<BoundExpr>> survive) {
            List<BoundExpr> kept = new ArrayList<>();
            for (BoundExpr k : keys) {
                List<BoundExpr> after = survive.apply(List.of(k));
                if (after != null) {
                    kept.add(after.get(0));
                }
            }
            return kept.isEmpty() ? null : new Ranged(kept, ranges);
        }
    }

    public DistributedPlanner(int parallelism, long broadcastBytes) {
        this(parallelism, broadcastBytes, REPLICATED_ROWS);
    }

    /**
     * {@code replicatedRows}: a broadcast build side whose tables hold at most this many rows is
     * read by every task for itself instead ({@link ReplicatedSource}); 0: never.
     */
    public DistributedPlanner(int parallelism, long broadcastBytes, long replicatedRows) {
        this(parallelism, broadcastBytes, replicatedRows, 0);
    }

    /**
     * {@code singleTaskRows}: a query whose scans read at most this many rows in all (after the
     * row groups their filters rule out) runs as one task; 0: never.
     */
    public DistributedPlanner(int parallelism, long broadcastBytes, long replicatedRows, long singleTaskRows) {
        this(parallelism, broadcastBytes, replicatedRows, singleTaskRows, FEW_GROUP_ROWS);
    }

    /**
     * {@code fewGroupRows}: an aggregation whose tasks send at most this many partial rows in all
     * (its estimated groups times its tasks) is combined in one task; 0: never.
     */
    public DistributedPlanner(int parallelism, long broadcastBytes, long replicatedRows, long singleTaskRows, long fewGroupRows) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.broadcastBytes = broadcastBytes;
        this.replicatedRows = replicatedRows;
        this.singleTaskRows = singleTaskRows;
        this.fewGroupRows = fewGroupRows;
    }

    public DistributedPlan plan(LogicalPlan optimized) {
        return io.polaroid.engine.dsl.PlanningStack.call("cutting the plan into stages",
                () -> parallelism > 1 && ScannedRows.atMost(optimized, singleTaskRows)
                        ? new DistributedPlanner(1, broadcastBytes, replicatedRows, 0, fewGroupRows).planHere(optimized) : planHere(optimized));
    }

    private DistributedPlan planHere(LogicalPlan optimized) {
        shared = SharedSubplans.of(optimized);
        madeTwice.clear();
        while (true) {
            stages.clear();
            exchanges.clear();
            sharedPieces.clear();
            Piece root = visit(optimized);
            stages.add(new Stage(stages.size(), root.plan(), Partitioning.single(), root.inputs(), root.tasks()));
            List<LogicalPlan> again = sharedPieces.entrySet().stream()
                    .filter(e -> !madeTwice.contains(e.getKey()) && madeInTwoStages(e.getValue().plan()))
                    .map(Map.Entry::getKey).toList();
            if (again.isEmpty()) {
                return new DistributedPlan(stages, isOrdered(optimized));
            }
            // each pass adds at least one shared subplan, so there are at most as many passes as those
            madeTwice.addAll(again);
        }
    }

    /** Whether two stages run {@code plan} (the very node) over data they scan: a subplan each makes for itself. */
    private boolean madeInTwoStages(LogicalPlan plan) {
        return !KeyOrderedScans.dataScans(plan).isEmpty()
                && stages.stream().filter(stage -> contains(stage.fragment(), plan)).limit(2).count() == 2;
    }

    private static boolean contains(LogicalPlan tree, LogicalPlan node) {
        return tree == node || tree.children().stream().anyMatch(child -> contains(child, node));
    }

    private static boolean isOrdered(LogicalPlan plan) {
        while (plan instanceof ProjectNode || plan instanceof FilterNode || plan instanceof LimitNode) {
            plan = plan.children().get(0);
        }
        return plan instanceof SortNode;
    }

    private Piece visit(LogicalPlan plan) {
        if (!shared.isShared(plan)) {
            return visitNode(plan);
        }
        Piece done = sharedPieces.get(plan);
        if (done == null) {
            done = acrossStages(plan, visitNode(plan));
            sharedPieces.put(plan, done);
        }
        return done;
    }

    /**
     * A subplan that occurs more than once, made once when its readers would otherwise run it in
     * two stages: it becomes a stage of its own, hash-partitioned by the keys its first keyed
     * reader wants, and every reader reads that stage. Its readers run it in two stages when one
     * aggregates all its rows, or when none can split it by ranges of its key where it lies (Q17
     * scanned lineitem twice, once for each reader of lineitem joined to its parts). As it is when
     * it runs in one task, is partitioned so already, or when its readers can split it by ranges
     * together (Q21's shared lineitem joins run once, in one stage). One that an earlier pass
     * found made in two stages anyway ({@link #madeTwice}) always becomes a stage: its rows
     * gathered into one partition when they are estimated under the broadcast size, so that each
     * reader, whatever it joins them to, reads them whole.
     */
    private Piece acrossStages(LogicalPlan plan, Piece piece) {
        if (piece.tasks() == 1) {
            return piece;
        }
        boolean twice = madeTwice.contains(plan);
        if (twice && Cardinality.bytes(plan) <= broadcastBytes) {
            return gathered(piece, rows -> rows);
        }
        List<List<BoundExpr>> wanted = shared.keysWanted(plan);
        List<BoundExpr> keys = wanted.stream().filter(k -> !k.isEmpty() && CoPartitioning.present(k, plan.schema()) != null)
                .findFirst().orElse(null);
        if (keys == null || isPartitionedBy(piece, keys)) {
            return piece;
        }
        boolean aggregatedWhole = wanted.stream().anyMatch(List::isEmpty);
        if (!twice && !aggregatedWhole && wanted.stream().anyMatch(k -> k.stream().anyMatch(key -> splitByRanges(piece, key, null, 1) != null))) {
            return piece;
        }
        LogicalPlan rows = exchange(piece, new Partitioning.Hash(keys, parallelism));
        return new Piece(rows, parallelism, List.of(lastStage()), keys);
    }

    private Piece visitNode(LogicalPlan plan) {
        if (plan instanceof ScanNode s) {
            int morsels = s.source().morsels(s.columns(), s.filters()).size();
            return new Piece(s, Math.max(1, Math.min(parallelism, morsels)), List.of());
        }
        if (plan instanceof FilterNode) {
            Piece in = visit(plan.children().get(0));
            return in.with(plan.withChildren(List.of(in.plan())));
        }
        if (plan instanceof ProjectNode p) {
            Piece in = visit(p.input());
            return in.with(p.withChildren(List.of(in.plan()))).partitionedBy(CoPartitioning.throughProject(in.hashKeys(), p))
                    .rangedBy(in.ranged() == null ? null : in.ranged().keep(k -> CoPartitioning.throughProject(k, p)));
        }
        if (plan instanceof AggregateNode a) {
            return aggregate(a, visit(a.input()));
        }
        if (plan instanceof JoinNode j) {
            return join(j, visit(j.left()), visit(j.right()));
        }
        if (plan instanceof SortNode s) {
            Piece in = visit(s.input());
            if (in.tasks() == 1) {
                return in.with(s.withChildren(List.of(in.plan())));
            }
            Piece sorted = in.with(new SortNode(in.plan(), s.keys(), s.fetch()));
            return gathered(sorted, rows -> new SortNode(rows, s.keys(), s.fetch()));
        }
        if (plan instanceof LimitNode l) {
            Piece in = visit(l.input());
            if (in.tasks() == 1) {
                return in.with(l.withChildren(List.of(in.plan())));
            }
            Piece local = l.fetch() == null ? in : in.with(new LimitNode(in.plan(), 0, l.offset() + l.fetch()));
            return gathered(local, rows -> new LimitNode(rows, l.offset(), l.fetch()));
        }
        if (plan instanceof WindowNode w) {
            return window(w, visit(w.input()));
        }
        if (plan instanceof LogicalPlan.ExplodeNode e) {
            // row-local: each task explodes its own rows; the rows are no longer known to be hashed by their keys
            Piece in = visit(e.input());
            return new Piece(e.withChildren(List.of(in.plan())), in.tasks(), in.inputs());
        }
        UnionNode u = (UnionNode) plan;
        List<LogicalPlan> inputs = new ArrayList<>();
        List<Integer> stageInputs = new ArrayList<>();
        for (LogicalPlan input : u.inputs()) {
            Piece in = visit(input);
            if (in.tasks() == 1) {
                inputs.add(in.plan());
                stageInputs.addAll(in.inputs());
            } else {
                inputs.add(exchange(in, Partitioning.single()));
                stageInputs.add(lastStage());
            }
        }
        return new Piece(new UnionNode(inputs), 1, stageInputs);
    }

    private Piece aggregate(AggregateNode a, Piece in) {
        if (in.tasks() == 1) {
            return in.with(a.withChildren(List.of(in.plan())));
        }
        List<BoundExpr> groupKeys = a.keys().stream().map(NamedExpr::expr).toList();
        if (!a.maintainOrder() && isPartitionedBy(in, groupKeys)) {
            // Every group's rows are in one task already.
            return in.with(a.withChildren(List.of(in.plan()))).partitionedBy(keyColumns(a));
        }
        if (!a.maintainOrder()) {
            for (BoundExpr key : groupKeys) {
                Piece split = splitByRanges(in, key, null, 1);
                if (split != null) {
                    // Every group's rows are in one task: its key's range.
                    List<BoundExpr> outputs = new ArrayList<>();
                    for (int k = 0; k < groupKeys.size(); k++) {
                        if (split.ranged().has(groupKeys.get(k))) {
                            outputs.add(keyColumns(a).get(k));
                        }
                    }
                    return split.with(a.withChildren(List.of(split.plan()))).rangedBy(new Ranged(outputs, split.ranged().ranges()));
                }
            }
        }
        if (AggregateSplit.splittable(a)) {
            Piece partial = in.with(AggregateSplit.partial(a, in.plan()));
            if (a.keys().isEmpty() || GroupCount.atMost(a).orElse(Double.MAX_VALUE) * in.tasks() <= fewGroupRows) {
                return gathered(partial, rows -> AggregateSplit.combine(a, rows));
            }
            List<BoundExpr> keys = keyColumns(a);
            LogicalPlan rows = exchange(partial, new Partitioning.Hash(keys, parallelism));
            return new Piece(AggregateSplit.combine(a, rows), parallelism, List.of(lastStage()), keys);
        }
        if (a.keys().isEmpty() || a.maintainOrder()) {
            return gathered(in, rows -> a.withChildren(List.of(rows)));
        }
        LogicalPlan rows = exchange(in, new Partitioning.Hash(groupKeys, parallelism));
        return new Piece(a.withChildren(List.of(rows)), parallelism, List.of(lastStage()), keyColumns(a));
    }

    /**
     * A window needs each partition's rows in one task: they are shuffled by the partition keys
     * (unless already partitioned by them), or gathered when the whole frame is one partition.
     * Each task reads its inputs in the upstream tasks' order, which is data order, so the rows of
     * a partition keep their order across the exchange.
     */
    private Piece window(WindowNode w, Piece in) {
        if (in.tasks() == 1) {
            return in.with(w.withChildren(List.of(in.plan())));
        }
        if (w.partitionBy().isEmpty()) {
            return gathered(in, rows -> w.withChildren(List.of(rows)));
        }
        if (isPartitionedBy(in, w.partitionBy())) {
            return in.with(w.withChildren(List.of(in.plan())));
        }
        LogicalPlan rows = exchange(in, new Partitioning.Hash(w.partitionBy(), parallelism));
        return new Piece(w.withChildren(List.of(rows)), parallelism, List.of(lastStage()), w.partitionBy());
    }

    /** The output columns of an aggregation's keys. */
    private static List<BoundExpr> keyColumns(AggregateNode a) {
        return a.keys().stream().map(k -> (BoundExpr) new BoundExpr.ColumnRef(k.name(), k.expr().type())).toList();
    }

    private boolean isPartitionedBy(Piece piece, List<BoundExpr> keys) {
        return piece.tasks() == parallelism && piece.hashKeys() != null && !keys.isEmpty() && piece.hashKeys().equals(keys);
    }

    private Piece join(JoinNode j, Piece left, Piece right) {
        if (left.tasks() == 1 && right.tasks() == 1) {
            return new Piece(j.withChildren(List.of(left.plan(), right.plan())), 1, concat(left.inputs(), right.inputs()));
        }
        boolean leftReady = isPartitionedBy(left, j.leftKeys());
        boolean rightReady = isPartitionedBy(right, j.rightKeys());
        if (j.kind() != JoinKind.CROSS && !(leftReady && rightReady)) {
            Piece together = colocated(j, left, right);
            if (together != null) {
                return together;
            }
        }
        boolean small = Cardinality.bytes(j.right()) <= broadcastBytes;
        if (small && canBroadcastRight(j.kind()) && !(leftReady && rightReady) && readsFewRows(right)) {
            return joinedWhereProbed(j, left, readWholeByEveryTask(right.plan()), List.of());
        }
        if (small && canBroadcastRight(j.kind()) && !(leftReady && rightReady) && right.tasks() == 1
                && isGatheredRows(right.plan())) {
            // already one stage's rows in one place: every task reads them whole, with no stage between
            return joinedWhereProbed(j, left, right.plan(), right.inputs());
        }
        if (j.kind() == JoinKind.CROSS || (small && canBroadcastRight(j.kind()) && !(leftReady && rightReady))) {
            LogicalPlan build = exchange(right, Partitioning.single());
            return joinedWhereProbed(j, left, build, List.of(lastStage()));
        }
        if (small && (j.kind() == JoinKind.RIGHT_SEMI || j.kind() == JoinKind.RIGHT_ANTI) && !(leftReady && rightReady)) {
            Piece matched = keysMatchedInPlace(j, left, right);
            if (matched != null) {
                return matched;
            }
        }
        // A side already hash-partitioned by its join keys (the output of a shuffle or a final
        // aggregate on them) stays where it is; only the other side moves.
        List<Integer> inputs = new ArrayList<>();
        Piece leftRows = existenceOnly(j.kind(), true) ? distinctKeys(left, j.leftKeys()) : left;
        Piece rightRows = existenceOnly(j.kind(), false) ? distinctKeys(right, j.rightKeys()) : right;
        LogicalPlan probe = leftReady ? left.plan() : exchange(leftRows, new Partitioning.Hash(j.leftKeys(), parallelism));
        inputs.addAll(leftReady ? left.inputs() : List.of(lastStage()));
        LogicalPlan build = rightReady ? right.plan() : exchange(rightRows, new Partitioning.Hash(j.rightKeys(), parallelism));
        inputs.addAll(rightReady ? right.inputs() : List.of(lastStage()));
        LogicalPlan joined = j.withChildren(List.of(probe, build));
        return new Piece(joined, parallelism, inputs, CoPartitioning.afterJoin(j, joined.schema()));
    }

    /** The join run in the probe side's tasks, each holding the whole build side (reading {@code buildStages}). */
    private static Piece joinedWhereProbed(JoinNode j, Piece left, LogicalPlan build, List<Integer> buildStages) {
        LogicalPlan joined = j.withChildren(List.of(left.plan(), build));
        return new Piece(joined, left.tasks(), concat(left.inputs(), buildStages),
                CoPartitioning.present(left.hashKeys(), joined.schema()),
                left.ranged() == null ? null : alsoByBuildKeys(left.ranged(), j).keep(k -> CoPartitioning.present(k, joined.schema())));
    }

    /**
     * A join whose sides are split by the same ranges of a pair of its keys, or can be: every key's
     * rows of both sides are in one task, so nothing moves. The ranges come from a side already
     * split, or else from the side with more rows; the other side's scan is split by them. Null
     * when no pair of keys allows it.
     */
    private Piece colocated(JoinNode j, Piece left, Piece right) {
        for (int k = 0; k < j.leftKeys().size(); k++) {
            BoundExpr leftKey = j.leftKeys().get(k);
            BoundExpr rightKey = j.rightKeys().get(k);
            KeyRanges given = left.ranged() != null && left.ranged().has(leftKey) ? left.ranged().ranges()
                    : right.ranged() != null && right.ranged().has(rightKey) ? right.ranged().ranges() : null;
            Piece l;
            Piece r;
            if (given != null) {
                l = splitByRanges(left, leftKey, given, given.tasks());
                r = splitByRanges(right, rightKey, given, given.tasks());
            } else if (rows(left) >= rows(right)) {
                l = splitByRanges(left, leftKey, null, 1);
                r = l == null ? null : splitByRanges(right, rightKey, l.ranged().ranges(), l.ranged().ranges().tasks());
            } else {
                r = splitByRanges(right, rightKey, null, 1);
                l = r == null ? null : splitByRanges(left, leftKey, r.ranged().ranges(), r.ranged().ranges().tasks());
            }
            if (l == null || r == null || l.tasks() < 2) {
                continue;
            }
            KeyRanges ranges = l.ranged().ranges();
            LogicalPlan joined = j.withChildren(List.of(l.plan(), r.plan()));
            // An inner join's keys are equal in every row it makes; an outer side's may be null.
            List<BoundExpr> keys = switch (j.kind()) {
                case INNER -> concat(l.ranged().keys(), r.ranged().keys());
                case LEFT, LEFT_SEMI, LEFT_ANTI -> l.ranged().keys();
                case RIGHT_SEMI, RIGHT_ANTI -> r.ranged().keys();
                default -> List.of();
            };
            Ranged kept = new Ranged(keys, ranges).keep(ks -> CoPartitioning.present(ks, joined.schema()));
            return new Piece(joined, ranges.tasks(), concat(l.inputs(), r.inputs()), null, kept);
        }
        return null;
    }

    /**
     * {@code piece} with its rows split by ranges of {@code key}: as it is when already split so by
     * {@code ranges} (or by any ranges when null); else its data scan split by {@code ranges}, or by
     * ranges of its own when null. A scan split by another side's ranges must have at least
     * {@code minMorsels} morsels, so that its tasks do not all read the same ones. Null when the
     * key is not an integer column of a scan whose morsels are in key order.
     */
    private Piece splitByRanges(Piece piece, BoundExpr key, KeyRanges ranges, int minMorsels) {
        if (piece.ranged() != null) {
            return piece.ranged().has(key) && (ranges == null || ranges.equals(piece.ranged().ranges())) ? piece : null;
        }
        KeyOrderedScans.Traced traced = KeyOrderedScans.trace(piece.plan(), key);
        if (traced == null || KeyOrderedScans.dataScans(piece.plan()).size() != 1 || !readsOnlyBroadcasts(piece)) {
            return null;
        }
        ScanNode scan = traced.scan();
        List<io.polaroid.engine.io.Morsel> morsels = scan.source().morsels(scan.columns(), scan.filters());
        List<long[]> keys = KeyRanges.ordered(morsels, traced.column());
        if (keys == null || morsels.size() < minMorsels || morsels.size() < 2) {
            return null;
        }
        KeyRanges split = ranges != null ? ranges : KeyRanges.balanced(morsels, keys, Math.min(parallelism, morsels.size()),
                traced.column());
        ScanNode splitScan = new ScanNode(new RangeSplitSource(scan.source(), traced.column(), split), scan.columns(),
                scan.filters(), scan.limit());
        return new Piece(KeyOrderedScans.replace(piece.plan(), scan, splitScan), split.tasks(), piece.inputs(),
                null, new Ranged(List.of(key), split));
    }

    /**
     * Whether a join's build side is small enough that every task reads it for itself rather than
     * a stage broadcasting it: one task's worth of work over files alone (no other stage), and at
     * most {@code replicatedRows} rows in all its tables (by default {@value #REPLICATED_ROWS}:
     * at TPC-H SF1 the supplier, nation, region, part and customer sides).
     */
    private boolean readsFewRows(Piece build) {
        if (build.tasks() != 1 || !build.inputs().isEmpty()) {
            return false;
        }
        return tableRows(build.plan()) <= replicatedRows;
    }

    /** Whether {@code plan} only filters or projects the rows of a stage gathered into one partition. */
    private boolean isGatheredRows(LogicalPlan plan) {
        while (plan instanceof ProjectNode || plan instanceof FilterNode) {
            plan = plan.children().get(0);
        }
        return plan instanceof ScanNode s && s.source() instanceof ExchangeSource e
                && stages.get(e.stageId()).output() instanceof Partitioning.Single;
    }

    /** The rows of every table {@code plan} scans; more than any limit when one is unknown. */
    private static long tableRows(LogicalPlan plan) {
        if (plan instanceof ScanNode s) {
            Statistics stats = s.source().statistics();
            return stats.isKnown() ? stats.rows() : Long.MAX_VALUE / 4;
        }
        long rows = 0;
        for (LogicalPlan child : plan.children()) {
            rows = Math.min(Long.MAX_VALUE / 4, rows + tableRows(child));
        }
        return rows;
    }

    /** {@code plan} with each data scan read whole by every task of the stage it lands in. */
    private static LogicalPlan readWholeByEveryTask(LogicalPlan plan) {
        if (plan instanceof ScanNode s) {
            return s.source() instanceof ExchangeSource || s.source() instanceof ReplicatedSource ? s
                    : new ScanNode(new ReplicatedSource(s.source()), s.columns(), s.filters(), s.limit());
        }
        return plan.withChildren(plan.children().stream().map(DistributedPlanner::readWholeByEveryTask).toList());
    }

    /** Whether every stage the piece reads is read whole by each of its tasks (a broadcast), not a partition of it. */
    private boolean readsOnlyBroadcasts(Piece piece) {
        return piece.inputs().stream().allMatch(id -> stages.get(id).output() instanceof Partitioning.Single);
    }

    private static double rows(Piece piece) {
        return Cardinality.rows(piece.plan());
    }

    /**
     * The keys a broadcast join's output is split by: its probe side's, and for an inner join the
     * build key matched to any of them, which holds the same value in every row it makes.
     */
    private static Ranged alsoByBuildKeys(Ranged probe, JoinNode j) {
        if (j.kind() != JoinKind.INNER) {
            return probe;
        }
        List<BoundExpr> keys = new ArrayList<>(probe.keys());
        for (int k = 0; k < j.leftKeys().size(); k++) {
            if (probe.has(j.leftKeys().get(k))) {
                keys.add(j.rightKeys().get(k));
            }
        }
        return new Ranged(keys, probe.ranges());
    }

    /** Whether the join only asks if a key exists on that side (the other side's rows are the output). */
    private static boolean existenceOnly(JoinKind kind, boolean leftSide) {
        return leftSide ? kind == JoinKind.RIGHT_SEMI || kind == JoinKind.RIGHT_ANTI
                : kind == JoinKind.LEFT_SEMI || kind == JoinKind.LEFT_ANTI;
    }

    /**
     * A side of a semi or anti join reduced to its distinct keys in each task before it is
     * shuffled: the join only asks whether a key exists, so repeats are rows shuffled and probed
     * for nothing (Q4 sends each order's key once instead of once per late line item). Only for
     * keys that are plain columns, so that the join still finds them by name.
     */
    private static Piece distinctKeys(Piece side, List<BoundExpr> keys) {
        List<NamedExpr> named = new ArrayList<>();
        for (BoundExpr k : keys) {
            if (!(k instanceof BoundExpr.ColumnRef c)) {
                return side;
            }
            named.add(new NamedExpr(c.name(), c));
        }
        return side.with(new AggregateNode(side.plan(), named, List.of(), GroupOrder.ANY));
    }

    /**
     * A semi or anti join that keeps the rows of a small build side, without moving the large
     * side: the build rows are broadcast to the large side's tasks, each of which keeps its rows
     * whose key is among them and sends on its distinct keys; one task then keeps the build rows
     * whose key came back (or did not, for anti). Q4 moves the keys its quarter's orders matched,
     * instead of every late line item's key shuffled to meet all the orders. Null when a key of the
     * large side is not a plain column (the keys sent on are found by name).
     */
    private Piece keysMatchedInPlace(JoinNode j, Piece left, Piece right) {
        if (!j.leftKeys().stream().allMatch(k -> k instanceof BoundExpr.ColumnRef)) {
            return null;
        }
        LogicalPlan build = exchange(right, Partitioning.single());
        int buildStage = lastStage();
        JoinNode kept = new JoinNode(left.plan(), build, JoinKind.LEFT_SEMI, j.leftKeys(), j.rightKeys());
        Piece keys = distinctKeys(new Piece(kept, left.tasks(), concat(left.inputs(), List.of(buildStage))), j.leftKeys());
        LogicalPlan matched = exchange(keys, Partitioning.single());
        JoinKind kind = j.kind() == JoinKind.RIGHT_SEMI ? JoinKind.LEFT_SEMI : JoinKind.LEFT_ANTI;
        return new Piece(new JoinNode(build, matched, kind, j.rightKeys(), j.leftKeys()), 1,
                List.of(buildStage, lastStage()));
    }

    /** Kinds whose output does not depend on seeing all right rows in one place: every task can build all of them. */
    private static boolean canBroadcastRight(JoinKind kind) {
        return kind == JoinKind.INNER || kind == JoinKind.LEFT || kind == JoinKind.LEFT_SEMI || kind == JoinKind.LEFT_ANTI;
    }

    /** Gathers the piece's rows into one task that runs {@code then} over them. */
    private Piece gathered(Piece in, java.util.function.UnaryOperator<LogicalPlan> then) {
        LogicalPlan rows = exchange(in, Partitioning.single());
        return new Piece(then.apply(rows), 1, List.of(lastStage()));
    }

    /**
     * Ends the piece as a stage; returns the scan that reads that stage's output. An identical
     * piece with the same partitioning is the same stage.
     */
    private LogicalPlan exchange(Piece piece, Partitioning output) {
        ExchangeKey key = new ExchangeKey(piece.plan(), output, piece.tasks());
        LogicalPlan existing = exchanges.get(key);
        if (existing != null) {
            lastExchanged = ((ExchangeSource) ((ScanNode) existing).source()).stageId();
            return existing;
        }
        LogicalPlan scan = newExchange(piece, output);
        exchanges.put(key, scan);
        return scan;
    }

    private LogicalPlan newExchange(Piece piece, Partitioning output) {
        int id = stages.size();
        lastExchanged = id;
        stages.add(new Stage(id, piece.plan(), output, piece.inputs(), piece.tasks()));
        double rows = Cardinality.rows(piece.plan());
        double bytes = Cardinality.bytes(piece.plan());
        return ScanNode.of(ExchangeSource.unbound(id, piece.plan().schema(), new Statistics((long) rows, (long) bytes)));
    }

    /** The stage the last {@link #exchange} reads (not always the newest stage: see its reuse). */
    private int lastStage() {
        return lastExchanged;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
