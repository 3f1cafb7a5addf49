package io.polaroid.server.coordinator.scheduler;

/** Where one task of a streamed result runs: the worker its client reads from, and the attempt it reads. */
public record ResultPlacement(Worker worker, int attempt) {
}
