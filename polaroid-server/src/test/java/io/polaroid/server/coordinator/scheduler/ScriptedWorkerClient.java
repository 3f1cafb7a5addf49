package io.polaroid.server.coordinator.scheduler;

import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link WorkerClient} a test drives by hand: it keeps every attempt sent, and the test answers
 * each with the outcome it wants. It also keeps the cancel and release calls, to check cleanup.
 */
public final class ScriptedWorkerClient implements WorkerClient {
    /** One attempt as the scheduler sent it. */
    public static final class Sent {
        public final Worker worker;
        public final RunTaskRequest request;
        private final Consumer<AttemptOutcome> whenDone;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Sent(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone) {
            this.worker = worker;
            this.request = request;
            this.whenDone = whenDone;
        }

        public int stage() {
            return request.getStageId();
        }

        public int task() {
            return request.getTask();
        }

        public int attempt() {
            return request.getAttempt();
        }

        public boolean cancelled() {
            return cancelled.get();
        }

        public void answer(AttemptOutcome outcome) {
            whenDone.accept(outcome);
        }

        /** Succeeds with {@code partitions} output partitions of one row and 10 bytes each. */
        public void succeed(int partitions) {
            RunTaskResponse.Builder b = RunTaskResponse.newBuilder().setRowsScanned(1).setBytesScanned(10);
            for (int p = 0; p < partitions; p++) {
                b.addPartitionRows(1).addPartitionBytes(10);
            }
            answer(new AttemptOutcome.Done(b.build()));
        }

        @Override
        public String toString() {
            return "stage " + stage() + " task " + task() + " attempt " + attempt() + " on " + worker;
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private final List<String> releases = new CopyOnWriteArrayList<>();

    @Override
    public Runnable runTask(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone) {
        Sent s = new Sent(worker, request, whenDone);
        sent.add(s);
        synchronized (this) {
            notifyAll();
        }
        return () -> s.cancelled.set(true);
    }

    @Override
    public void cancelQuery(Worker worker, String queryId) {
        cancels.add(worker.address() + " " + queryId);
    }

    @Override
    public void releaseQuery(Worker worker, String queryId) {
        releases.add(worker.address() + " " + queryId);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The attempts sent so far that match, after waiting (up to 5 s) until there are {@code count} of them. */
    public List<Sent> await(int count, Predicate<Sent> which) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<Sent> matching = new ArrayList<>();
            for (Sent s : sent) {
                if (which.test(s)) {
                    matching.add(s);
                }
            }
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("expected " + count + " attempts, got " + matching + " of " + sent);
            }
            synchronized (this) {
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Attempts of {@code stage}, waiting until there are {@code count}. */
    public List<Sent> awaitStage(int stage, int count) {
        return await(count, s -> s.stage() == stage);
    }

    public List<String> cancels() {
        return cancels;
    }

    public List<String> releases() {
        return releases;
    }
}
