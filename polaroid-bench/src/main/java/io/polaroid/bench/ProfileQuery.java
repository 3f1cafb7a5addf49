package io.polaroid.bench;

import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code make profile Q=<n> SF=<sf>}: one TPC-H query, hot, in this JVM under Java Flight
 * Recorder. Warms up, records the next runs with JFR's {@code profile} settings, then prints what
 * each operator did (rows, time, spilled bytes, from {@link LazyFrame#profile()}) and the methods
 * the CPU samples fell in: by their own time (the top frame) and including what they called.
 * Usage: {@code ProfileQuery <data folder> <query> [runs] [out.jfr]}.
 */
public final class ProfileQuery {
    private static final int WARM_UP_RUNS = 2;
    private static final int TOP = 25;

    private ProfileQuery() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int q = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path out = Path.of(args.length > 3 ? args[3] : "bench-results/profile-q" + q + ".jfr").toAbsolutePath();
        Files.createDirectories(out.getParent());
        try (Polaroid pl = Polaroid.fromEnv()) {
            TpchTables tables = new TpchTables(pl, data);
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                time(q, tables, "warm-up " + (i + 1));
            }
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                // Every 2 ms rather than the profile settings' 10 or 20: enough samples from a few runs.
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
                recording.start();
                for (int i = 0; i < runs; i++) {
                    time(q, tables, "recorded " + (i + 1));
                }
                recording.stop();
                recording.dump(out);
            }
            printOperators(q, tables);
        }
        printSamples(out);
    }

    private static void time(int q, TpchTables tables, String label) {
        long start = System.nanoTime();
        try (DataFrame df = TpchQueries.query(q, tables).collect()) {
            System.out.printf(Locale.ROOT, "Q%d %s: %.3f s, %d rows%n", q, label, (System.nanoTime() - start) / 1e9, df.height());
        }
    }

    private static void printOperators(int q, TpchTables tables) {
        System.out.printf(Locale.ROOT, "%nOperators of one more run (time: microseconds in the operator and below, summed over partitions)%n");
        System.out.printf(Locale.ROOT, "%12s %12s %14s  %s%n", "rows", "time", "spilled bytes", "operator");
        try (LazyFrame.Profile p = TpchQueries.query(q, tables).profile()) {
            for (List<Object> row : p.timings().rows()) {
                System.out.printf(Locale.ROOT, "%12d %12d %14d  %s%n", row.get(3), row.get(5), row.get(6), row.get(0));
            }
        }
    }

    /** The top methods of the recording's CPU samples, by self time and including callees. */
    static void printSamples(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(method(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(method(f))) {
                    total.merge(method(f), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d CPU samples in %s%n", samples, recording);
        print("self (top frame)", self, samples);
        print("total (with callees)", total, samples);
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.printf(Locale.ROOT, "%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(en -> System.out.printf(Locale.ROOT, "%6d %5.1f%%  %s%n", en.getValue(), 100.0 * en.getValue() / samples, en.getKey()));
    }

    /** Class and method; a lambda's generated class loses its per-run number, so runs compare. */
    private static String method(RecordedFrame f) {
        String type = LAMBDA_SUFFIX.matcher(f.getMethod().getType().getName()).replaceFirst("\\$\\$Lambda");
        return type + "." + f.getMethod().getName();
    }

    private static final Pattern LAMBDA_SUFFIX = Pattern.compile("\\$\\$Lambda.*$");
}
