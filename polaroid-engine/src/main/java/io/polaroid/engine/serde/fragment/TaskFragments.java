package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.KeyRanges;
import io.polaroid.engine.distributed.RangeSplitSource;
import io.polaroid.engine.distributed.RowShares;
import io.polaroid.engine.distributed.ReplicatedSource;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.proto.v1.Fragment;
import io.polaroid.proto.v1.KeyRange;
import io.polaroid.proto.v1.Resolved;
import io.polaroid.proto.v1.ScanParts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A distributed plan as the coordinator sends it to workers: each stage's fragment encoded once,
 * each data scan's morsels listed once (from the footers the coordinator read when it planned),
 * and each task's share of them encoded when the task is sent.
 */
public final class TaskFragments {
    private final List<Fragment> fragments = new ArrayList<>();
    /** Per stage, per data scan: what a task (by its number) reads of it. */
    private final List<List<IntFunction<ScanParts>>> scanParts = new ArrayList<>();
    private final List<List<Resolved>> hashKeys = new ArrayList<>();

    public TaskFragments(DistributedPlan plan) {
        PlanningStack.call("encoding the stages", () -> {
            for (Stage stage : plan.stages()) {
                if (stage.id() != fragments.size()) {
                    throw new IllegalArgumentException("stages must be numbered in order");
                }
                FragmentCodec.Encoded encoded = FragmentCodec.encode(stage.fragment());
                fragments.add(encoded.fragment());
                List<IntFunction<ScanParts>> scans = new ArrayList<>();
                for (ScanNode s : encoded.dataScans()) {
                    List<Morsel> all = s.source().morsels(s.columns(), s.filters());
                    if (s.source() instanceof ReplicatedSource) {
                        ScanParts whole = ScanPartsCodec.encode(all);
                        scans.add(task -> whole);
                    } else if (s.source() instanceof RangeSplitSource split) {
                        scans.add(byKeyRange(split, all));
                    } else {
                        RowShares shares = new RowShares(all, stage.tasks());
                        scans.add(task -> ScanPartsCodec.encode(shares.share(task)));
                    }
                }
                scanParts.add(scans);
                hashKeys.add(stage.output() instanceof Partitioning.Hash h ? ResolvedExprCodec.encodeAll(h.keys()) : List.of());
            }
            return null;
        });
    }

    public Fragment fragment(int stage) {
        return fragments.get(stage);
    }

    /**
     * What task {@code task} of the stage reads of each of its data scans: a contiguous run of the
     * scan's rows ({@link RowShares}), those that may hold the task's keys when the scan is split by key ranges, or
     * all of them when every task reads it whole.
     */
    public List<ScanParts> scans(int stage, int task) {
        return scanParts.get(stage).stream().map(parts -> parts.apply(task)).toList();
    }

    /** A scan split by key ranges: a task's parts, with its range when some of them hold other tasks' keys. */
    private static IntFunction<ScanParts> byKeyRange(RangeSplitSource split, List<Morsel> all) {
        IntFunction<KeyRanges.Assignment> assignments = split.assignments(all);
        return task -> {
            KeyRanges.Assignment mine = assignments.apply(task);
            ScanParts parts = ScanPartsCodec.encode(mine.morsels());
            if (!mine.filtered()) {
                return parts;
            }
            KeyRange.Builder range = KeyRange.newBuilder().setColumn(split.column());
            Long lo = split.ranges().lo(task);
            Long hi = split.ranges().hi(task);
            if (lo != null) {
                range.setLo(lo);
            }
            if (hi != null) {
                range.setHi(hi);
            }
            return parts.toBuilder().setKeyRange(range).build();
        };
    }

    /** The keys a stage's output is hash-partitioned by; none for a single partition. */
    public List<Resolved> hashKeys(int stage) {
        return hashKeys.get(stage);
    }
}
