package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchSql;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What SQL costs: each TPC-H query from its official text vs from the DataFrame API, on the same
 * cluster, in turns (a burst of load on the shared machine falls on both); and the time to parse and plan each text (warm, in local mode: SQL
 * parsed, translated and analyzed) beside the time to analyze the DataFrame plan.
 */
final class SqlBench {
    private static final int PLANNING_ROUNDS = 30;

    private SqlBench() {
    }

    static void tpch(String url, Path data, List<Integer> queries, int runs) throws Exception {
        try (Polaroid remote = Polaroid.connect(url)) {
            TpchTables tables = new TpchTables(remote, data);
            tables.registerForSql();
            for (int q : queries) {
                collect(remote.sql(TpchSql.text(q)));
                collect(TpchQueries.query(q, tables));
            }
            System.out.println("\nSQL text vs DataFrame API, the same queries on the same cluster, in turns:");
            System.out.println("| query | DataFrame s | SQL s | SQL/DataFrame |");
            System.out.println("|---|---|---|---|");
            double logSum = 0;
            for (int q : queries) {
                double[] pair = Timing.alternatedMedians(runs, () -> collect(TpchQueries.query(q, tables)),
                        () -> collect(remote.sql(TpchSql.text(q))));
                double api = pair[0];
                double sql = pair[1];
                logSum += Math.log(sql / api);
                System.out.printf(Locale.ROOT, "| Q%d | %.3f | %.3f | %.2f |%n", q, api, sql, sql / api);
            }
            System.out.printf(Locale.ROOT, "geomean SQL/DataFrame = %.3f (target <= 1.05)%n", Math.exp(logSum / queries.size()));
        }
    }

    /** Parse + translate + analyze of each text, warm, in local mode; the median of many rounds. */
    static void planning(Polaroid local, Path data, List<Integer> queries) {
        TpchTables tables = new TpchTables(local, data);
        tables.registerForSql();
        System.out.println("\nParse + plan time per query, warm (local mode; schema of the SQL text vs of the DataFrame plan):");
        System.out.println("| query | SQL ms | DataFrame ms |");
        System.out.println("|---|---|---|");
        double worst = 0;
        for (int q : queries) {
            String text = TpchSql.text(q);
            double sql = medianMillis(() -> local.sql(text).schema());
            double api = medianMillis(() -> TpchQueries.query(q, tables).schema());
            worst = Math.max(worst, sql);
            System.out.printf(Locale.ROOT, "| Q%d | %.2f | %.2f |%n", q, sql, api);
        }
        System.out.printf(Locale.ROOT, "slowest SQL parse + plan = %.2f ms (target <= 20)%n", worst);
    }

    private static double medianMillis(Runnable task) {
        double[] ms = new double[PLANNING_ROUNDS];
        for (int i = -10; i < PLANNING_ROUNDS; i++) {
            long start = System.nanoTime();
            task.run();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[PLANNING_ROUNDS / 2];
    }

    private static void collect(LazyFrame frame) {
        try (DataFrame df = frame.collect()) {
            df.height();
        }
    }
}
