package io.polaroid.server.config;

import io.polaroid.engine.memory.MemoryLimits;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.worker.*}: how a worker joins a cluster.
 *
 * @param coordinator       host:port of the coordinator's gRPC server; env {@code POLAROID_COORDINATOR}.
 *                          Standalone: this process.
 * @param advertisedHost    the host other processes reach this worker at
 * @param slots             tasks this worker runs at once
 * @param heartbeatInterval time between heartbeats
 * @param resultTtl         result partitions nobody fetched are freed after this
 * @param orphanTimeout     when the coordinator has not answered a heartbeat for this long, its
 *                          queries are freed: nobody is left to read their output
 * @param streamBuffer      bytes one streamed result partition holds for its reader; a task whose
 *                          reader is slower waits (a single larger batch still goes alone)
 * @param storeMemory       memory the partitions this worker holds (shuffle outputs, results not yet
 *                          fetched) may take; past it the oldest whole ones go to disk, under
 *                          {@code polaroid.spill.dir}, and are served from there. Default: a
 *                          quarter of the process' direct memory
 */
@ConfigurationProperties(prefix = "polaroid.worker")
public record WorkerProperties(String coordinator, String advertisedHost, Integer slots, Duration heartbeatInterval,
                               Duration resultTtl, Duration orphanTimeout, DataSize streamBuffer,
                               DataSize storeMemory) {
    public WorkerProperties {
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? "127.0.0.1" : advertisedHost;
        slots = slots == null || slots < 1 ? 2 : slots;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofMillis(500) : heartbeatInterval;
        resultTtl = resultTtl == null ? Duration.ofMinutes(10) : resultTtl;
        orphanTimeout = orphanTimeout == null ? Duration.ofSeconds(30) : orphanTimeout;
        streamBuffer = streamBuffer == null ? DataSize.ofMegabytes(32) : streamBuffer;
        storeMemory = storeMemory == null ? DataSize.ofBytes(MemoryLimits.maxDirectMemory() / 4) : storeMemory;
    }
}
