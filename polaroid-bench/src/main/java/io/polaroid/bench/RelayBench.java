package io.polaroid.bench;

import io.polaroid.ConnectOptions;
import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.ClientToken;
import io.polaroid.remote.ClusterAddress;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.remote.RelayTicket;
import io.polaroid.remote.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * What the coordinator's relay costs: all of lineitem read by Java clients from the workers, and
 * the same through the coordinator, back to back so that the machine's load touches both alike.
 * Twice: the fetch alone (the query runs untimed before each read; a result is read once), which
 * is what the relay changes, and the SDK's whole {@code collectStream} (query and fetch). A couple
 * of runs each: every run moves the whole table.
 */
final class RelayBench {
    private RelayBench() {
    }

    /** Prints the throughputs and relay/direct of both; returns relay/direct of the fetch alone. */
    static double lineitem(String url, Path data, int runs) throws Exception {
        String lineitem = data.resolve("lineitem.parquet").toAbsolutePath().toString();
        double[] direct = new double[runs];
        double[] relayed = new double[runs];
        long bytes = 0;
        try (Fetch fetch = new Fetch(url)) {
            byte[] plan = ("{\"root\": {\"scan\": {\"format\": \"PARQUET\", \"paths\": [\"" + lineitem + "\"]}}}")
                    .getBytes(StandardCharsets.UTF_8);
            fetch.seconds(plan, false); // warm-up
            for (int i = 0; i < runs; i++) {
                direct[i] = fetch.seconds(plan, false);
                relayed[i] = fetch.seconds(plan, true);
            }
            bytes = fetch.bytes;
        }
        double d = Timing.median(direct);
        double r = Timing.median(relayed);
        System.out.printf(Locale.ROOT, "%nlineitem fetched whole (%.2f GB of Arrow), Java Flight client, fetch alone: from the"
                + " workers %.2f GB/s (%.2f s), through the coordinator's relay %.2f GB/s (%.2f s): relay/direct %.0f%%"
                + " (target >= 50%%)%n", bytes / 1e9, bytes / d / 1e9, d, bytes / r / 1e9, r, 100 * d / r);
        try (Polaroid plain = Polaroid.connect(url);
             Polaroid relay = Polaroid.connect(url, ConnectOptions.defaults().withRelay(true))) {
            double[] sdkDirectRuns = new double[runs];
            double[] sdkRelayRuns = new double[runs];
            for (int i = 0; i < runs; i++) { // in turns, as above
                sdkDirectRuns[i] = Timing.medianSeconds(0, 1, () -> readAll(plain, lineitem));
                sdkRelayRuns[i] = Timing.medianSeconds(0, 1, () -> readAll(relay, lineitem));
            }
            double sdkDirect = Timing.median(sdkDirectRuns);
            double sdkRelay = Timing.median(sdkRelayRuns);
            System.out.printf(Locale.ROOT, "the same with the SDK, query + fetch (collectStream): direct %.2f s, relay %.2f s:"
                    + " relay/direct %.0f%%%n", sdkDirect, sdkRelay, 100 * sdkDirect / sdkRelay);
        }
        return d / r;
    }

    /** Every batch of the query's result, read and let go. */
    private static void readAll(Polaroid pl, String lineitem) {
        try (var batches = pl.scanParquet(lineitem).collectStream()) {
            batches.forEach(DataFrame::close);
        }
    }

    /** Runs a plan on the coordinator, then times reading its endpoints in parallel, as the SDK does. */
    static final class Fetch implements AutoCloseable {
        private final BufferAllocator allocator = new RootAllocator();
        private final Location coordinator;
        private final FlightFetcher clients;
        private final ExecutorService pool = Executors.newCachedThreadPool();
        long bytes;

        Fetch(String url) {
            ClusterAddress address = ClusterAddress.parse(url);
            coordinator = address.location();
            clients = new FlightFetcher(allocator, coordinator, Authorization.bearer(ClientToken.find(System.getenv())),
                    new Transport(address.tls(), null));
        }

        double seconds(byte[] plan, boolean relay) throws Exception {
            FlightInfo info = clients.client(coordinator).getInfo(FlightDescriptor.command(plan));
            return fetch(info, relay, System.nanoTime());
        }

        /** The query and the fetch together: GetFlightInfo, then every endpoint read. */
        double secondsWithQuery(byte[] plan, boolean relay) throws Exception {
            long start = System.nanoTime();
            return fetch(clients.client(coordinator).getInfo(FlightDescriptor.command(plan)), relay, start);
        }

        private double fetch(FlightInfo info, boolean relay, long start) throws Exception {
            List<Future<Long>> parts = new ArrayList<>();
            for (FlightEndpoint e : info.getEndpoints()) {
                Location at = relay ? coordinator : e.getLocations().get(0);
                Ticket ticket = relay ? RelayTicket.relayed(e).getTicket() : e.getTicket();
                parts.add(pool.submit(() -> read(at, ticket)));
            }
            long total = 0;
            for (Future<Long> p : parts) {
                total += p.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            bytes = total;
            return seconds;
        }

        private long read(Location at, Ticket ticket) throws Exception {
            long n = 0;
            try (FlightStream s = clients.client(at).getStream(ticket)) {
                while (s.next()) {
                    for (FieldVector v : s.getRoot().getFieldVectors()) {
                        n += v.getBufferSize();
                    }
                }
            }
            return n;
        }

        @Override
        public void close() {
            pool.shutdownNow();
            clients.close();
            allocator.close();
        }
    }

    /** {@code RelayBench <cluster url> <TPC-H data folder> [runs]}: the measurement alone, on a running cluster. */
    public static void main(String[] args) throws Exception {
        lineitem(args[0], Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2);
    }
}
