package io.polaroid.server;

import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster of processes over the split TPC-H test data, a client connected to it, and a local
 * session over the same files to compare with.
 */
final class ClusterFixture implements AutoCloseable {
    final Path data = TpchData.splitTestData();
    final LocalCluster cluster;
    final Polaroid remote;
    final Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2));
    final TpchTables remoteTables;
    final TpchTables localTables;

    ClusterFixture(String name, String... coordinatorArgs) {
        cluster = new LocalCluster(name, 2, List.of(data.toString()), coordinatorArgs);
        remote = Polaroid.connect(cluster.url());
        remoteTables = new TpchTables(remote, data);
        localTables = new TpchTables(local, data);
    }

    /** DuckDB's answer to the official text of TPC-H query {@code q} on the same files (Q15 creates its view first). */
    List<List<Object>> duckDbAnswer(int q) {
        try (io.polaroid.engine.testing.DuckDb duck = io.polaroid.tpch.TpchDuckDb.over(data)) {
            return io.polaroid.tpch.TpchDuckDb.answer(duck, q);
        }
    }

    @Override
    public void close() {
        remote.close();
        local.close();
        cluster.close();
    }
}
