package io.polaroid.server.common;

import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.config.DataProperties;
import io.polaroid.server.config.EngineProperties;
import io.polaroid.server.config.PolaroidProperties;
import io.polaroid.server.config.S3Properties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Arrow engine of this process, reading only under the data roots, on local disk or S3. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {
    @Bean
    DataRoots dataRoots(DataProperties data) {
        return new DataRoots(data.roots());
    }

    @Bean(destroyMethod = "close")
    QueryEngine queryEngine(EngineProperties props, DataRoots roots, S3Properties s3, PolaroidProperties polaroid) {
        Map<String, String> hadoop = new LinkedHashMap<>(s3.settings().hadoopSettings(System.getenv()));
        hadoop.putAll(polaroid.hadoop());
        EngineConfig config = EngineConfig.defaults().withThreads(props.threads()).withBatchRows(props.batchRows())
                .withQueryMemoryLimit(props.queryMemory().toBytes()).withHadoop(hadoop);
        // The roots guard the engine's file listing itself: globs, folders and links are checked
        // file by file as they are expanded, here and on every worker that re-plans a query.
        return new QueryEngine(config, roots);
    }
}
