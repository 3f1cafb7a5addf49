package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchDuckDb;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench-scale}: TPC-H at a small and a large scale factor in one run, Polaroid (local
 * mode, in this JVM's memory budget) beside DuckDB (same threads, {@code --duck-memory}), with the
 * growth of each query's time from one scale to the other and a check of every large result against
 * DuckDB's; with {@code --cluster <url>}, the large queries again on that cluster, checked the same way. With {@code --ample <file>}, prints instead how much slower the budget run was than this
 * one for the queries both ran (the cost of spilling).
 */
public final class ScaleBench {
    private static final Pattern ENTRY = Pattern.compile("\"(\\d+)\"\\s*:\\s*([0-9.]+)");

    private ScaleBench() {
    }

    private record Row(int query, double small, double large, double duckSmall, double duckLarge, String result,
                       List<List<Object>> expected) {
        double growth() {
            return large / small;
        }

        double duckGrowth() {
            return duckLarge / duckSmall;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path small = Path.of(opts.get("small"));
        Path large = Path.of(opts.get("large"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "1"));
        List<Integer> queries = Benchmark.queries(opts.getOrDefault("queries", "1-22"));
        Path out = Path.of(opts.getOrDefault("out", "bench-results/scale.json"));
        EngineConfig config = EngineConfig.fromSystemProperties().withThreads(threads);
        System.out.printf(Locale.ROOT, "TPC-H %s and %s, %d threads each; Polaroid with a query budget of %d MB in a JVM of"
                + " %d MB heap; every large result checked against DuckDB's%n", small.getFileName(), large.getFileName(), threads,
                config.queryMemoryLimit() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        if (opts.containsKey("ample")) {
            ample(Path.of(opts.get("ample")), large, queries, config);
            return;
        }
        String duckMemory = opts.getOrDefault("duck-memory", "2GB");
        List<Row> rows = new ArrayList<>();
        try (Polaroid pl = Polaroid.local(config);
             DuckDb duckSmall = duck(small, threads, duckMemory);
             DuckDb duckLarge = duck(large, threads, duckMemory)) {
            TpchTables smallTables = new TpchTables(pl, small);
            TpchTables largeTables = new TpchTables(pl, large);
            for (int q : queries) {
                collect(q, smallTables); // compiles the query's operators before anything is timed
            }
            for (int q : queries) {
                Row row = measure(q, runs, smallTables, largeTables, duckSmall, duckLarge);
                rows.add(row);
                System.out.printf(Locale.ROOT, "  Q%-2d polaroid %.2f -> %.2f s (x%.1f), duckdb %.2f -> %.2f s (x%.1f): %s%n", q,
                        row.small, row.large, row.growth(), row.duckSmall, row.duckLarge, row.duckGrowth(), row.result);
            }
        }
        print(rows, small, large, duckMemory);
        if (opts.containsKey("cluster")) {
            cluster(opts.get("cluster"), large, rows);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        StringBuilder json = new StringBuilder("{");
        for (Row r : rows) {
            json.append(json.length() > 1 ? ", " : "").append('"').append(r.query).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", r.large));
        }
        Files.writeString(out, json.append("}\n").toString());
    }

    private static DuckDb duck(Path data, int threads, String memory) {
        DuckDb duck = TpchDuckDb.over(data);
        duck.execute("SET threads = " + threads);
        duck.execute("SET memory_limit = '" + memory + "'");
        return duck;
    }

    private static Row measure(int q, int runs, TpchTables small, TpchTables large, DuckDb duckSmall, DuckDb duckLarge)
            throws Exception {
        double polaroidSmall = Timing.medianSeconds(0, runs, () -> collect(q, small));
        double duckSmallTime = Timing.medianSeconds(1, runs, () -> TpchDuckDb.answer(duckSmall, q));
        long start = System.nanoTime();
        List<List<Object>> expected = TpchDuckDb.answer(duckLarge, q);
        double duckLargeTime = (System.nanoTime() - start) / 1e9;
        List<List<Object>> actual = null;
        String failure = null;
        double[] times = new double[runs];
        for (int r = 0; r < runs && failure == null; r++) {
            start = System.nanoTime();
            try (DataFrame df = TpchQueries.query(q, large).collect()) {
                times[r] = (System.nanoTime() - start) / 1e9;
                actual = df.rows();
            } catch (RuntimeException e) {
                failure = "FAILED: " + e.getMessage();
            }
        }
        if (failure != null) {
            return new Row(q, polaroidSmall, Double.NaN, duckSmallTime, duckLargeTime, failure, expected);
        }
        return new Row(q, polaroidSmall, Timing.median(times), duckSmallTime, duckLargeTime, check(expected, actual), expected);
    }

    private static String check(List<List<Object>> expected, List<List<Object>> actual) {
        String difference = Rows.difference(expected, actual, true);
        return difference == null ? "same as DuckDB (" + actual.size() + " rows)" : "DIFFERENT: " + difference;
    }

    private static void print(List<Row> rows, Path small, Path large, String duckMemory) {
        System.out.println();
        System.out.printf(Locale.ROOT, "| query | Polaroid %s | Polaroid %s | growth | DuckDB %s | DuckDB %s (%s) | growth | %s Polaroid/DuckDB | result |%n",
                small.getFileName(), large.getFileName(), small.getFileName(), large.getFileName(), duckMemory, large.getFileName());
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double logGrowth = 0;
        double logDuckGrowth = 0;
        double logRatio = 0;
        int n = 0;
        int failed = 0;
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| Q%d | %.3f | %.3f | %.1f | %.3f | %.3f | %.1f | %.2f | %s |%n", r.query, r.small, r.large,
                    r.growth(), r.duckSmall, r.duckLarge, r.duckGrowth(), r.large / r.duckLarge, r.result);
            if (Double.isNaN(r.large) || !r.result.startsWith("same")) {
                failed++;
                continue;
            }
            logGrowth += Math.log(r.growth());
            logDuckGrowth += Math.log(r.duckGrowth());
            logRatio += Math.log(r.large / r.duckLarge);
            n++;
        }
        System.out.printf(Locale.ROOT, "geomean growth: Polaroid x%.2f, DuckDB x%.2f; %s Polaroid/DuckDB %.2f; over %d queries"
                        + " (%d failed or differ)%n", Math.exp(logGrowth / n), Math.exp(logDuckGrowth / n), large.getFileName(),
                Math.exp(logRatio / n), n, failed);
    }

    /** The large queries on a cluster, each checked against DuckDB's answer from the local run. */
    private static void cluster(String url, Path large, List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "On the cluster at %s (each worker's query budget is its polaroid.engine.query-memory):%n", url);
        System.out.printf(Locale.ROOT, "| query | cluster %s | local %s | cluster/local | result |%n", large.getFileName(), large.getFileName());
        System.out.println("|---|---|---|---|---|");
        int same = 0;
        try (Polaroid remote = Polaroid.connect(url)) {
            TpchTables tables = new TpchTables(remote, large.toAbsolutePath());
            for (Row r : rows) {
                String result;
                double seconds = Double.NaN;
                long start = System.nanoTime();
                try (DataFrame df = TpchQueries.query(r.query, tables).collect()) {
                    seconds = (System.nanoTime() - start) / 1e9;
                    result = check(r.expected, df.rows());
                } catch (RuntimeException e) {
                    result = "FAILED: " + e.getMessage();
                }
                same += result.startsWith("same") ? 1 : 0;
                System.out.printf(Locale.ROOT, "| Q%d | %.3f | %.3f | %.2f | %s |%n", r.query, seconds, r.large, seconds / r.large, result);
            }
        }
        System.out.printf(Locale.ROOT, "%d of %d queries gave DuckDB's answer on the cluster%n", same, rows.size());
    }

    /** The same large queries with this JVM's (ample) memory, against the budget run's times in {@code budget}. */
    private static void ample(Path budget, Path large, List<Integer> queries, EngineConfig config) throws Exception {
        Map<Integer, Double> constrained = new HashMap<>();
        Matcher m = ENTRY.matcher(Files.readString(budget));
        while (m.find()) {
            constrained.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        try (Polaroid pl = Polaroid.local(config)) {
            TpchTables tables = new TpchTables(pl, large);
            System.out.println("| query | ample memory | the budget run | budget/ample |");
            System.out.println("|---|---|---|---|");
            for (int q : queries) {
                double seconds = Timing.medianSeconds(1, 1, () -> collect(q, tables));
                double spilled = constrained.getOrDefault(q, Double.NaN);
                System.out.printf(Locale.ROOT, "| Q%d | %.3f | %.3f | %.2f |%n", q, seconds, spilled, spilled / seconds);
            }
        }
    }

    private static void collect(int query, TpchTables tables) {
        try (DataFrame df = TpchQueries.query(query, tables).collect()) {
            df.height();
        }
    }
}
