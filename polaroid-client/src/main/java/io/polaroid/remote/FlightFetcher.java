package io.polaroid.remote;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * same root as {@code allocator}).
 */
public final class FlightFetcher implements AutoCloseable {
    private final BufferAllocator allocator;
    private final Location fallback;
    private final Map<Location, FlightClient> clients = new ConcurrentHashMap<>();

    /** {@code fallback}: where to fetch an endpoint that names no location (the server that answered). */
    public FlightFetcher(BufferAllocator allocator, Location fallback) {
        this.allocator = allocator;
        this.fallback = fallback;
    }

    public FlightClient client(Location location) {
        return clients.computeIfAbsent(location, l -> FlightClient.builder(allocator, l).build());
    }

    /** Opens the stream of {@code endpoint}; the caller closes it. */
    public FlightStream open(FlightEndpoint endpoint) {
        Location at = endpoint.getLocations().isEmpty() ? fallback : endpoint.getLocations().get(0);
        try {
            return client(at).getStream(endpoint.getTicket());
        } catch (FlightRuntimeException e) {
            throw RemoteErrors.fromFlight(e);
        }
    }

    /** Every batch of {@code endpoint}, owned by {@code target}. */
    public List<Batch> fetch(FlightEndpoint endpoint, Schema schema, BufferAllocator target) {
        List<Batch> out = new ArrayList<>();
        try (FlightStream stream = open(endpoint)) {
            Batch b;
            while ((b = next(stream, schema, target, out.size())) != null) {
                out.add(b);
            }
            return out;
        } catch (FlightRuntimeException e) {
            out.forEach(Batch::close);
            throw RemoteErrors.fromFlight(e);
        } catch (Exception e) {
            out.forEach(Batch::close);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
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
