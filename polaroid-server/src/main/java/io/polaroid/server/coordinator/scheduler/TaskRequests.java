package io.polaroid.server.coordinator.scheduler;

import com.google.protobuf.UnsafeByteOperations;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.security.TicketSigner;
import java.time.Instant;

/**
 * Builds the request for one task attempt: the stage's fragment and this task's share of its data
 * scans, which task of which stage, and where each
 * input partition is (the final attempt's output on its holder, with a ticket signed for the
 * cluster's internal credential). Kept apart from scheduling so that what a request carries can
 * change without touching the scheduler.
 *
 * <p>A task reading a hash-partitioned input gets its own partition of every producer task, so a
 * shuffle costs producers times consumers locations: that is the wire format's. Each location
 * (and its signed ticket) is built once and kept while the stages reading it are being sent, so a
 * reader that runs again (its input was lost and re-made elsewhere) costs only the locations that
 * changed; a stage's kept locations are dropped once no stage reading it can run again. An input
 * with a single output partition (a gather or a broadcast) is the same for every reading task; it
 * is built once and shared until one of its holders changes.
 *
 * <p>A task may be sent while an input stage still runs (a pipelined exchange): the location of
 * an input task without output yet is its running attempt's, with the rows unknown (-1), and the
 * worker serves that partition as it grows.
 */
public final class TaskRequests implements TaskRequestFactory {
    private final String queryId;
    private final TaskFragments fragments;
    private final DistributedPlan plan;
    private final TicketSigner tickets;
    private final Instant resultsExpire;
    private final TaskTable table;
    private final StageInput[] shared;
    private final int[] sharedVersion;
    /** Hash partitions' locations already built, [producer stage][partition][producer task], and the attempt each names. */
    private final PartitionLocation[][][] built;
    private final int[][][] builtAttempt;
    private final boolean streamResult;
    private RunningAttempts running;

    public TaskRequests(String queryId, TaskFragments fragments, DistributedPlan plan, TicketSigner tickets,
                        Instant resultsExpire, TaskTable table) {
        this(queryId, fragments, plan, tickets, resultsExpire, table, false);
    }

    /** {@code streamResult}: the result stage's tasks stream their output to the client as they run. */
    public TaskRequests(String queryId, TaskFragments fragments, DistributedPlan plan, TicketSigner tickets,
                        Instant resultsExpire, TaskTable table, boolean streamResult) {
        this.streamResult = streamResult;
        this.queryId = queryId;
        this.fragments = fragments;
        this.plan = plan;
        this.tickets = tickets;
        this.resultsExpire = resultsExpire;
        this.table = table;
        this.shared = new StageInput[plan.stages().size()];
        this.sharedVersion = new int[plan.stages().size()];
        this.built = new PartitionLocation[plan.stages().size()][][];
        this.builtAttempt = new int[plan.stages().size()][][];
    }

    @Override
    public void readWhileRunning(RunningAttempts running) {
        this.running = running;
    }

    /**
     * The request for attempt {@code attempt} of a task on {@code worker}; every input task must
     * have its output, or (told {@link #readWhileRunning}) an attempt running.
     */
    @Override
    public RunTaskRequest build(Stage stage, int task, int attempt, Worker worker) {
        RunTaskRequest.Builder b = RunTaskRequest.newBuilder().setQueryId(queryId).setWorkerAddress(worker.address())
                .setEpoch(worker.epoch()).setStageId(stage.id()).setTask(task).setAttempt(attempt)
                .setFragment(fragments.fragment(stage.id())).addAllScans(fragments.scans(stage.id(), task))
                .addAllHashKeys(fragments.hashKeys(stage.id())).setOutputPartitions(stage.partitions())
                .setResult(stage.id() == plan.root().id()).setStreamResult(streamResult && stage.id() == plan.root().id());
        dropLocationsNoLongerRead();
        for (int input : stage.inputs()) {
            b.addInputs(input(plan.stage(input), task));
        }
        return b.build();
    }

    private StageInput input(Stage producer, int task) {
        if (producer.output() instanceof Partitioning.Hash) {
            return hashPartition(producer, task);
        }
        int id = producer.id();
        if (table.missing(id) > 0) {
            return locations(producer, 0); // some of it is still being made: not kept
        }
        if (shared[id] == null || sharedVersion[id] != table.version(id)) {
            shared[id] = locations(producer, 0);
            sharedVersion[id] = table.version(id);
        }
        return shared[id];
    }

