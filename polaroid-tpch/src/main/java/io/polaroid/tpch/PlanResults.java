package io.polaroid.tpch;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code polaroid.v1} JSON plans in local mode, for other clients to compare with their own
 * answers: {@code PlanResults <folder>} runs every {@code <name>.json} in the folder and writes
 * {@code <name>.arrow} (Arrow IPC) or, when the query fails, {@code <name>.error} holding the error
 * code and message. The Python differential suite checks Java local mode against the cluster this way.
 */
public final class PlanResults {
    private PlanResults() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        List<Path> plans;
        try (Stream<Path> files = Files.list(folder)) {
            plans = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        try (Polaroid pl = Polaroid.local()) {
            for (Path plan : plans) {
                run(pl, plan);
            }
        }
    }

    private static void run(Polaroid pl, Path plan) throws IOException {
        String name = plan.getFileName().toString().replaceFirst("\\.json$", "");
        String json = Files.readString(plan, StandardCharsets.UTF_8);
        try (DataFrame df = pl.fromPlanJson(json).collect()) {
            df.writeIpc(plan.resolveSibling(name + ".arrow").toString());
        } catch (PolaroidException e) {
            Files.writeString(plan.resolveSibling(name + ".error"), e.code() + ": " + e.getMessage(), StandardCharsets.UTF_8);
        }
    }
}
