package io.polaroid.server.common;

import io.polaroid.engine.error.PolaroidException;
import java.nio.charset.StandardCharsets;

/**
 * A Flight ticket names one output partition of one attempt of one task:
 * {@code queryId/stage/task/attempt/partition}. The attempt fences re-runs: a reader holds the
 * ticket of the attempt the coordinator made final, so the output of an earlier attempt that
 * finishes late (on a worker thought lost) can never be read in its place.
 */
public record Tickets(String queryId, int stage, int task, int attempt, int partition) {
    public byte[] encode() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same task attempt's partition {@code p}. */
    public Tickets withPartition(int p) {
        return new Tickets(queryId, stage, task, attempt, p);
    }

    /** The partition a ticket names; a signed ticket's signature is checked by whoever redeems it, not here. */
    public static Tickets decode(byte[] ticket) {
        String s = new String(ticket, StandardCharsets.UTF_8);
        int signed = s.indexOf('|');
        String[] parts = (signed < 0 ? s : s.substring(0, signed)).split("/");
        try {
            if (parts.length == 5) {
                return new Tickets(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                        Integer.parseInt(parts[3]), Integer.parseInt(parts[4]));
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw PolaroidException.invalidPlan("not a Polaroid ticket (expected queryId/stage/task/attempt/partition)");
    }

    @Override
    public String toString() {
        return queryId + "/" + stage + "/" + task + "/" + attempt + "/" + partition;
    }
}
