package io.polaroid.server.common;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.warmup.EngineWarmUp;
import io.polaroid.server.config.DataProperties;
import io.polaroid.server.config.EngineProperties;
import io.polaroid.server.config.PolaroidProperties;
import io.polaroid.server.config.S3Properties;
import io.polaroid.server.config.SpillProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Arrow engine of this process, reading only under the data roots, on local disk or S3. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    DataRoots dataRoots(DataProperties data) {
        return new DataRoots(data.roots());
    }

    /**
     * Before this process serves (a worker registers, a coordinator listens): the engine's code
     * loaded and compiled on a made-up table, in an engine of its own that reads its temp folder,
     * outside the data roots. A warm-up that fails costs only the first query's speed.
     */
    private static void warmUp(EngineConfig config) {
        try (QueryEngine scratch = new QueryEngine(config)) {
            log.info("engine warmed up in {} ms", EngineWarmUp.run(scratch));
        } catch (RuntimeException e) {
            log.warn("the engine's warm-up failed; the first query will be slower: {}", e.toString());
        }
    }

    @Bean(destroyMethod = "close")
    QueryEngine queryEngine(EngineProperties props, DataRoots roots, S3Properties s3, PolaroidProperties polaroid,
                            SpillProperties spill) {
        Map<String, String> hadoop = new LinkedHashMap<>(s3.settings().hadoopSettings(System.getenv()));
        hadoop.putAll(polaroid.hadoop());
        EngineConfig config = EngineConfig.defaults().withThreads(props.threads()).withBatchRows(props.batchRows())
                .withQueryMemoryLimit(props.queryMemory().toBytes()).withHadoop(hadoop).withSpill(spill.settings());
        // The roots guard the engine's file listing itself: globs, folders and links are checked
        // file by file as they are expanded, here and on every worker that re-plans a query.
        if (props.warmUp()) {
            warmUp(config);
        }
        return new QueryEngine(config, roots);
    }
}
