package io.polaroid;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/**
 * The engine in this JVM, which {@code io.polaroid:polaroid-local} provides: {@link Polaroid#local()}
 * finds it with {@link java.util.ServiceLoader}. polaroid-client alone has no engine (and none of
 * Parquet, Hadoop or the AWS SDK): it connects to a cluster. Not for users to implement.
 */
public interface LocalMode {
    /** A backend that runs plans with the engine in this JVM. */
    Backend backend(EngineConfig config);

    /**
     * Files written where the client runs, as local mode writes them (any file system the engine
     * reaches, configured from system properties and the AWS environment): how a cluster session
     * writes a result it collected. Closed with the session.
     */
    Files files();

    /** Writes frames to files. */
    interface Files extends AutoCloseable {
        void writeParquet(Schema schema, List<Batch> batches, String path);

        void writeCsv(Schema schema, List<Batch> batches, String path);

        void writeIpc(Schema schema, List<Batch> batches, String path);

        @Override
        void close();
    }
}
