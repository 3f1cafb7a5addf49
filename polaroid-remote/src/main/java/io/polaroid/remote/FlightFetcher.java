package io.polaroid.remote;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Flight clients, one per location, and the reading of one endpoint into batches. Batches move
 * out of the Flight stream's buffers without a copy, into the allocator the caller gives (of the
 * same root as {@code allocator}). A client may read through the server instead ({@link #relay}).
 */
public final class FlightFetcher implements AutoCloseable {
    private final BufferAllocator allocator;
    private final Location fallback;
    private final Map<Location, FlightClient> clients = new ConcurrentHashMap<>();
    private volatile Consumer<EndpointReader> watcher = r -> { };
    private volatile RelayUse relay = RelayUse.NEVER;
    private volatile boolean relaying;

    /** When a client reads result partitions through the server that answered ({@link RelayTicket}). */
    public enum RelayUse {
        /** Always from the worker an endpoint names (servers reading each other's partitions). */
        NEVER,
        /** From the worker, until one cannot be reached: then through the server, from then on. */
        WHEN_UNREACHABLE,
        /** Always through the server. */
        ALWAYS
    }

    private final Authorization authorization;

    /** {@code fallback}: where to fetch an endpoint that names no location (the server that answered). */
    public FlightFetcher(BufferAllocator allocator, Location fallback) {
        this(allocator, fallback, Authorization.NONE);
    }

    private final Transport transport;

    /** {@code authorization}: the header every call carries. */
    public FlightFetcher(BufferAllocator allocator, Location fallback, Authorization authorization) {
        this(allocator, fallback, authorization, Transport.PLAINTEXT);
    }

    /** {@code transport}: the certificates to trust at {@code grpc+tls} locations. */
    public FlightFetcher(BufferAllocator allocator, Location fallback, Authorization authorization, Transport transport) {
        this.allocator = allocator;
        this.fallback = fallback;
        this.authorization = authorization;
        this.transport = transport;
    }

    /** How this fetcher uses the relay of the server at its fallback location; {@link RelayUse#NEVER} unless set. */
    public void relay(RelayUse use) {
        this.relay = use;
        this.relaying = use == RelayUse.ALWAYS;
    }

    /** Whether partitions are read through the server now: asked for, or a worker was found unreachable. */
    public boolean relaying() {
        return relaying;
    }

    public Transport transport() {
        return transport;
    }

    public FlightClient client(Location location) {
        return clients.computeIfAbsent(location, l -> transport.flightClient(allocator, l, authorization.flight()));
    }

    private Location location(FlightEndpoint endpoint) {
        return RelayTicket.onAnsweringServer(endpoint) ? fallback : endpoint.getLocations().get(0);
    }

    /** Starts the DoGet of {@code endpoint}: through the server when relaying, otherwise from its location. */
    private FlightStream open(FlightEndpoint endpoint) {
        return relaying ? openRelayed(endpoint) : client(location(endpoint)).getStream(endpoint.getTicket());
    }

    private FlightStream openRelayed(FlightEndpoint endpoint) {
        return client(fallback).getStream(RelayTicket.relayed(endpoint).getTicket());
    }

    /**
     * A reader of {@code endpoint} that checks the rows its producer reported (when the endpoint
     * carries them) and resumes a broken stream; the caller closes it.
     */
    public EndpointReader reader(FlightEndpoint endpoint) {
        EndpointSize size = EndpointSize.decode(endpoint.getAppMetadata());
        byte[] ticket = endpoint.getTicket().getBytes();
        Location at = location(endpoint);
        String address = RelayTicket.is(ticket) ? RelayTicket.decode(ticket).workerAddress()
                : at.getUri().getHost() + ":" + at.getUri().getPort();
        EndpointReader reader = new EndpointReader("the result partition at " + address, address,
                size == null ? -1 : size.rows(), () -> open(endpoint), null);
        if (EndpointSize.isStreamed(endpoint.getAppMetadata())) {
            reader.streamed();
        }
        if (relay == RelayUse.WHEN_UNREACHABLE && !RelayTicket.onAnsweringServer(endpoint)) {
            // a worker one cannot reach says the workers sit on a network the client is not on:
            // once the server has relayed a partition, it relays every later one too
            reader.whenUnreachable(() -> openRelayed(endpoint), () -> relaying = true);
        }
        watcher.accept(reader);
        return reader;
    }

    /** Hands every reader this fetcher makes to {@code watcher} (which may abandon a reader whose worker died). */
    public void watchReaders(Consumer<EndpointReader> watcher) {
        this.watcher = watcher;
    }

    /** Every batch of {@code endpoint}, owned by {@code target}, checked whole. */
    public List<Batch> fetch(FlightEndpoint endpoint, Schema schema, BufferAllocator target) {
        List<Batch> out = new ArrayList<>();
        try (EndpointReader reader = reader(endpoint)) {
            Batch b;
            while ((b = reader.next(schema, target)) != null) {
                out.add(b);
            }
            return out;
        } catch (FlightRuntimeException e) {
            out.forEach(Batch::close);
            throw RemoteErrors.fromFlight(e);
        } catch (RuntimeException e) {
            out.forEach(Batch::close);
            throw e;
        }
    }

    /** The stream's next batch moved into {@code target}, or null at its end. */
    public static Batch next(FlightStream stream, Schema schema, BufferAllocator target, long seq) {
        if (!stream.next()) {
            return null;
        }
        VectorSchemaRoot root = stream.getRoot();
        return new Batch(schema, root.getFieldVectors(), root.getRowCount(), seq).transferTo(target);
    }

    @Override
    public void close() {
        for (FlightClient c : clients.values()) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
    }
}
