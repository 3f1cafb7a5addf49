package io.polaroid.bench;

import io.polaroid.ConnectOptions;
import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the coordinator's relay costs: all of lineitem read by the Java SDK from the workers, and
 * the same through the coordinator ({@code relay}), back to back so that the machine's load
 * touches both alike. A couple of runs: it moves the whole table twice per run.
 */
final class RelayBench {
    private RelayBench() {
    }

    /** Prints both throughputs and relay/direct; returns that ratio. */
    static double lineitem(String url, Path data, int runs) throws Exception {
        String lineitem = data.resolve("lineitem.parquet").toAbsolutePath().toString();
        long[] bytes = new long[1];
        try (Polaroid direct = Polaroid.connect(url);
             Polaroid relayed = Polaroid.connect(url, ConnectOptions.defaults().withRelay(true))) {
            double directSeconds = Timing.medianSeconds(1, runs, () -> bytes[0] = readAll(direct, lineitem));
            double relaySeconds = Timing.medianSeconds(1, runs, () -> bytes[0] = readAll(relayed, lineitem));
            double ratio = directSeconds / relaySeconds;
            System.out.printf(Locale.ROOT, "%nlineitem fetched whole (%.2f GB of Arrow), Java SDK: direct from the workers"
                    + " %.2f GB/s (%.2f s), through the coordinator's relay %.2f GB/s (%.2f s): relay/direct %.0f%%"
                    + " (target >= 50%%)%n", bytes[0] / 1e9, bytes[0] / directSeconds / 1e9, directSeconds,
                    bytes[0] / relaySeconds / 1e9, relaySeconds, 100 * ratio);
            return ratio;
        }
    }

    /** Every batch of the query's result, read and let go; the bytes read. */
    private static long readAll(Polaroid pl, String lineitem) {
        long total = 0;
        try (var batches = pl.scanParquet(lineitem).collectStream()) {
            for (var it = batches.iterator(); it.hasNext(); ) {
                try (DataFrame df = it.next()) {
                    total += df.batches().get(0).bytes();
                }
            }
        }
        return total;
    }

    /** {@code RelayBench <cluster url> <TPC-H data folder> [runs]}: the measurement alone, on a running cluster. */
    public static void main(String[] args) throws Exception {
        lineitem(args[0], Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2);
    }
}
