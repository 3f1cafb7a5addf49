package io.polaroid;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.csv.CsvWriter;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.ipc.IpcFileWriter;
import io.polaroid.engine.io.parquet.ParquetWriter;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/**
 * Local mode, as polaroid-local provides it to polaroid-client ({@code META-INF/services/io.polaroid.LocalMode}):
 * {@link Polaroid#local()} runs plans with the engine in this JVM, and a cluster session writes the
 * results it collected with the engine's writers.
 */
public final class EngineLocalMode implements LocalMode {
    @Override
    public Backend backend(EngineConfig config) {
        return new LocalBackend(config);
    }

    /** Configured like local mode (system properties, AWS environment), so results can be written to S3. */
    @Override
    public Files files() {
        FileSystems files = new FileSystems(EngineConfig.fromSystemProperties().hadoop());
        return new Files() {
            @Override
            public void writeParquet(Schema schema, List<Batch> batches, String path) {
                ParquetWriter.write(schema, batches, path, files);
            }

            @Override
            public void writeCsv(Schema schema, List<Batch> batches, String path) {
                CsvWriter.write(schema, batches, path, CsvOptions.DEFAULT, files);
            }

            @Override
            public void writeIpc(Schema schema, List<Batch> batches, String path) {
                IpcFileWriter.write(schema, batches, path, files);
            }

            @Override
            public void close() {
                files.close();
            }
        };
    }
}
