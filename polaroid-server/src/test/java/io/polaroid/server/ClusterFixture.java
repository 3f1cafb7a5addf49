package io.polaroid.server;

import io.polaroid.Polaroid;
import io.polaroid.engine.session.EngineConfig;
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
        try (io.polaroid.engine.testing.DuckDb duck = new io.polaroid.engine.testing.DuckDb()) {
            for (io.trino.tpch.TpchTable<?> t : io.trino.tpch.TpchTable.getTables()) {
                duck.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('"
                        + data.resolve(t.getTableName() + ".parquet") + "')");
            }
            List<String> parts = io.polaroid.tpch.TpchSql.statements(q);
            for (int i = 0; i < parts.size() - 1; i++) {
                duck.execute(parts.get(i));
            }
            return duck.query(parts.get(parts.size() - 1));
        }
    }

    @Override
    public void close() {
        remote.close();
        local.close();
        cluster.close();
    }
}
