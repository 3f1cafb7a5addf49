package io.polaroid;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.OperatorTiming;
import io.polaroid.engine.io.ipc.IpcWriter;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.exec.ProfileTable;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.AnalyzePlanRequest;
import io.polaroid.proto.v1.AnalyzePlanResponse;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.ClusterAddress;
import io.polaroid.remote.Transport;
import io.polaroid.remote.EndpointLostException;
import io.polaroid.remote.EndpointReader;
import io.polaroid.remote.EndpointSize;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.remote.RelayTicket;
import io.polaroid.remote.RemoteErrors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs plans on a cluster: the plan goes to the coordinator as a Flight command (a serialized
 * {@code polaroid.v1.Plan}); the {@code FlightInfo} that comes back lists the result partitions
 * on the workers, which are fetched in parallel and concatenated in endpoint order (through the
 * coordinator instead when relaying: asked for, or once a worker proved unreachable; see
 * {@link io.polaroid.remote.FlightFetcher#relay}). Schema and
 * explain use {@code PolaroidConnect.AnalyzePlan}. Server errors become the exceptions local mode
 * throws ({@link RemoteErrors}).
 */
final class RemoteBackend implements Backend {
    private static final AtomicLong RESULTS = new AtomicLong();
    private static final int RERUNS = 2;

    private final ClusterAddress address;
    private final BufferAllocator root = new RootAllocator();
    private final FlightClient coordinator;
    private final FlightFetcher fetcher;
    private final ManagedChannel channel;
    private final ExecutorService fetchPool;
    private final ResultMemory results = new ResultMemory();
    private final LostWorkerWatch watch;
    private final boolean progress;
    private final java.util.concurrent.ScheduledExecutorService progressTimer =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "polaroid-progress");
                t.setDaemon(true);
                return t;
            });
    // Files written where the client runs, as local mode writes them (polaroid-local: configured from
    // system properties and the AWS environment, so results can be written to S3); made on the first
    // write: Hadoop's configuration costs a client that only reads a second to load.
    private LocalMode.Files localFiles;

    /**
     * {@code relay}: read results through the coordinator; otherwise only once a worker cannot be
     * reached. {@code progress}: draw a progress line on the terminal while a query runs.
     */
    RemoteBackend(ClusterAddress address, Authorization authorization, Transport transport, boolean relay, boolean progress) {
        this.progress = ProgressLine.wanted(progress);
        this.address = address;
        Location location = address.location();
        this.coordinator = transport.flightClient(root, location, authorization.flight());
        this.fetcher = new FlightFetcher(root, location, authorization, transport);
        fetcher.relay(relay ? FlightFetcher.RelayUse.ALWAYS : FlightFetcher.RelayUse.WHEN_UNREACHABLE);
        this.channel = transport.channel(address.host() + ":" + address.port(), authorization.grpc());
        this.watch = new LostWorkerWatch(this::liveWorkers);
        fetcher.watchReaders(watch::track);
        this.fetchPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "polaroid-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    ClusterAddress address() {
        return address;
    }

    private AnalyzePlanResponse analyze(PlanNode plan) {
        try {
            // protobuf serializes nested messages recursively: a plan a program built in a loop
            // (10,000 chained and()) is sent from a thread with a large stack
            return PlanningStack.call("sending the plan", () -> PolaroidConnectGrpc.newBlockingStub(channel)
                    .analyzePlan(AnalyzePlanRequest.newBuilder().setPlan(PlanCodec.encodePlan(plan)).build()));
        } catch (StatusRuntimeException e) {
            throw RemoteErrors.fromGrpc(e);
        }
    }

    @Override
    public Schema schema(PlanNode plan) {
        ByteBuffer bytes = analyze(plan).getArrowSchema().asReadOnlyByteBuffer();
        return ArrowTypes.fromArrow(org.apache.arrow.vector.types.pojo.Schema.deserializeMessage(bytes));
    }

    @Override
    public String explain(PlanNode plan) {
        return analyze(plan).getExplain();
    }

    private Set<String> liveWorkers() {
        Set<String> live = new HashSet<>();
        PolaroidConnectGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersList().forEach(w -> live.add(w.getAddress()));
        return live;
    }

    /**
     * Runs the plan on the cluster under an id this client chose, so that it can follow the query
     * ({@code GetQuery}) while the call that runs it waits: the progress line.
     */
    private FlightInfo submit(PlanNode plan) {
        try (Submitted s = submitFollowed(plan)) {
            return s.info();
        }
    }

    /**
     * Runs the plan like {@link #submit}, and keeps drawing its progress line until the caller
     * closes what this returns: a streamed result is made while the client reads it.
     */
    private Submitted submitFollowed(PlanNode plan) {
        String queryId = java.util.UUID.randomUUID().toString();
        ProgressLine line = progress ? ProgressLine.start(() -> status(queryId), System.err, progressTimer,
                ProgressLine.AFTER_MILLIS, ProgressLine.EVERY_MILLIS) : null;
        try {
            byte[] command = PlanningStack.call("encoding the plan", () -> PlanCodec.encodePlan(plan).toByteArray());
            return new Submitted(queryId, coordinator.getInfo(FlightDescriptor.command(command), headers(queryId, fetcher.relaying())), line);
        } catch (RuntimeException e) {
            if (line != null) {
                line.close();
            }
            throw e instanceof FlightRuntimeException f ? RemoteErrors.fromFlight(f) : e;
        }
    }

    /** A query's id and FlightInfo, and its progress line (null when off) that runs until this is closed. */
    private record Submitted(String queryId, FlightInfo info, ProgressLine line) implements AutoCloseable {
        @Override
        public void close() {
            if (line != null) {
                line.close();
            }
        }
    }

    /** A running query's status; null while the coordinator is still planning it. */
    private io.polaroid.proto.v1.QueryStatus status(String queryId) {
        try {
            return PolaroidConnectGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .getQuery(io.polaroid.proto.v1.GetQueryRequest.newBuilder().setQueryId(queryId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The query's id, and whether to ask the coordinator for endpoints on itself ({@link RelayTicket#HEADER}). */
    private static HeaderCallOption headers(String queryId, boolean relay) {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("x-polaroid-query-id", queryId);
        if (relay) {
            headers.insert(RelayTicket.HEADER, "true");
        }
        return new HeaderCallOption(headers);
    }

    /**
     * Runs the plan and fetches every partition. A partition whose worker was declared dead before
     * it could be read is lost with it, and so is a streamed one whose worker went away while it was
     * read; nothing has been handed out yet, so the query runs again on the workers left, up to
     * {@value #RERUNS} times.
     */
    @Override
    public DataFrame collect(PlanNode plan) {
        for (int run = 0; ; run++) {
            try {
                return collectOnce(plan);
            } catch (EndpointLostException e) {
                if (run == RERUNS) {
                    throw e;
                }
            }
        }
    }

    private DataFrame collectOnce(PlanNode plan) {
        try (Submitted submitted = submitFollowed(plan)) {
            return fetchAll(submitted.info());
        }
    }

    /**
     * Runs the plan and fetches its result, then reports the query as the coordinator saw it, in
     * one row: the workers do not send per-operator figures yet.
     */
    @Override
    public LazyFrame.Profile profile(PlanNode plan) {
        DataFrame result;
        String queryId;
        try (Submitted submitted = submitFollowed(plan)) {
            queryId = submitted.queryId();
            result = fetchAll(submitted.info());
        }
        try {
            io.polaroid.proto.v1.QueryStatus s = status(queryId);
            if (s == null) {
                throw new PolaroidException(ErrorCode.INTERNAL, "query " + queryId + " is no longer known to the coordinator");
            }
            long micros = s.getElapsedMs() * 1000;
            OperatorTiming whole = new OperatorTiming("query " + queryId + " on the cluster: " + s.getStagesTotal()
                    + " stages, " + s.getTasksTotal() + " tasks, " + s.getRowsScanned() + " rows scanned", 0, 0, micros,
                    s.getRows(), result.batches().size(), micros, s.getSpilledBytes());
            BufferAllocator allocator = root.newChildAllocator("profile-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
            List<Batch> table = List.of(ProfileTable.of(List.of(whole), allocator));
            return new LazyFrame.Profile(result, new DataFrame(this, ProfileTable.SCHEMA, table, results.track(table, allocator)));
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /**
     * Which of several endpoints' failures to report (lowest first): a lost partition, since the
     * query can then run again; then the query's own error; last the cancels that error caused on
     * the other workers' streams.
     */
    private static int rank(RuntimeException failure) {
        if (failure instanceof EndpointLostException) {
            return 0;
        }
        return failure instanceof PolaroidException p && p.code() == ErrorCode.CANCELLED ? 2 : 1;
    }

    private DataFrame fetchAll(FlightInfo info) {
        Schema schema = ArrowTypes.fromArrow(info.getSchema());
        BufferAllocator allocator = root.newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
        List<CompletableFuture<List<Batch>>> parts = new ArrayList<>();
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            parts.add(CompletableFuture.supplyAsync(() -> fetcher.fetch(endpoint, schema, allocator), fetchPool));
        }
        List<Batch> batches = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<List<Batch>> part : parts) {
            try {
                batches.addAll(part.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : PolaroidException.wrap(e.getCause());
                if (failure == null || rank(cause) < rank(failure)) {
                    failure = cause;
                }
            }
        }
        if (failure == null) {
            try {
                EndpointSize.verify("the result", info.getRecords(), batches.stream().mapToLong(Batch::rowCount).sum());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            batches.forEach(Batch::close);
            allocator.close();
            throw failure;
        }
        return new DataFrame(this, schema, batches, results.track(batches, allocator));
    }

    /**
     * A sorted result streams its endpoints one after another, in order; any other streams from all
     * endpoints at once, batches in the order they arrive.
     */
    @Override
    public Stream<DataFrame> stream(PlanNode plan) {
        FlightInfo info = submit(plan);
        Schema schema = ArrowTypes.fromArrow(info.getSchema());
        if (info.getOrdered() || info.getEndpoints().size() < 2) {
            BatchIterator batches = new BatchIterator(info.getEndpoints(), schema);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED), false)
                    .onClose(batches::close);
        }
        ArrivalOrderBatches batches = new ArrivalOrderBatches(info.getEndpoints(), schema, fetcher, fetchPool,
                () -> root.newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE),
                (b, allocator) -> new DataFrame(this, schema, List.of(b), results.track(List.of(b), allocator)));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, 0), false).onClose(batches::close);
    }

    /** The batches of the endpoints in order, each endpoint's stream opened when the previous one ends. */
    private final class BatchIterator extends FrameIterator {
        private final List<FlightEndpoint> endpoints;
        private final Schema schema;
        private int nextEndpoint;
        private EndpointReader reader;

        BatchIterator(List<FlightEndpoint> endpoints, Schema schema) {
            this.endpoints = endpoints;
            this.schema = schema;
        }

        @Override
        protected DataFrame fetchNext() {
            while (true) {
                if (reader == null) {
                    if (nextEndpoint == endpoints.size()) {
                        return null;
                    }
                    reader = fetcher.reader(endpoints.get(nextEndpoint++));
                }
                BufferAllocator allocator = root.newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
                Batch b;
                try {
                    b = reader.next(schema, allocator);
                } catch (FlightRuntimeException e) {
                    allocator.close();
                    throw RemoteErrors.fromFlight(e);
                } catch (RuntimeException e) {
                    allocator.close();
                    throw e;
                }
                if (b != null) {
                    return new DataFrame(RemoteBackend.this, schema, List.of(b), results.track(List.of(b), allocator));
                }
                allocator.close();
                closeReader();
            }
        }

        private void closeReader() {
            if (reader != null) {
                try {
                    reader.close();
                } finally {
                    reader = null;
                }
            }
        }

        @Override
        public void close() {
            closeReady();
            closeReader();
        }
    }

    @Override
    public PlanNode inMemory(DataFrame frame) {
        return new PlanNode.InMemory(IpcWriter.toStreamBytes(frame.schema(), frame.batches(), root));
    }

    // Results are written where the client runs, as in local mode, with the engine's writers
    // (polaroid-local). Without it only Arrow IPC to a local file can be written (Arrow alone does it).
    @Override
    public void writeParquet(DataFrame frame, String path) {
        localFiles("DataFrame.writeParquet (the file is written here, with the engine's Parquet writer)").writeParquet(frame.schema(), frame.batches(), path);
    }

    @Override
    public void writeCsv(DataFrame frame, String path) {
        localFiles("DataFrame.writeCsv (the file is written here, with the engine's CSV writer)").writeCsv(frame.schema(), frame.batches(), path);
    }

    @Override
    public void writeIpc(DataFrame frame, String path) {
        if (LocalModes.find() == null && LocalIpcFile.isLocal(path)) {
            LocalIpcFile.write(frame.schema(), frame.batches(), path);
            return;
        }
        localFiles("DataFrame.writeIpc to " + path + " (a file system other than the local disk)").writeIpc(frame.schema(), frame.batches(), path);
    }

    private synchronized LocalMode.Files localFiles(String what) {
        if (localFiles == null) {
            localFiles = LocalModes.require(what).files();
        }
        return localFiles;
    }

    @Override
    public void close() {
        watch.close();
        results.releaseAll();
        fetchPool.shutdownNow();
        progressTimer.shutdownNow();
        synchronized (this) {
            if (localFiles != null) {
                localFiles.close();
            }
        }
        fetcher.close();
        try {
            coordinator.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        root.close();
    }
}
