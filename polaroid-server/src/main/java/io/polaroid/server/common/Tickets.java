package io.polaroid.server.common;

import io.polaroid.engine.error.PolaroidException;
import java.nio.charset.StandardCharsets;

/** A Flight ticket names one output partition of one task: {@code queryId/stage/task/partition}. */
public record Tickets(String queryId, int stage, int task, int partition) {
    public byte[] encode() {
        return (queryId + "/" + stage + "/" + task + "/" + partition).getBytes(StandardCharsets.UTF_8);
    }

    public static Tickets decode(byte[] ticket) {
        String s = new String(ticket, StandardCharsets.UTF_8);
        String[] parts = s.split("/");
        try {
            if (parts.length == 4) {
                return new Tickets(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw PolaroidException.invalidPlan("not a Polaroid ticket: '" + s + "' (expected queryId/stage/task/partition)");
    }

    @Override
    public String toString() {
        return queryId + "/" + stage + "/" + task + "/" + partition;
    }
}
