package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.KeyRanges;
import io.polaroid.engine.distributed.RangeSplitSource;
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

/**
 * A distributed plan as the coordinator sends it to workers: each stage's fragment encoded once,
 * each data scan's morsels listed once (from the footers the coordinator read when it planned),
 * and each task's share of them encoded when the task is sent.
 */
public final class TaskFragments {
    private final List<Fragment> fragments = new ArrayList<>();
    /** Per stage, per data scan: every morsel it reads, in data order. */
    private final List<List<List<Morsel>>> morsels = new ArrayList<>();
    /** Per stage, per data scan: the key ranges it is split by, or null when split by count. */
    private final List<List<RangeSplitSource>> rangeSplits = new ArrayList<>();
    private final List<List<Resolved>> hashKeys = new ArrayList<>();
    private final List<Integer> tasks = new ArrayList<>();

    public TaskFragments(DistributedPlan plan) {
        PlanningStack.call("encoding the stages", () -> {
            for (Stage stage : plan.stages()) {
                if (stage.id() != fragments.size()) {
                    throw new IllegalArgumentException("stages must be numbered in order");
                }
                FragmentCodec.Encoded encoded = FragmentCodec.encode(stage.fragment());
                fragments.add(encoded.fragment());
                List<List<Morsel>> scans = new ArrayList<>();
                List<RangeSplitSource> splits = new ArrayList<>();
                for (ScanNode s : encoded.dataScans()) {
                    scans.add(s.source().morsels(s.columns(), s.filters()));
                    splits.add(s.source() instanceof RangeSplitSource r ? r : null);
                }
                morsels.add(scans);
                rangeSplits.add(splits);
                hashKeys.add(stage.output() instanceof Partitioning.Hash h ? ResolvedExprCodec.encodeAll(h.keys()) : List.of());
                tasks.add(stage.tasks());
            }
            return null;
        });
    }

    public Fragment fragment(int stage) {
        return fragments.get(stage);
    }

    /**
     * What task {@code task} of the stage reads of each of its data scans: a contiguous run of the
     * scan's morsels, or those that may hold the task's keys when the scan is split by key ranges.
     */
    public List<ScanParts> scans(int stage, int task) {
        int count = tasks.get(stage);
        List<ScanParts> out = new ArrayList<>();
        List<List<Morsel>> scans = morsels.get(stage);
        for (int i = 0; i < scans.size(); i++) {
            List<Morsel> all = scans.get(i);
            RangeSplitSource split = rangeSplits.get(stage).get(i);
            if (split == null) {
                out.add(ScanPartsCodec.encode(all.subList(start(all.size(), task, count), start(all.size(), task + 1, count))));
                continue;
            }
            KeyRanges.Assignment mine = split.assign(all, task);
            ScanParts parts = ScanPartsCodec.encode(mine.morsels());
            if (mine.filtered()) {
                KeyRange.Builder range = KeyRange.newBuilder().setColumn(split.column());
                KeyRanges ranges = split.ranges();
                if (ranges.lo(task) != null) {
                    range.setLo(ranges.lo(task));
                }
                if (ranges.hi(task) != null) {
                    range.setHi(ranges.hi(task));
                }
                parts = parts.toBuilder().setKeyRange(range).build();
            }
            out.add(parts);
        }
        return out;
    }

    /**
     * The first of {@code morsels} that task {@code task} of {@code tasks} reads: each task takes a
     * contiguous run, so the tasks together read every morsel once and, in task order, in data order.
     */
    static int start(int morsels, int task, int tasks) {
        return (int) ((long) morsels * task / tasks);
    }

    /** The keys a stage's output is hash-partitioned by; none for a single partition. */
    public List<Resolved> hashKeys(int stage) {
        return hashKeys.get(stage);
    }
}
