package io.polaroid.bench;

import io.polaroid.remote.ClientToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * The coordinator's HTTP Arrow endpoint ({@code POST /api/v1/query}) against its Flight relay:
 * all of lineitem, query and fetch timed together on both (the HTTP answer streams while the query
 * runs), in turns so that the machine's load touches both alike.
 */
final class HttpStreamBench {
    private HttpStreamBench() {
    }

    /** Prints both throughputs and HTTP/relay; returns HTTP's throughput over the relay's. */
    static double lineitem(String clusterUrl, String httpBase, Path data, int runs) throws Exception {
        String lineitem = data.resolve("lineitem.parquet").toAbsolutePath().toString();
        byte[] plan = ("{\"root\": {\"scan\": {\"format\": \"PARQUET\", \"paths\": [\"" + lineitem + "\"]}}}")
                .getBytes(StandardCharsets.UTF_8);
        String token = ClientToken.find(System.getenv());
        HttpClient http = HttpClient.newHttpClient();
        double[] relay = new double[runs];
        double[] viaHttp = new double[runs];
        long[] httpBytes = new long[1];
        long relayBytes;
        try (RelayBench.Fetch fetch = new RelayBench.Fetch(clusterUrl)) {
            fetch.secondsWithQuery(plan, true); // warm-up, both ways
            read(http, httpBase, token, plan, httpBytes);
            for (int i = 0; i < runs; i++) {
                relay[i] = fetch.secondsWithQuery(plan, true);
                viaHttp[i] = read(http, httpBase, token, plan, httpBytes);
            }
            relayBytes = fetch.bytes;
        }
        double r = Timing.median(relay);
        double h = Timing.median(viaHttp);
        double ratio = (httpBytes[0] / h) / (relayBytes / r);
        System.out.printf(Locale.ROOT, "%nlineitem through the coordinator, query + fetch: Flight relay %.2f GB/s (%.2f s,"
                + " %.2f GB), HTTP Arrow stream %.2f GB/s (%.2f s, %.2f GB): HTTP/relay %.0f%% (target >= 70%%)%n",
                relayBytes / r / 1e9, r, relayBytes / 1e9, httpBytes[0] / h / 1e9, h, httpBytes[0] / 1e9, 100 * ratio);
        return ratio;
    }

    /** Seconds to run the plan over HTTP and read its whole Arrow stream; the stream's Arrow bytes in {@code bytes[0]}. */
    private static double read(HttpClient http, String base, String token, byte[] plan, long[] bytes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(plan));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long n = 0;
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(response.body(), allocator)) {
            while (reader.loadNextBatch()) {
                for (FieldVector v : reader.getVectorSchemaRoot().getFieldVectors()) {
                    n += v.getBufferSize();
                }
            }
        }
        bytes[0] = n;
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code HttpStreamBench <cluster url> <http base> <TPC-H data folder> [runs]}: on a running cluster. */
    public static void main(String[] args) throws Exception {
        lineitem(args[0], args[1], Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 3);
    }
}
