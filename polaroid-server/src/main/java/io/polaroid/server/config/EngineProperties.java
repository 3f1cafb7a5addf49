package io.polaroid.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code polaroid.engine.*}: the Arrow engine of this process (a coordinator uses it to plan, a
 * worker to run tasks).
 *
 * @param threads     threads per task; 0: the number of cores
 * @param queryMemory memory limit of one task (or one local query)
 * @param batchRows   rows per Arrow batch
 * @param warmUp      run the engine's common paths on a small made-up table at start, so that the
 *                    first query does not pay for class loading and compilation (default true)
 */
@ConfigurationProperties(prefix = "polaroid.engine")
public record EngineProperties(Integer threads, DataSize queryMemory, Integer batchRows, Boolean warmUp) {
    public EngineProperties {
        threads = threads == null || threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        queryMemory = queryMemory == null ? DataSize.ofGigabytes(2) : queryMemory;
        batchRows = batchRows == null ? io.polaroid.engine.exec.EngineConfig.DEFAULT_BATCH_ROWS : batchRows;
        warmUp = warmUp == null || warmUp;
    }
}
