package io.polaroid.server.config;

import java.util.Locale;

/** What a process does. */
public enum Role {
    /** Accepts plans (PolaroidConnect, Flight), plans stages, schedules tasks on workers. */
    COORDINATOR,
    /** Runs tasks and serves their output partitions over Flight. */
    WORKER,
    /** Both, in one process: the worker registers with its own coordinator. */
    STANDALONE;

    public boolean coordinates() {
        return this != WORKER;
    }

    public boolean works() {
        return this != COORDINATOR;
    }

    public static Role parse(String value) {
        return value == null || value.isBlank() ? STANDALONE : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** The role before Spring reads its configuration: from {@code --polaroid.role=} or {@code POLAROID_ROLE}. */
    public static Role fromArgsAndEnv(String[] args) {
        for (String a : args) {
            if (a.startsWith("--polaroid.role=")) {
                return parse(a.substring("--polaroid.role=".length()));
            }
        }
        String prop = System.getProperty("polaroid.role");
        return parse(prop != null ? prop : System.getenv("POLAROID_ROLE"));
    }
}
