package io.polaroid.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code polaroid.scheduler.*}: how the coordinator plans and schedules. (Not
 * {@code polaroid.coordinator}: {@code POLAROID_COORDINATOR}, the address workers use, binds there.)
 *
 * @param partitionsPerWorker hash partitions (and scan tasks) per live worker slot
 * @param broadcastThreshold  a join's build side estimated under this is copied to every task
 *                            instead of shuffling both sides
 * @param queryTimeout        a query running longer fails (DEADLINE_EXCEEDED)
 * @param workerWait          how long a query waits for a live worker before it fails
 * @param heartbeatTimeout    a worker that has not sent a heartbeat for this long is dead
 * @param taskAttempts        runs of one task before the query fails
 * @param queryHistory        finished queries kept for GetQuery
 * @param maxSlotsPerWorker   the most task slots one worker is granted, whatever it declares
 * @param pipeline            a stage starts once every stage it reads runs, reading their output as
 *                            it is made (the default); false: once they are complete
 * @param replicateRows       a broadcast build side whose tables hold at most this many rows is read
 *                            whole by every task that joins it, instead of by a stage of its own; 0: never
 * @param singleTaskRows      a query whose scans read at most this many rows runs as one task on one
 *                            worker, without stages or exchanges; 0: never
 * @param fewGroupRows        an aggregation whose tasks send at most this many partial rows (its groups,
 *                            estimated from its keys' Parquet footers, times its tasks) is combined in
 *                            one task rather than shuffled; 0: never
 * @param lendIdleSlots       a stage of fewer tasks than the cluster has idle slots may use their cores
 *                            (each worker at most its machine's): workers that share a machine run a
 *                            one-task query on all of it. Default true
 */
@ConfigurationProperties(prefix = "polaroid.scheduler")
public record SchedulerProperties(Integer partitionsPerWorker, DataSize broadcastThreshold, Duration queryTimeout,
                                    Duration workerWait, Duration heartbeatTimeout, Integer taskAttempts,
                                    Integer queryHistory, Integer maxSlotsPerWorker, Boolean pipeline,
                                    Long replicateRows, Long singleTaskRows, Long fewGroupRows,
                                    Boolean lendIdleSlots) {
    public SchedulerProperties {
        partitionsPerWorker = partitionsPerWorker == null ? 1 : partitionsPerWorker;
        broadcastThreshold = broadcastThreshold == null ? DataSize.ofMegabytes(32) : broadcastThreshold;
        queryTimeout = queryTimeout == null ? Duration.ofMinutes(10) : queryTimeout;
        workerWait = workerWait == null ? Duration.ofSeconds(10) : workerWait;
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(3) : heartbeatTimeout;
        taskAttempts = taskAttempts == null ? 4 : taskAttempts;
        queryHistory = queryHistory == null ? 1000 : queryHistory;
        maxSlotsPerWorker = maxSlotsPerWorker == null ? 64 : maxSlotsPerWorker;
        pipeline = pipeline == null || pipeline;
        replicateRows = replicateRows == null ? io.polaroid.engine.distributed.DistributedPlanner.REPLICATED_ROWS : replicateRows;
        singleTaskRows = singleTaskRows == null ? io.polaroid.engine.distributed.DistributedPlanner.SINGLE_TASK_ROWS : singleTaskRows;
        fewGroupRows = fewGroupRows == null ? io.polaroid.engine.distributed.DistributedPlanner.FEW_GROUP_ROWS : fewGroupRows;
        lendIdleSlots = lendIdleSlots == null || lendIdleSlots;
    }
}
