package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs one TPC-H query a number of times and prints each time, for profiling (for example under
 * Java Flight Recorder): {@code RunQuery <data folder> <query> <runs> [explain]}. It runs in
 * this JVM, or on a cluster with {@code POLAROID_MODE=distributed POLAROID_URL=grpc://host:port}.
 */
public final class RunQuery {
    private RunQuery() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int q = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (Polaroid pl = Polaroid.fromEnv()) {
            TpchTables tables = new TpchTables(pl, data);
            if (args.length > 3) {
                System.out.println(TpchQueries.query(q, tables).explain());
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                try (DataFrame df = TpchQueries.query(q, tables).collect()) {
                    System.out.printf(Locale.ROOT, "Q%d run %d: %.3f s, %d rows%n", q, i, (System.nanoTime() - start) / 1e9, df.height());
                }
            }
        }
    }
}
