package io.polaroid.server.worker;

import io.polaroid.engine.distributed.ExchangeInputs;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.Schema;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.remote.FlightFetcher;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import io.polaroid.remote.ClusterAddress;
import org.apache.arrow.flight.Ticket;

/**
 * A task's inputs as Flight streams: each partition it reads is a morsel that, when the scan
 * opens it, fetches the partition with DoGet from the worker that holds it. A worker that cannot
 * be reached fails the task with {@link InputLostException}, naming the worker, so that the
 * coordinator can run that worker's tasks again elsewhere.
 */
final class FlightExchangeInputs implements ExchangeInputs {
    private final Map<Integer, List<PartitionLocation>> byStage = new HashMap<>();
    private final FlightFetcher fetcher;

    FlightExchangeInputs(List<StageInput> inputs, FlightFetcher fetcher) {
        for (StageInput in : inputs) {
            byStage.put(in.getStageId(), in.getPartitionsList());
        }
        this.fetcher = fetcher;
    }

    @Override
    public List<Morsel> partitions(int stageId, Schema schema) {
        List<PartitionLocation> locations = byStage.get(stageId);
        if (locations == null) {
            throw PolaroidException.internal("the task was given no locations for stage " + stageId);
        }
        List<Morsel> morsels = new ArrayList<>();
        for (PartitionLocation l : locations) {
            morsels.add(new RemotePartition(l.getAddress(), l.getTicket().toByteArray(), schema, fetcher));
        }
        return morsels;
    }

    /** A worker that held a task's input is gone. */
    static final class InputLostException extends PolaroidException {
        final String address;

        InputLostException(String address, Throwable cause) {
            super(ErrorCode.IO_ERROR, "lost the worker at " + address + " while reading its output: " + cause.getMessage(), cause);
            this.address = address;
        }
    }

    private record RemotePartition(String address, byte[] ticket, Schema schema, FlightFetcher fetcher) implements Morsel {
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
            FlightStream stream;
            try {
                stream = fetcher.client(ClusterAddress.parse(address).location()).getStream(new Ticket(ticket));
            } catch (FlightRuntimeException e) {
                throw lost(e);
            }
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
                    try {
                        if (!ended) {
                            stream.cancel("the reading task needs no more rows", null);
                        }
                        stream.close();
                    } catch (Exception e) {
                        throw PolaroidException.wrap(e);
                    }
                }
            };
        }

        private RuntimeException lost(FlightRuntimeException e) {
            FlightStatusCode code = e.status().code();
            return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.NOT_FOUND
                    ? new InputLostException(address, e) : io.polaroid.remote.RemoteErrors.fromFlight(e);
        }
    }
}
