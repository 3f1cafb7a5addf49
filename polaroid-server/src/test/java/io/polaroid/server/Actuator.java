package io.polaroid.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a Spring actuator endpoint of a process started by a test, with the test clusters' token. */
final class Actuator {
    private Actuator() {
    }

    static String get(int port, String path) {
        return send(port, path, TestCredentials.get().client().value()).body();
    }

    /** The HTTP status of a GET presenting {@code authorization} (empty: none). */
    static int status(int port, String path, String authorization) {
        return send(port, path, authorization).statusCode();
    }

    private static HttpResponse<String> send(int port, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
