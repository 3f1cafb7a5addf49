package io.polaroid.server.coordinator.http;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.server.coordinator.CoordinatorOnly;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The HTTP API's errors, as JSON with the codes the gRPC port gives: {@code code} the gRPC status
 * name, {@code errorCode} Polaroid's finer code, {@code message} the engine's words (a SQL error
 * says where it broke), and {@code queryId} when the request named one. Never a stack trace.
 */
@CoordinatorOnly
@RestControllerAdvice(assignableTypes = {QueryApi.class, ClusterApi.class})
public final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> error(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (response.isCommitted()) {
            // a result stream that broke after its status went out: rethrown, the container cuts the
            // connection, so that the client sees a broken stream rather than JSON after its rows
            throw e;
        }
        PolaroidException p = e instanceof org.springframework.web.HttpMediaTypeException
                || e instanceof org.springframework.web.bind.ServletRequestBindingException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException
                ? PolaroidException.invalidPlan(e.getMessage()) : PolaroidException.wrap(e);
        if (p.code() == io.polaroid.engine.error.ErrorCode.INTERNAL) {
            log.warn("HTTP API {} failed", request.getRequestURI(), e);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", p.code().grpcStatus());
        body.put("errorCode", p.code().name());
        body.put("message", p.getMessage());
        Object id = request.getAttribute(QueryApi.QUERY_ID_ATTRIBUTE);
        if (id != null) {
            body.put("queryId", id.toString());
        }
        return ResponseEntity.status(httpStatus(p.code().grpcStatus())).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** The HTTP status of a gRPC status, as gRPC's own HTTP mapping and grpc-gateway give it. */
    static int httpStatus(String grpcStatus) {
        return switch (grpcStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "ALREADY_EXISTS", "ABORTED" -> 409;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "CANCELLED" -> 499;
            case "UNIMPLEMENTED" -> 501;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }
}
