package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.ByteString;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.server.coordinator.QueryManager.LocalAnswer;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers the coordinator computed itself, held until their owner (the credential that asked: a
 * read of the coordinator is checked as the workers check tickets) reads them once: bytes on the
 * heap (an answer reads no data, so it is small), no Arrow memory to leak. At most {@value #MAX_HELD}
 * are held, and each for {@value #TTL_MILLIS} ms: a client that never reads one cannot fill memory.
 */
final class LocalAnswers {
    static final int MAX_HELD = 1_000;
    static final long TTL_MILLIS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Held(LocalAnswer answer, String credential, long expires) {
    }

    private final Map<ByteString, Held> held = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Held> eldest) {
            return size() > MAX_HELD || eldest.getValue().expires() < System.currentTimeMillis();
        }
    };

    /** Holds {@code answer} for {@code credential}; returns its random handle. */
    synchronized ByteString add(LocalAnswer answer, String credential) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        ByteString handle = ByteString.copyFrom(bytes);
        held.put(handle, new Held(answer, credential == null ? "" : credential, System.currentTimeMillis() + TTL_MILLIS));
        return handle;
    }

    /** The answer, once, for the credential that asked only; anyone else learns only that there is none. */
    synchronized LocalAnswer take(ByteString handle, String credential) {
        Held h = held.get(handle);
        if (h == null || !java.security.MessageDigest.isEqual(h.credential().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                (credential == null ? "" : credential).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                || h.expires() < System.currentTimeMillis()) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no result for this ticket: it was read, it expired, or it is"
                    + " not yours");
        }
        held.remove(handle);
        return h.answer();
    }
}
