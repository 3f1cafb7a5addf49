package io.polaroid.server.common;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.remote.RemoteErrors;
import java.io.IOException;
import java.io.InputStream;

/**
 * gRPC services whose requests carry plans, parsed the way {@link PlanLimits} parses a Flight
 * command. The generated marshaller parses with protobuf's default recursion limit (100: a
 * program that adds 60 filters in a loop is refused) on a gRPC thread's small stack, and
 * whatever it throws, grpc-java reports as UNKNOWN "Application error processing RPC". This
 * marshaller reads the bytes, checks the limits and parses on a planning thread; it never throws:
 * a request that fails carries its error in an unknown field that no message declares, and the
 * call is closed with INVALID_ARGUMENT before the service sees it.
 */
public final class PlanRequestParsing {
    /** The largest field number protobuf allows; polaroid.v1 never declares it. */
    private static final int ERROR_FIELD = (1 << 29) - 1;

    private PlanRequestParsing() {
    }

    /** {@code service} with every request parsed under {@code limits}. */
    public static ServerServiceDefinition wrap(ServerServiceDefinition service, PlanLimits limits) {
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            b.addMethod(wrapMethod(method, limits));
        }
        return b.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <Q, R> ServerMethodDefinition<Q, R> wrapMethod(ServerMethodDefinition<Q, R> method, PlanLimits limits) {
        MethodDescriptor<Q, R> md = method.getMethodDescriptor();
        if (!(md.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<Q> proto)
                || !(proto.getMessagePrototype() instanceof Message prototype)) {
            return method;
        }
        MethodDescriptor.Marshaller<Q> marshaller = new Checked(prototype, limits, md.getRequestMarshaller());
        MethodDescriptor<Q, R> checked = md.toBuilder(marshaller, md.getResponseMarshaller()).build();
        return ServerMethodDefinition.create(checked, rejectingFailures(method.getServerCallHandler()));
    }

    /** Parses under the limits; a failure becomes a message that carries it. */
    private static final class Checked<Q extends Message> implements MethodDescriptor.PrototypeMarshaller<Q> {
        private final Q prototype;
        private final PlanLimits limits;
        private final MethodDescriptor.Marshaller<Q> original;

        Checked(Q prototype, PlanLimits limits, MethodDescriptor.Marshaller<Q> original) {
            this.prototype = prototype;
            this.limits = limits;
            this.original = original;
        }

        @Override
        public InputStream stream(Q value) {
            return original.stream(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Q parse(InputStream stream) {
            String error;
            try (stream) {
                return limits.parse(stream.readAllBytes(), prototype);
            } catch (PolaroidException e) {
                error = e.getMessage();
            } catch (IOException | RuntimeException e) {
                error = "the request cannot be read: " + e;
            } catch (StackOverflowError | OutOfMemoryError e) {
                error = "the request is too large to parse: " + e;
            }
            return (Q) prototype.newBuilderForType().setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(ERROR_FIELD, UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFromUtf8(error)).build()).build()).build();
        }

        @Override
        public Q getMessagePrototype() {
            return prototype;
        }

        @Override
        public Class<Q> getMessageClass() {
            @SuppressWarnings("unchecked")
            Class<Q> c = (Class<Q>) prototype.getClass();
            return c;
        }
    }

    /** The error a request's parse left in it, or null. */
    static String parseError(Object request) {
        if (request instanceof Message m && m.getUnknownFields().hasField(ERROR_FIELD)) {
            var values = m.getUnknownFields().getField(ERROR_FIELD).getLengthDelimitedList();
            return values.isEmpty() ? "the request does not parse" : values.get(0).toStringUtf8();
        }
        return null;
    }

    private static <Q, R> ServerCallHandler<Q, R> rejectingFailures(ServerCallHandler<Q, R> handler) {
        return (call, headers) -> new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                handler.startCall(call, headers)) {
            private boolean rejected;

            @Override
            public void onMessage(Q message) {
                String error = parseError(message);
                if (error == null) {
                    super.onMessage(message);
                    return;
                }
                rejected = true;
                StatusRuntimeException status = RemoteErrors.toGrpc(PolaroidException.invalidPlan(error));
                call.close(status.getStatus(), status.getTrailers());
            }

            @Override
            public void onHalfClose() {
                if (!rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
