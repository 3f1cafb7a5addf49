package io.polaroid.server.coordinator.scheduler;

import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.StageInput;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Workers without processes for the scheduling simulation: every attempt is queued, and one
 * thread of its own (not the scheduler's, so its cost is not the coordinator's) answers them in
 * order. A share of attempts fails: half of those lose their worker (it registers again as a new
 * epoch, as a restarted worker does, so every output it held is lost with it), half report a lost
 * input partition (its producer runs again); an attempt with no input always loses its worker.
 * Answers wait until {@link #open()}, so the memory of a full wave of queued tasks can be measured.
 */
final class SimulatedCluster implements WorkerClient, AutoCloseable {
    /** One queued attempt; running it cancels it. */
    private static final class Pending implements Runnable {
        final Worker worker;
        final RunTaskRequest request;
        final Consumer<AttemptOutcome> whenDone;
        volatile boolean cancelled;

        Pending(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone) {
            this.worker = worker;
            this.request = request;
            this.whenDone = whenDone;
        }

        @Override
        public void run() {
            cancelled = true;
        }
    }

    private static final Pending STOP = new Pending(null, null, null);

    final SimulatedPool pool = new SimulatedPool();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final RunTaskResponse[] responses;
    private final double failureRate;
    private final int slots;
    private final SplittableRandom random = new SplittableRandom(15);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Thread thread = new Thread(this::answer, "simulated-workers");
    final AtomicLong sent = new AtomicLong();
    final AtomicLong workersLost = new AtomicLong();
    final AtomicLong partitionsLost = new AtomicLong();

    /** {@code partitions[s]}: output partitions of stage s (its responses have as many sizes). */
    SimulatedCluster(int workers, int slots, int[] partitions, double failureRate) {
        this.slots = slots;
        this.failureRate = failureRate;
        for (int i = 0; i < workers; i++) {
            pool.register(String.format("w%05d", i), slots);
        }
        responses = new RunTaskResponse[partitions.length];
        for (int s = 0; s < partitions.length; s++) {
            RunTaskResponse.Builder b = RunTaskResponse.newBuilder().setRowsScanned(1000).setBytesScanned(8000);
            for (int p = 0; p < partitions[s]; p++) {
                b.addPartitionRows(100).addPartitionBytes(800);
            }
            responses[s] = b.build(); // one per stage: the table keeps a reference per task, not a copy
        }
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the workers answer. */
    void open() {
        gate.countDown();
    }

    /** Attempts queued and not yet answered. */
    int queued() {
        return queue.size();
    }

    @Override
    public Runnable runTask(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone) {
        Pending p = new Pending(worker, request, whenDone);
        sent.incrementAndGet();
        queue.add(p);
        return p;
    }

    @Override
    public void cancelQuery(Worker worker, String queryId) {
    }

    @Override
    public void releaseQuery(Worker worker, String queryId) {
    }

    private void answer() {
        try {
            gate.await();
            for (Pending p = queue.take(); p != STOP; p = queue.take()) {
                if (!p.cancelled) {
                    p.whenDone.accept(outcome(p));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AttemptOutcome outcome(Pending p) {
        if (random.nextDouble() >= failureRate) {
            return new AttemptOutcome.Done(responses[p.request.getStageId()]);
        }
        if (p.request.getInputsCount() > 0 && random.nextBoolean()) {
            StageInput in = p.request.getInputs(random.nextInt(p.request.getInputsCount()));
            partitionsLost.incrementAndGet();
            return new AttemptOutcome.LostPartition(
                    in.getPartitions(random.nextInt(in.getPartitionsCount())).getTicket().toStringUtf8());
        }
        workersLost.incrementAndGet();
        if (p.worker.isAlive()) {
            pool.register(p.worker.address(), slots); // restarted: a new epoch; the old one's outputs are gone
        }
        return new AttemptOutcome.WorkerUnreachable("UNAVAILABLE: simulated");
    }

    @Override
    public void close() {
        queue.add(STOP);
    }
}
