package io.polaroid.engine.exec;

import io.polaroid.engine.io.fs.S3Settings;
import io.polaroid.engine.memory.MemoryLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of an engine. From system properties ({@link #fromSystemProperties()}):
 * <ul>
 *   <li>{@code polaroid.threads}: worker threads per query, default all cores;</li>
 *   <li>{@code polaroid.batch.rows}: rows per batch, default 16384;</li>
 *   <li>{@code polaroid.query.memory}: memory limit of one query, bytes or with a k/m/g suffix,
 *       or a fraction of the process' direct memory such as {@code 0.75} (the default);</li>
 *   <li>{@code polaroid.s3.endpoint}, {@code .region}, {@code .path-style-access}, {@code .access-key},
 *       {@code .secret-key}: S3 (see {@link S3Settings}; the standard AWS environment variables fill what is unset);</li>
 *   <li>{@code polaroid.hadoop.*}: any other Hadoop FileSystem setting, e.g. {@code polaroid.hadoop.fs.s3a.connection.maximum};</li>
 *   <li>{@code polaroid.spill.*}: where and how much to spill to disk (see {@link SpillSettings}).</li>
 * </ul>
 * The {@link #defaults()} already carry the S3 endpoint and region of the AWS environment variables.
 */
public record EngineConfig(int threads, int batchRows, long queryMemoryLimit, Map<String, String> hadoop, SpillSettings spill) {
    public static final double DEFAULT_QUERY_MEMORY_FRACTION = 0.75;
    public static final int DEFAULT_BATCH_ROWS = 16 * 1024;

    public EngineConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batch rows must be >= 1");
        }
        if (queryMemoryLimit < 1) {
            throw new IllegalArgumentException("query memory limit must be >= 1 byte");
        }
        hadoop = Map.copyOf(hadoop);
        java.util.Objects.requireNonNull(spill, "spill");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_ROWS,
                (long) (MemoryLimits.maxDirectMemory() * DEFAULT_QUERY_MEMORY_FRACTION),
                S3Settings.NONE.hadoopSettings(System.getenv()), SpillSettings.DEFAULT);
    }

    public static EngineConfig fromSystemProperties() {
        EngineConfig d = defaults();
        int threads = Integer.getInteger("polaroid.threads", d.threads());
        int batch = Integer.getInteger("polaroid.batch.rows", d.batchRows());
        String mem = System.getProperty("polaroid.query.memory");
        long limit = mem == null ? d.queryMemoryLimit() : MemoryLimits.parse(mem);
        Map<String, String> hadoop = new LinkedHashMap<>(S3Settings.fromSystemProperties().hadoopSettings(System.getenv()));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("polaroid.hadoop.")) {
                hadoop.put(name.substring("polaroid.hadoop.".length()), System.getProperty(name));
            }
        }
        return new EngineConfig(threads, batch, limit, hadoop, SpillSettings.fromSystemProperties());
    }

    public EngineConfig withThreads(int value) {
        return new EngineConfig(value, batchRows, queryMemoryLimit, hadoop, spill);
    }

    public EngineConfig withBatchRows(int value) {
        return new EngineConfig(threads, value, queryMemoryLimit, hadoop, spill);
    }

    public EngineConfig withQueryMemoryLimit(long value) {
        return new EngineConfig(threads, batchRows, value, hadoop, spill);
    }

    public EngineConfig withHadoop(Map<String, String> value) {
        return new EngineConfig(threads, batchRows, queryMemoryLimit, value, spill);
    }

    public EngineConfig withSpill(SpillSettings value) {
        return new EngineConfig(threads, batchRows, queryMemoryLimit, hadoop, value);
    }
}
