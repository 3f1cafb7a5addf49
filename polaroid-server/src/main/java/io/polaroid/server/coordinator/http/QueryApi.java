package io.polaroid.server.coordinator.http;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Plan;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.coordinator.ResultRelay;
import io.polaroid.server.security.ApiAuthFilter;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.ClusterSecurity;
import io.polaroid.server.coordinator.CoordinatorOnly;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Queries over HTTP: {@code POST /api/v1/query} takes {@code {"sql": "..."}} or a plan and
 * answers with the result as an Arrow IPC stream, streamed as the workers make it; the session
 * calls tell a client who it is and trade its token for a session token that expires.
 */
@CoordinatorOnly
@RestController
@RequestMapping("/api/v1")
public final class QueryApi {
    private static final Logger log = LoggerFactory.getLogger(QueryApi.class);
    public static final String ARROW_STREAM = "application/vnd.apache.arrow.stream";
    /** The header a client names its query's id with (so it can cancel it before results come), and the answer's. */
    public static final String QUERY_ID = "X-Polaroid-Query-Id";
    static final String QUERY_ID_ATTRIBUTE = QueryApi.class.getName() + ".queryId";
    /** As much as the gRPC port takes in one message. */
    private static final int MAX_BODY_BYTES = 64 << 20;

    private final QueryManager queries;
    private final ResultRelay relay;
    private final ClusterSecurity security;

    public QueryApi(QueryManager queries, ResultRelay relay, ClusterSecurity security) {
        this.queries = queries;
        this.relay = relay;
        this.security = security;
    }

    /** Who the credential names, and whether the cluster checks credentials at all. */
    @GetMapping("/session")
    public Map<String, Object> session(HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("principal", caller(request).principal());
        body.put("authentication", security.enabled());
        return body;
    }

    /**
     * Trades the credential for a session token that expires ({@code polaroid.security.session-ttl}),
     * so that a page keeps no long-lived secret; with authentication off there is none to trade. A
     * session token is answered with itself: it cannot be renewed past its expiry.
     */
    @PostMapping("/session")
    public Map<String, Object> login(HttpServletRequest request) {
        Map<String, Object> body = session(request);
        String token = security.sessionToken(caller(request));
        body.put("token", token == null ? "" : token);
        return body;
    }

    @PostMapping("/query")
    public void query(@RequestHeader(value = QUERY_ID, required = false) String id, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        // the body as sent, whatever its content type says (a form post's would come back re-encoded)
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw PolaroidException.invalidPlan("the request body is over " + MAX_BODY_BYTES + " bytes");
        }
        Caller caller = caller(request);
        String queryId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        request.setAttribute(QUERY_ID_ATTRIBUTE, queryId);
        Plan plan = ApiRequests.plan(body);
        QueryManager.Routed routed = queries.route(plan);
        response.setHeader(QUERY_ID, queryId);
        response.setContentType(ARROW_STREAM);
        if (routed.answer() != null) { // a query that reads no file, answered by the coordinator
            response.setContentLengthLong(routed.answer().arrowIpc().length);
            response.getOutputStream().write(routed.answer().arrowIpc());
            return;
        }
        QueryExecution q = queries.execute(routed.plan(), routed.text(), queryId, 0, () -> false, caller,
                true);
        ArrowHttpStream.Written written;
        try {
            written = new ArrowHttpStream(relay, q, caller).writeTo(response.getOutputStream());
        } catch (RuntimeException failed) {
            // The status is sent: cut the connection so that the client sees a broken stream, not a short one.
            log.info("query {}: its HTTP result stream broke: {}", queryId, failed.getMessage());
            queries.releaseBroken(queryId, caller);
            throw new BrokenStream(failed);
        }
        if (written.clientGone()) {
            log.info("query {}: the HTTP client went away after {} rows", queryId, written.rows());
            queries.release(queryId, caller);
        }
    }

    static Caller caller(HttpServletRequest request) {
        Object caller = request.getAttribute(ApiAuthFilter.CALLER);
        if (caller == null) {
            throw new PolaroidException(ErrorCode.PERMISSION_DENIED, "the request passed no authentication filter");
        }
        return (Caller) caller;
    }

    /** A result stream that broke after its status was sent: the container cuts the connection. */
    static final class BrokenStream extends RuntimeException {
        BrokenStream(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
