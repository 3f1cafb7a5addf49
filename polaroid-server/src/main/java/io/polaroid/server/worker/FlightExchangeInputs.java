package io.polaroid.server.worker;

import io.polaroid.engine.distributed.ExchangeInputs;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.remote.ClusterAddress;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.Tickets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A task's inputs. A partition held by this worker is read from its {@link PartitionStore}
 * without a copy or a network hop. Every other partition is a Flight DoGet to the worker that
 * holds it, started as soon as the task asks for its inputs, so that the round trips overlap
 * instead of adding up; each stream is read when the scan opens its morsel. A worker that cannot
 * be reached fails the task with {@link InputLostException}, naming the worker, so that the
 * coordinator can run that worker's tasks again elsewhere. Closing the inputs cancels the streams
 * the task never read.
 */
final class FlightExchangeInputs implements ExchangeInputs, AutoCloseable {
    private final Map<Integer, List<PartitionLocation>> byStage = new HashMap<>();
    private final FlightFetcher fetcher;
    private final PartitionStore store;
    private final String self;
    private final List<RemotePartition> started = new ArrayList<>();

    /** {@code self}: this worker's address; partitions located there are read from {@code store}. */
    FlightExchangeInputs(List<StageInput> inputs, FlightFetcher fetcher, PartitionStore store, String self) {
        for (StageInput in : inputs) {
            byStage.put(in.getStageId(), in.getPartitionsList());
        }
        this.fetcher = fetcher;
        this.store = store;
        this.self = self;
    }

    @Override
    public List<Morsel> partitions(int stageId, Schema schema) {
        List<PartitionLocation> locations = byStage.get(stageId);
        if (locations == null) {
            throw PolaroidException.internal("the task was given no locations for stage " + stageId);
        }
        List<Morsel> morsels = new ArrayList<>();
        for (PartitionLocation l : locations) {
            byte[] ticket = l.getTicket().toByteArray();
            if (l.getAddress().equals(self)) {
                morsels.add(new LocalPartition(Tickets.decode(ticket), schema, store, self));
            } else {
                RemotePartition remote = new RemotePartition(l.getAddress(), ticket, schema, fetcher);
                synchronized (started) {
                    started.add(remote);
                }
                morsels.add(remote);
            }
        }
        return morsels;
    }

    /** Cancels the streams that were started and never read to the end. */
    @Override
    public void close() {
        synchronized (started) {
            for (RemotePartition p : started) {
                try {
                    p.close();
                } catch (RuntimeException alreadyBroken) {
                    // the stream failed before anyone read it; there is nothing left to free
                }
            }
            started.clear();
        }
    }

    /** A worker that held a task's input is gone. */
    static final class InputLostException extends PolaroidException {
        final String address;

        InputLostException(String address, Throwable cause) {
            super(ErrorCode.IO_ERROR, "lost the worker at " + address + " while reading its output: " + cause.getMessage(), cause);
            this.address = address;
        }
    }

    /**
     * A partition on another worker. Its DoGet starts at once; the first open reads that stream,
     * and any later open (a plan that reads the input again) fetches it anew.
     */
    private static final class RemotePartition implements Morsel {
        private final String address;
        private final byte[] ticket;
        private final Schema schema;
        private final FlightFetcher fetcher;
        private FlightStream prefetched;

        RemotePartition(String address, byte[] ticket, Schema schema, FlightFetcher fetcher) {
            this.address = address;
            this.ticket = ticket;
            this.schema = schema;
            this.fetcher = fetcher;
            try {
                this.prefetched = start();
            } catch (RuntimeException failedToStart) {
                this.prefetched = null; // the open that needs it will start it again and report why
            }
        }

        private FlightStream start() {
            try {
                return fetcher.client(ClusterAddress.parse(address).location()).getStream(new Ticket(ticket));
            } catch (FlightRuntimeException e) {
                throw lost(e);
            }
        }

        private synchronized FlightStream take() {
            FlightStream s = prefetched;
            prefetched = null;
            return s;
        }

        @Override
        public long rows() {
            return -1;
        }

        @Override
        public String describe() {
            return "partition at " + address;
        }

        @Override
        public BatchReader open(List<String> columns, TaskContext ctx) {
            FlightStream taken = take();
            FlightStream stream = taken != null ? taken : start();
            return new BatchReader() {
                long seq;
                boolean ended;

                @Override
                public Batch next() {
                    try {
                        Batch b = FlightFetcher.next(stream, schema, ctx.allocator(), seq++);
                        ended = b == null;
                        return b;
                    } catch (FlightRuntimeException e) {
                        throw lost(e);
                    }
                }

                @Override
                public void close() {
                    closeStream(stream, ended);
                }
            };
        }

        /** Cancels the prefetched stream if no open took it. */
        void close() {
            FlightStream unread = take();
            if (unread != null) {
                closeStream(unread, false);
            }
        }

        private static void closeStream(FlightStream stream, boolean ended) {
            try {
                if (!ended) {
                    stream.cancel("the reading task needs no more rows", null);
                }
                stream.close();
            } catch (Exception e) {
                throw PolaroidException.wrap(e);
            }
        }

        private RuntimeException lost(FlightRuntimeException e) {
            FlightStatusCode code = e.status().code();
            return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.NOT_FOUND
                    ? new InputLostException(address, e) : RemoteErrors.fromFlight(e);
        }
    }

    /**
     * A partition this worker holds: its batches are leased from the store and handed to the task
     * as views in the task's allocator (the buffers are shared, not copied), as a DoGet to this
     * worker would, without serializing them.
     */
    private record LocalPartition(Tickets ticket, Schema schema, PartitionStore store, String address) implements Morsel {
        @Override
        public long rows() {
            return -1;
        }

        @Override
        public String describe() {
            return "partition " + ticket + " on this worker";
        }

        @Override
        public BatchReader open(List<String> columns, TaskContext ctx) {
            PartitionStore.Held held;
            try {
                held = store.lease(ticket);
            } catch (PolaroidException e) {
                throw new InputLostException(address, e);
            }
            org.apache.arrow.vector.types.pojo.Schema arrow = ArrowTypes.toArrow(schema);
            return new BatchReader() {
                int next;
                boolean done;

                @Override
                public Batch next() {
                    if (next == held.batches().size()) {
                        return null;
                    }
                    Batch b = held.batches().get(next);
                    VectorSchemaRoot view = new VectorSchemaRoot(arrow.getFields(), new ArrayList<>(b.columns()), b.rowCount());
                    VectorSchemaRoot target = VectorSchemaRoot.create(arrow, ctx.allocator());
                    try (ArrowRecordBatch record = new VectorUnloader(view).getRecordBatch()) {
                        new VectorLoader(target).load(record);
                    } catch (RuntimeException e) {
                        target.close();
                        throw e;
                    }
                    return new Batch(schema, target.getFieldVectors(), target.getRowCount(), next++);
                }

                @Override
                public void close() {
                    if (!done) {
                        done = true;
                        held.done(next == held.batches().size());
                    }
                }
            };
        }
    }
}
