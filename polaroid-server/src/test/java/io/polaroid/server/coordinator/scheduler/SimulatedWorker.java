package io.polaroid.server.coordinator.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/** A worker registration with no process behind it: an address, an epoch, slots and a liveness flag. */
public final class SimulatedWorker implements Worker {
    private final String address;
    private final long epoch;
    private final int slots;
    private final AtomicInteger assigned = new AtomicInteger();
    private volatile boolean alive = true;

    public SimulatedWorker(String address, long epoch, int slots) {
        this.address = address;
        this.epoch = epoch;
        this.slots = slots;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public AtomicInteger assigned() {
        return assigned;
    }

    void die() {
        alive = false;
    }

    @Override
    public String toString() {
        return address + "#" + epoch;
    }
}
