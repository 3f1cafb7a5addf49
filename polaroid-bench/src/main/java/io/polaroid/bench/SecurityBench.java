package io.polaroid.bench;

import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What security costs, measured on one machine in one run: security-bench.sh restarts the
 * cluster with authentication off, on, and on with TLS, in alternating rounds (the first cluster of
 * a run measured up to 4 ms faster than later ones, whatever its configuration), and runs this
 * once per cluster ({@code --label}) to append the small-query p50 and the lineitem stream time to
 * {@code --out}; {@code --compare} then prints each configuration's medians against
 * authentication off (targets: auth adds at most 0.5 ms to the p50, TLS at most 20% to the stream).
 */
public final class SecurityBench {
    private SecurityBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        Path out = Path.of(a.get("--out"));
        if (a.containsKey("--compare")) {
            compare(Files.readAllLines(out, StandardCharsets.UTF_8));
            return;
        }
        Path data = Path.of(a.get("--data"));
        try (Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            System.out.println("\n== cluster with " + a.get("--label"));
            double p50 = ClusterBench.smallQueries(a.get("--url"), local, data, 1000);
            double stream = ClusterBench.streaming(a.get("--url"), local, data, 3);
            Files.writeString(out, String.format(Locale.ROOT, "%s %.3f %.3f%n", a.get("--label"), p50, stream),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Each configuration's median over the rounds it ran in, against authentication off. */
    private static void compare(List<String> lines) {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            byLabel.computeIfAbsent(f[0], k -> new java.util.ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        double[] none = medians(byLabel.get("auth-none"));
        System.out.println("\nSecurity cost (same machine, same run, configurations alternated; medians over the rounds;"
                + " small-query p50 in ms, lineitem stream in s):");
        System.out.println("| cluster | rounds | p50 ms | p50 vs auth off | stream s | stream vs auth off |");
        System.out.println("|---|---|---|---|---|---|");
        byLabel.forEach((label, runs) -> {
            double[] v = medians(runs);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %+.2f ms | %.2f | %+.0f%% |%n", label, runs.size(), v[0],
                    v[0] - none[0], v[1], 100 * (v[1] / none[1] - 1));
        });
        System.out.println("targets: auth-token p50 within +0.5 ms of auth-none; tls stream within +20% of auth-token");
    }

    private static double[] medians(List<double[]> runs) {
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            int col = i;
            double[] values = runs.stream().mapToDouble(r -> r[col]).sorted().toArray();
            int n = values.length;
            out[i] = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
        return out;
    }
}
