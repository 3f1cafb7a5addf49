package io.polaroid.server.worker;

import io.polaroid.engine.distributed.ExchangeInputs;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.remote.EndpointReader;
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
                morsels.add(new LocalPartition(Tickets.decode(ticket), l.getRows(), schema, store, self));
            } else {
                RemotePartition remote = new RemotePartition(l, schema, fetcher);
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

    /**
     * A task's input could not be read whole. {@code workerDown}: the worker that held it does not
     * answer, so everything it held is gone; otherwise only this partition is (it expired, was
     * freed, or its stream kept breaking), and the coordinator runs its producer again.
     */
    static final class InputLostException extends PolaroidException {
        final String address;
        final String ticket;
        final boolean workerDown;

        InputLostException(String address, String ticket, boolean workerDown, Throwable cause) {
            super(ErrorCode.IO_ERROR, (workerDown ? "lost the worker at " + address + " while reading its output: "
                    : "lost the partition " + ticket + " at " + address + ": ") + cause.getMessage(), cause);
            this.address = address;
            this.ticket = ticket;
            this.workerDown = workerDown;
        }
    }

    /**
     * A partition on another worker. Its DoGet starts at once; the first open reads that stream,
     * and any later open (a plan that reads the input again) fetches it anew. Every read is
     * checked against the rows the producer reported and resumes a broken stream
     * ({@link EndpointReader}).
     */
    private static final class RemotePartition implements Morsel {
        private final PartitionLocation location;
        private final Schema schema;
        private final FlightFetcher fetcher;
        private final List<EndpointReader> readers = new ArrayList<>();
        private FlightStream prefetched;

        RemotePartition(PartitionLocation location, Schema schema, FlightFetcher fetcher) {
            this.location = location;
            this.schema = schema;
            this.fetcher = fetcher;
            try {
                this.prefetched = start();
            } catch (RuntimeException failedToStart) {
                this.prefetched = null; // the open that needs it will start it again and report why
            }
        }

        private FlightStream start() {
            return fetcher.client(fetcher.transport().location(location.getAddress()))
                    .getStream(new Ticket(location.getTicket().toByteArray()));
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
            return "partition at " + location.getAddress();
        }

        @Override
        public BatchReader open(List<String> columns, ScanContext ctx) {
            EndpointReader reader = new EndpointReader("the partition " + ticket() + " at " + location.getAddress(),
                    location.getAddress(), location.getRows(), this::start, take());
            synchronized (this) {
                readers.add(reader);
            }
            return new BatchReader() {
                @Override
                public Batch next() {
                    try {
                        return reader.next(schema, ctx.allocator());
                    } catch (FlightRuntimeException e) {
                        throw lost(e);
                    } catch (PolaroidException e) {
                        throw e.code() == ErrorCode.IO_ERROR ? new InputLostException(location.getAddress(), ticket(), false, e) : e;
                    }
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }

        private String ticket() {
            return location.getTicket().toStringUtf8();
        }

        /** Cancels the prefetched stream if no open took it, and every read still going on. */
        void close() {
            FlightStream unread = take();
            if (unread != null) {
                new EndpointReader("", location.getAddress(), -1, this::start, unread).close();
            }
            List<EndpointReader> open;
            synchronized (this) {
                open = new ArrayList<>(readers);
            }
            open.forEach(r -> r.cancel("the reading task stopped"));
        }

        private RuntimeException lost(FlightRuntimeException e) {
            FlightStatusCode code = e.status().code();
            if (code == FlightStatusCode.UNAVAILABLE) {
                return new InputLostException(location.getAddress(), ticket(), true, e);
            }
            if (code == FlightStatusCode.NOT_FOUND || code == FlightStatusCode.INTERNAL || code == FlightStatusCode.UNKNOWN) {
                return new InputLostException(location.getAddress(), ticket(), false, e);
            }
            return RemoteErrors.fromFlight(e);
        }
    }

    /**
     * A partition this worker holds: its batches are leased from the store and handed to the task
     * as views in the task's allocator (the buffers are shared, not copied), as a DoGet to this
     * worker would, without serializing them.
     */
    private record LocalPartition(Tickets ticket, long expectedRows, Schema schema, PartitionStore store, String address)
            implements Morsel {
        @Override
        public long rows() {
            return -1;
        }

        @Override
        public String describe() {
            return "partition " + ticket + " on this worker";
        }

        @Override
        public BatchReader open(List<String> columns, ScanContext ctx) {
            PartitionStore.Held held;
            try {
                held = store.lease(ticket, PartitionStore.ARRIVAL_WAIT_MILLIS);
            } catch (PolaroidException e) {
                throw new InputLostException(address, ticket.toString(), false, e);
            }
            org.apache.arrow.vector.types.pojo.Schema arrow = ArrowTypes.toArrow(schema);
            PartitionStore.Held.Cursor cursor;
            try {
                cursor = held.cursor();
            } catch (RuntimeException e) {
                held.done(false);
                throw e;
            }
            return new BatchReader() {
                int next;
                long rows;
                boolean done;

                @Override
                public Batch next() {
                    Batch b = nextHeld();
                    if (b == null) {
                        return null;
                    }
                    VectorSchemaRoot view = new VectorSchemaRoot(arrow.getFields(), new ArrayList<>(b.columns()), b.rowCount());
                    VectorSchemaRoot target = VectorSchemaRoot.create(arrow, ctx.allocator());
                    try (ArrowRecordBatch record = new VectorUnloader(view).getRecordBatch()) {
                        new VectorLoader(target).load(record);
                    } catch (RuntimeException e) {
                        target.close();
                        throw e;
                    }
                    rows += b.rowCount();
                    return new Batch(schema, target.getFieldVectors(), target.getRowCount(), next++);
                }

                /** The next held batch, waiting while its task makes it; null at the end, checked against the rows reported. */
                private Batch nextHeld() {
                    Batch b;
                    try {
                        b = cursor.next(ctx::isCancelled);
                    } catch (PolaroidException e) {
                        throw e.code() == ErrorCode.FILE_NOT_FOUND ? new InputLostException(address, ticket.toString(), false, e) : e;
                    }
                    if (b == null) {
                        ctx.checkCancelled();
                        if (expectedRows >= 0 && rows != expectedRows) {
                            throw new InputLostException(address, ticket.toString(), false, new PolaroidException(ErrorCode.IO_ERROR,
                                    "it holds " + rows + " rows where its producer reported " + expectedRows));
                        }
                        done(true);
                    }
                    return b;
                }

                @Override
                public void close() {
                    done(false);
                }

                private void done(boolean whole) {
                    if (!done) {
                        done = true;
                        cursor.close();
                        held.done(whole);
                    }
                }
            };
        }
    }
}
