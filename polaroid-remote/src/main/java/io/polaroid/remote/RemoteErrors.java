package io.polaroid.remote;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Errors across the wire, both ways. A server turns a {@link PolaroidException} into a gRPC or
 * Flight status of the mapped code ({@link ErrorCode#grpcStatus()}) whose description is the
 * message, with the exact error code in the trailer {@value #CODE_KEY}; a client turns it back into
 * the same exception that local mode throws.
 */
public final class RemoteErrors {
    public static final String CODE_KEY = "polaroid-error-code";
    public static final Metadata.Key<String> CODE = Metadata.Key.of(CODE_KEY, Metadata.ASCII_STRING_MARSHALLER);

    private RemoteErrors() {
    }

    public static StatusRuntimeException toGrpc(Throwable t) {
        PolaroidException e = PolaroidException.wrap(t);
        Metadata trailers = new Metadata();
        trailers.put(CODE, e.code().name());
        return Status.fromCode(Status.Code.valueOf(e.code().grpcStatus())).withDescription(e.getMessage())
                .asRuntimeException(trailers);
    }

    public static FlightRuntimeException toFlight(Throwable t) {
        PolaroidException e = PolaroidException.wrap(t);
        ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        metadata.insert(CODE_KEY, e.code().name());
        FlightStatusCode code = switch (e.code().grpcStatus()) {
            case "PERMISSION_DENIED" -> FlightStatusCode.UNAUTHORIZED; // Flight's name for it
            default -> FlightStatusCode.valueOf(e.code().grpcStatus());
        };
        return new CallStatus(code, null, e.getMessage(), metadata).toRuntimeException();
    }

    /** The exception local mode would have thrown, from a failed gRPC call. */
    public static PolaroidException fromGrpc(StatusRuntimeException e) {
        Metadata trailers = e.getTrailers();
        String code = trailers == null ? null : trailers.get(CODE);
        String message = e.getStatus().getDescription() != null ? e.getStatus().getDescription() : e.getStatus().getCode().name();
        return new PolaroidException(code(code, e.getStatus().getCode().name()), message, e);
    }

    /** The exception local mode would have thrown, from a failed Flight call. */
    public static PolaroidException fromFlight(FlightRuntimeException e) {
        ErrorFlightMetadata metadata = e.status().metadata();
        byte[] code = metadata == null || !metadata.containsKey(CODE_KEY) ? null : metadata.getByte(CODE_KEY);
        String message = e.status().description() != null && !e.status().description().isEmpty()
                ? e.status().description() : e.status().code().name();
        return new PolaroidException(code(code == null ? null : new String(code, StandardCharsets.US_ASCII),
                e.status().code().name()), message, e);
    }

    private static ErrorCode code(String exact, String status) {
        if (exact != null) {
            try {
                return ErrorCode.valueOf(exact.trim());
            } catch (IllegalArgumentException ignored) {
                // a newer server's code: fall back to the status
            }
        }
        return switch (status) {
            case "INVALID_ARGUMENT" -> ErrorCode.INVALID_PLAN;
            case "NOT_FOUND" -> ErrorCode.FILE_NOT_FOUND;
            case "PERMISSION_DENIED", "UNAUTHORIZED" -> ErrorCode.PERMISSION_DENIED;
            case "UNIMPLEMENTED" -> ErrorCode.NOT_SUPPORTED;
            case "RESOURCE_EXHAUSTED" -> ErrorCode.RESOURCE_EXHAUSTED;
            case "CANCELLED", "DEADLINE_EXCEEDED", "TIMED_OUT" -> ErrorCode.CANCELLED;
            case "UNAVAILABLE" -> ErrorCode.IO_ERROR;
            default -> ErrorCode.INTERNAL;
        };
    }
}
