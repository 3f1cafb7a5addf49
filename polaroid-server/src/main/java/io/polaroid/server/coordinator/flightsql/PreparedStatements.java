package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.ByteString;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Literal;
import io.polaroid.server.security.Caller;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The open prepared statements: each is its SQL text, its schemas, the principal that prepared
 * it (no one else can use or close it) and the parameter values last bound. Handles are random,
 * so they cannot be guessed. The coordinator keeps at most {@value #MAX_OPEN}, forgetting the
 * least recently used: a client that never closes its statements must not fill its memory.
 */
final class PreparedStatements {
    static final int MAX_OPEN = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A prepared statement; {@code parameterSets} changes with every bind. */
    static final class Prepared {
        final String sql;
        final String owner;
        final Schema resultSchema;
        final Schema parameterSchema;
        private volatile List<List<Literal>> parameterSets = List.of();

        Prepared(String sql, String owner, Schema resultSchema, Schema parameterSchema) {
            this.sql = sql;
            this.owner = owner;
            this.resultSchema = resultSchema;
            this.parameterSchema = parameterSchema;
        }

        List<List<Literal>> parameterSets() {
            return parameterSets;
        }

        void bind(List<List<Literal>> sets) {
            parameterSets = List.copyOf(sets);
        }
    }

    private final Map<ByteString, Prepared> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteString, Prepared> eldest) {
            return size() > MAX_OPEN;
        }
    };

    synchronized ByteString add(Prepared p) {
        byte[] handle = new byte[18];
        RANDOM.nextBytes(handle);
        ByteString h = ByteString.copyFrom(handle);
        open.put(h, p);
        return h;
    }

    /** The statement {@code handle} names, if {@code caller} prepared it. */
    synchronized Prepared get(ByteString handle, Caller caller) {
        Prepared p = open.get(handle);
        if (p == null || !p.owner.equals(caller.principal())) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "no such prepared statement: it was closed, the coordinator "
                    + "restarted, or more than " + MAX_OPEN + " were open; prepare it again");
        }
        return p;
    }

    /** Forgets the statement, if {@code caller} prepared it. */
    synchronized void close(ByteString handle, Caller caller) {
        get(handle, caller);
        open.remove(handle);
    }
}
