package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.io.parquet.simd.SimdDecoding;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * SIMD decoding off and on in one JVM (run it with {@code -Dpolaroid.simd=true} and
 * {@code --add-modules jdk.incubator.vector}): every TPC-H query in local mode, the two settings
 * alternating run by run so that the machine's noise falls on both, then each query's medians,
 * on/off, and the geomean of those ratios. Usage: {@code SimdBench <data dir> [runs]}.
 */
public final class SimdBench {
    private SimdBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!SimdDecoding.available()) {
            System.out.println("SIMD decoding is not available in this JVM (needs -Dpolaroid.simd=true,"
                    + " --add-modules jdk.incubator.vector and vectors of 8 ints or more): no SIMD column");
            return;
        }
        System.out.printf(Locale.ROOT, "SIMD decoding off and on, TPC-H %s, median of %d runs each, alternating%n",
                data.getFileName(), runs);
        System.out.printf(Locale.ROOT, "%-6s %10s %10s %8s%n", "query", "off s", "on s", "on/off");
        double logSum = 0;
        try (Polaroid pl = Polaroid.fromEnv()) {
            TpchTables tables = new TpchTables(pl, data);
            for (int q = 1; q <= 22; q++) {
                double[] off = new double[runs];
                double[] on = new double[runs];
                for (boolean simd : new boolean[] {false, true}) {
                    SimdDecoding.setEnabled(simd);
                    run(q, tables); // warm-up
                }
                for (int r = 0; r < runs; r++) {
                    SimdDecoding.setEnabled(false);
                    off[r] = run(q, tables);
                    SimdDecoding.setEnabled(true);
                    on[r] = run(q, tables);
                }
                double offMedian = median(off);
                double onMedian = median(on);
                logSum += Math.log(onMedian / offMedian);
                System.out.printf(Locale.ROOT, "Q%-5d %10.3f %10.3f %8.2f%n", q, offMedian, onMedian, onMedian / offMedian);
            }
        } finally {
            SimdDecoding.setEnabled(true);
        }
        System.out.printf(Locale.ROOT, "geomean on/off = %.2f%n", Math.exp(logSum / 22));
    }

    private static double run(int q, TpchTables tables) {
        long start = System.nanoTime();
        try (DataFrame df = TpchQueries.query(q, tables).collect()) {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
