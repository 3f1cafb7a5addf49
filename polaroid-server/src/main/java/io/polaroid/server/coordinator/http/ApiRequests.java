package io.polaroid.server.coordinator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.SqlQuery;
import io.polaroid.server.coordinator.QueryManager;
import java.io.IOException;

/**
 * The body of {@code POST /api/v1/query}: {@code {"sql": "..."}}, or a {@code polaroid.v1} plan
 * in its JSON form (as the Java, Python and JavaScript clients write it), parsed under the
 * server's plan limits like a Flight command.
 */
final class ApiRequests {
    /**
     * Reads only the top level of the body, without building a tree: a plan a program built in a
     * loop nests deeper than a tree parser allows, and its own parser checks it.
     */
    private static final JsonFactory TOP_LEVEL = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build()).build();

    private ApiRequests() {
    }

    static Plan plan(byte[] body) {
        if (body == null || body.length == 0) {
            throw PolaroidException.invalidPlan("the request has no body: send {\"sql\": \"SELECT ...\"} or a polaroid.v1 plan"
                    + " as JSON");
        }
        String sql = topLevelSql(body);
        if (sql == null) {
            return QueryManager.parseCommand(body);
        }
        return Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SqlQuery.newBuilder().setQuery(sql))).build();
    }

    /** The top-level {@code "sql"} string of a JSON object, or null when it has none. */
    private static String topLevelSql(byte[] body) {
        try (JsonParser p = TOP_LEVEL.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw PolaroidException.invalidPlan("the request body is not a JSON object: send {\"sql\": \"SELECT ...\"} or a"
                        + " polaroid.v1 plan as JSON");
            }
            String sql = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("sql")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw PolaroidException.invalidPlan("\"sql\" must be a string of SQL, not " + value);
                    }
                    sql = p.getText();
                } else {
                    skip(p);
                }
            }
            return sql;
        } catch (IOException e) {
            throw PolaroidException.invalidPlan("the request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Past the value the parser is on, however deep, with a counter rather than recursion. */
    private static void skip(JsonParser p) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        do {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        } while (t != null);
        throw new IOException("the body ends inside a value");
    }
}
