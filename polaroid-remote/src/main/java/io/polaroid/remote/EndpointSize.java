package io.polaroid.remote;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a result endpoint holds, as the worker that produced it reported: carried in the Flight
 * endpoint's {@code app_metadata} as {@code {"rows":N,"bytes":M}} (JSON, so that any Flight
 * client can read it), and checked by the reader. A stream that ends with fewer or more rows
 * than this lost data on the way, and must never pass for a complete result. A result the worker
 * streams while its task runs says {@code {"streamed":true}} instead: its size is not known yet,
 * the stream's normal end proves it whole, and it is read once (a broken stream cannot resume).
 */
public record EndpointSize(long rows, long bytes) {
    private static final Pattern STREAMED = Pattern.compile("\"streamed\"\\s*:\\s*true");
    private static final Pattern FIELDS = Pattern.compile("\"(rows|bytes)\"\\s*:\\s*(\\d+)");

    public static EndpointSize of(long rows, long bytes) {
        return new EndpointSize(rows, bytes);
    }

    public byte[] encode() {
        return ("{\"rows\":" + rows + ",\"bytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The app metadata of a streamed endpoint. */
    public static byte[] streamed() {
        return "{\"streamed\":true}".getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an endpoint's app metadata says it is streamed. */
    public static boolean isStreamed(byte[] appMetadata) {
        return appMetadata != null && STREAMED.matcher(new String(appMetadata, StandardCharsets.UTF_8)).find();
    }

    /** The size in an endpoint's app metadata; null when it carries none (another server). */
    public static EndpointSize decode(byte[] appMetadata) {
        if (appMetadata == null || appMetadata.length == 0) {
            return null;
        }
        Matcher m = FIELDS.matcher(new String(appMetadata, StandardCharsets.UTF_8));
        long rows = -1;
        long bytes = -1;
        while (m.find()) {
            long v = Long.parseLong(m.group(2));
            if (m.group(1).equals("rows")) {
                rows = v;
            } else {
                bytes = v;
            }
        }
        return rows < 0 ? null : new EndpointSize(rows, bytes);
    }

    /** Fails unless {@code received} rows are what the producer reported. */
    public static void verify(String what, long expected, long received) {
        if (expected >= 0 && expected != received) {
            throw new PolaroidException(ErrorCode.IO_ERROR, what + " ended after " + received + " of its " + expected
                    + " rows: the stream was cut");
        }
    }
}
