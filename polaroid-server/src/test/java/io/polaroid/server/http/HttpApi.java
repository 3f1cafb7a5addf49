package io.polaroid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.util.Text;

/** A plain HTTP client of the coordinator's API, as any program would be: java.net.http and Arrow's stream reader. */
final class HttpApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String base;
    private final String token;

    HttpApi(int port, String token) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    HttpApi as(String otherToken) {
        return new HttpApi(port, otherToken);
    }

    HttpResponse<byte[]> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<byte[]> post(String path, String body) {
        return post(path, body, "application/json");
    }

    HttpResponse<byte[]> post(String path, String body, String contentType) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
    }

    JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    /** Starts a query and returns its response with the body unread. */
    HttpResponse<InputStream> query(String body, String queryId) {
        HttpRequest.Builder r = request("/api/v1/query").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (queryId != null) {
            r.header("X-Polaroid-Query-Id", queryId);
        }
        return send(r, HttpResponse.BodyHandlers.ofInputStream());
    }

    static String sql(String sql) {
        return JSON.createObjectNode().put("sql", sql).toString();
    }

    /** The result rows of an Arrow IPC stream, with values as DuckDB's JDBC rows hold them. */
    static List<List<Object>> rows(InputStream arrow) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator(); ArrowStreamReader reader = new ArrowStreamReader(arrow, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.add(value(v, i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Object value(FieldVector v, int i) {
        if (v.isNull(i)) {
            return null;
        }
        if (v instanceof DateDayVector d) {
            return LocalDate.ofEpochDay(d.get(i));
        }
        Object o = v.getObject(i);
        if (o instanceof Text t) {
            return t.toString();
        }
        return o instanceof BigDecimal b ? b : o;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        return token == null ? r : r.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder r) {
        return send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder r, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(r.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