    private StageInput locations(Stage producer, int partition) {
        StageInput.Builder in = StageInput.newBuilder().setStageId(producer.id());
        for (int k = 0; k < producer.tasks(); k++) {
            in.addPartitions(location(producer.id(), k, partition));
        }
        return in.build();
    }

    /** Partition {@code partition} of every producer task, reusing the locations whose output has not changed. */
    private StageInput hashPartition(Stage producer, int partition) {
        int input = producer.id();
        if (built[input] == null) {
            built[input] = new PartitionLocation[producer.partitions()][];
            builtAttempt[input] = new int[producer.partitions()][];
        }
        if (built[input][partition] == null) {
            built[input][partition] = new PartitionLocation[producer.tasks()];
            builtAttempt[input][partition] = new int[producer.tasks()];
        }
        PartitionLocation[] locations = built[input][partition];
        int[] attempts = builtAttempt[input][partition];
        StageInput.Builder in = StageInput.newBuilder().setStageId(input);
        for (int k = 0; k < producer.tasks(); k++) {
            int attempt = outputKey(input, k);
            if (attempts[k] != attempt) { // attempt numbers are never reused: the same attempt is the same output
                locations[k] = location(input, k, partition);
                attempts[k] = attempt;
            }
            in.addPartitions(locations[k]);
        }
        return in.build();
    }

    /**
     * Which output of the input task a location names: its final attempt's once it has one, else
     * its running attempt's, told apart by sign (a location built while the output was made lacks
     * its size, and is built again once it is whole).
     */
    private int outputKey(int input, int k) {
        return table.holder(input, k) != null ? table.finalAttempt(input, k) : -1 - running.runningAttempt(input, k);
    }

    private PartitionLocation location(int input, int k, int partition) {
        Worker holder = table.holder(input, k);
        boolean whole = holder != null;
        if (!whole && (running == null || (holder = running.runningOn(input, k)) == null)) {
            throw new IllegalStateException("task " + k + " of stage " + input + " has no output and none is being made");
        }
        int attempt = whole ? table.finalAttempt(input, k) : running.runningAttempt(input, k);
        Tickets ticket = new Tickets(queryId, input, k, attempt, partition);
        PartitionLocation.Builder location = PartitionLocation.newBuilder().setAddress(holder.address())
                // the signed bytes are new and never written again: wrapped, not copied
                .setTicket(UnsafeByteOperations.unsafeWrap(tickets.sign(ticket, tickets.internalCredential(), resultsExpire)));
        if (!whole) {
            return location.setRows(-1).setBytes(-1).build();
        }
        RunTaskResponse made = table.output(input, k);
        return location.setRows(made.getPartitionRows(partition)).setBytes(made.getPartitionBytes(partition)).build();
    }

    /**
     * Drops the kept locations of stages none of whose readers can run again: a reader runs again
     * while it misses tasks, and, once complete, when an output of it that is still read is lost
     * (its readers miss tasks too). Dropping them once the readers were complete made each such
     * re-run build all its locations anew: in the simulation, 821 partitions' worth (of 20,000
     * locations each) in one query, 347 with this rule. Deeper re-runs still build anew: keeping
     * every shuffle's locations to the end would hold a large query's millions of them.
     */
    private void dropLocationsNoLongerRead() {
        for (int s = 0; s < built.length; s++) {
            if (built[s] != null && !readersMayRunAgain(s)) {
                built[s] = null;
                builtAttempt[s] = null;
            }
        }
    }

    private boolean readersMayRunAgain(int producer) {
        for (Stage reader : plan.stages()) {
            if (reader.inputs().contains(producer) && (reader.id() == plan.root().id()
                    || table.missing(reader.id()) > 0 || readersMissTasks(reader.id()))) {
                return true;
            }
        }
        return false;
    }

    private boolean readersMissTasks(int producer) {
        for (Stage reader : plan.stages()) {
            if (reader.inputs().contains(producer) && table.missing(reader.id()) > 0) {
                return true;
            }
        }
        return false;
    }
}
