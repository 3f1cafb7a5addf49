package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.distributed.AssignedSource;
import io.polaroid.engine.distributed.ExchangeInputs;
import io.polaroid.engine.distributed.ExchangeSource;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.types.Schema;
import io.polaroid.proto.v1.Fragment;
import io.polaroid.proto.v1.KeyRange;
import io.polaroid.proto.v1.Resolved;
import io.polaroid.proto.v1.ScanParts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * On a worker: a task's fragment made the plan it runs, each exchange bound to the partitions the
 * task reads and each data scan to the parts the coordinator assigned it. Two scans with the same
 * parts share one source, as do two reads of one stage, so the engine can still run a subplan that
 * occurs twice once.
 */
public final class FragmentBinding {
    private FragmentBinding() {
    }

    public static LogicalPlan bind(Fragment fragment, List<ScanParts> scans, ExchangeInputs inputs, FileSystems files) {
        Map<DataSource, KeyRange> ranges = new java.util.IdentityHashMap<>();
        LogicalPlan plan = PlanningStack.call("decoding a fragment", () -> FragmentCodec.decode(fragment, new FragmentCodec.Sources() {
            private final Map<ScanParts, DataSource> shared = new HashMap<>();
            private final Map<Integer, DataSource> exchanges = new HashMap<>();

            @Override
            public DataSource exchange(int stageId, Schema schema) {
                // one source per stage read: an exchange source is equal only to itself, and a
                // subplan over it that occurs twice (Q21 joins lineitem to its one broadcast of
                // suppliers six times) must be equal to itself to be run once
                return exchanges.computeIfAbsent(stageId,
                        id -> ExchangeSource.unbound(id, schema, Statistics.UNKNOWN).bind(inputs.partitions(id, schema)));
            }

            @Override
            public DataSource data(int scan, Schema schema, String describe) {
                if (scan < 0 || scan >= scans.size()) {
                    throw ResolvedExprCodec.malformed(PlanPath.of("fragment"), "data scan " + scan + " of a task with "
                            + scans.size() + " scans");
                }
                ScanParts parts = scans.get(scan);
                return shared.computeIfAbsent(parts, p -> {
                    DataSource source = new AssignedSource(schema, describe,
                            ScanPartsCodec.decode(p, schema, files, PlanPath.of("scans[" + scan + "]")));
                    if (p.hasKeyRange()) {
                        ranges.put(source, p.getKeyRange());
                    }
                    return source;
                });
            }
        }));
        return ranges.isEmpty() ? plan : KeyRangeFilters.add(plan, ranges);
    }

    /** How the task splits its output. */
    public static Partitioning output(List<Resolved> hashKeys, int partitions) {
        if (hashKeys.isEmpty()) {
            return new Partitioning.Single();
        }
        return new Partitioning.Hash(ResolvedExprCodec.decodeAll(hashKeys, PlanPath.of("hash_keys")), partitions);
    }
}
