package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.tpch.TpchGenerator;
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
 * TPC-H in Polaroid (local mode) and DuckDB, side by side in one run, both with the same number
 * of threads over the same Parquet files; Polars' times come from a run of the same queries just
 * before (see bench.sh). Prints one row per query and, last, the geometric mean of the
 * Polaroid/DuckDB ratios; writes a CSV and an SVG chart.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        double sf = Double.parseDouble(opts.getOrDefault("sf", "1"));
        Path data = Path.of(opts.getOrDefault("data", "data/tpch-sf" + TpchGenerator.format(sf)));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        int warmupPasses = Integer.parseInt(opts.getOrDefault("warmup-passes", "3"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", System.getProperty("polaroid.threads", "2")));
        Path out = Path.of(opts.getOrDefault("out", "bench-results"));
        Map<Integer, Double> polars = opts.containsKey("polars") ? readPolars(Path.of(opts.get("polars"))) : Map.of();
        List<Integer> queries = queries(opts.getOrDefault("queries", "1-22"));
        TpchGenerator.generate(sf, data);
        Files.createDirectories(out);
        if (opts.containsKey("cluster") && "cluster-io".equals(opts.get("only"))) {
            // the cluster's own costs alone (small queries, result streaming, the relay), for a quick look
            try (Polaroid pl = Polaroid.local(EngineConfig.defaults().withThreads(threads))) {
                ClusterBench.smallQueries(opts.get("cluster"), pl, data, 1000);
                ClusterBench.streaming(opts.get("cluster"), pl, data, 3);
                RelayBench.lineitem(opts.get("cluster"), data, 2);
                HttpStreamBench.lineitem(opts.get("cluster"), httpBase(), data, 3);
            }
            return;
        }
        if (opts.containsKey("cluster") && "cluster-tpch".equals(opts.get("only"))) {
            // cluster against local mode on TPC-H alone, for a quick A/B of a scheduling change
            try (Polaroid pl = Polaroid.local(EngineConfig.defaults().withThreads(threads))) {
                ClusterBench.tpch(opts.get("cluster"), pl, data, queries, runs, warmupPasses,
                        out.resolve("cluster-java-ab.json"));
            }
            return;
        }

        System.out.printf(Locale.ROOT, "TPC-H SF%s, %d threads each, median of %d warm runs (after 1 warm-up)%n",
                TpchGenerator.format(sf), threads, runs);
        System.out.printf(Locale.ROOT, "Polaroid first runs every query %d times, in local mode and on the cluster alike, so that"
                + " every JVM has compiled the operators (steady state)%n", warmupPasses);
        List<Report.Row> rows = new ArrayList<>();
        EngineConfig config = EngineConfig.fromSystemProperties().withThreads(threads);
        try (Polaroid pl = Polaroid.local(config); DuckDbRunner duck = new DuckDbRunner(data, threads)) {
            TpchTables tables = new TpchTables(pl, data);
            for (int pass = 0; pass < warmupPasses; pass++) {
                for (int q : queries) {
                    collect(q, tables);
                }
            }
            for (int q : queries) {
                double polaroid = Timing.medianSeconds(1, runs, () -> collect(q, tables));
                double duckdb = Timing.medianSeconds(1, runs, () -> duck.run(q));
                Report.Row row = new Report.Row(q, polaroid, duckdb, polars.getOrDefault(q, Double.NaN));
                rows.add(row);
                System.out.printf(Locale.ROOT, "  Q%-2d polaroid %.3f s, duckdb %.3f s, ratio %.2f%n", q, polaroid, duckdb, row.ratio());
            }
            WindowBench.run(pl, duck, data, runs, polars);
        }
        String name = "tpch-sf" + TpchGenerator.format(sf);
        System.out.println();
        System.out.print(Report.table(rows, !polars.isEmpty()));
        Report.csv(rows, out.resolve(name + ".csv"));
        Report.svg(rows, "TPC-H SF" + TpchGenerator.format(sf) + " (" + threads + " threads), seconds per query",
                out.resolve(name + ".svg"));
        System.out.println("wrote " + out.resolve(name + ".csv") + " and " + out.resolve(name + ".svg"));
        if (!polars.isEmpty()) {
            System.out.printf(Locale.ROOT, "geomean polaroid/polars = %.2f%n", Report.geomean(rows, Report.Row::polarsRatio));
        }
        System.out.printf(Locale.ROOT, "geomean polaroid/duckdb = %.2f%n", Report.geomean(rows));
        System.out.printf(Locale.ROOT, "geomean polaroid/fastest peer (per query the faster of DuckDB and Polars) = %.2f%n",
                Report.geomean(rows, Report.Row::fastestRatio));
        String cluster = opts.get("cluster");
        if (cluster != null) {
            try (Polaroid pl = Polaroid.local(config)) {
                ClusterBench.tpch(cluster, pl, data, queries, runs, warmupPasses,
                        out.resolve("cluster-java-sf" + TpchGenerator.format(sf) + ".json"));
                ClusterBench.smallQueries(cluster, pl, data, 1000);
                ClusterBench.streaming(cluster, pl, data, 3);
                RelayBench.lineitem(cluster, data, 2);
                HttpStreamBench.lineitem(cluster, httpBase(), data, 3);
                SqlBench.tpch(cluster, data, queries, runs);
                SqlBench.planning(pl, data, queries);
            }
        }
    }

    private static void collect(int query, TpchTables tables) {
        try (DataFrame df = TpchQueries.query(query, tables).collect()) {
            df.height();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return out;
    }

    static List<Integer> queries(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int q = from; q <= to; q++) {
                out.add(q);
            }
        }
        return out;
    }

    /** {"1": 0.123, ...} as written by polars_tpch.py. */
    private static Map<Integer, Double> readPolars(Path file) throws Exception {
        Map<Integer, Double> out = new HashMap<>();
        Matcher m = Pattern.compile("\"(\\d+)\"\\s*:\\s*([0-9.eE+-]+)").matcher(Files.readString(file));
        while (m.find()) {
            out.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** The coordinator's HTTP port that scripts/cluster.sh started it on. */
    private static String httpBase() {
        return "http://127.0.0.1:" + System.getenv().getOrDefault("HTTP_PORT", "8080");
    }
}
