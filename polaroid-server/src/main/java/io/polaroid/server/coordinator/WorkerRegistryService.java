package io.polaroid.server.coordinator;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.polaroid.proto.v1.HeartbeatRequest;
import io.polaroid.proto.v1.HeartbeatResponse;
import io.polaroid.proto.v1.RegisterRequest;
import io.polaroid.proto.v1.RegisterResponse;
import io.polaroid.proto.v1.WorkerRegistryGrpc;

/** Workers register and send heartbeats here. */
public final class WorkerRegistryService extends WorkerRegistryGrpc.WorkerRegistryImplBase {
    private final WorkerRegistry registry;
    private final long heartbeatMillis;

    public WorkerRegistryService(WorkerRegistry registry, long heartbeatMillis) {
        this.registry = registry;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
        if (request.getId().isBlank() || !request.getAddress().contains(":")) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("a worker registers with an id and a host:port address")
                    .asRuntimeException());
            return;
        }
        long epoch = registry.register(request.getId(), request.getAddress(), request.getSlots());
        response.onNext(RegisterResponse.newBuilder().setHeartbeatIntervalMs(heartbeatMillis).setEpoch(epoch)
                .setCoordinatorId(registry.coordinatorId()).build());
        response.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        if (!registry.heartbeat(request.getId(), request.getEpoch(), request.getRunningTasks(), request.getMemoryBytes(),
                request.getMemoryLimitBytes())) {
            response.onError(Status.NOT_FOUND.withDescription("unknown worker " + request.getId() + " at epoch "
                    + request.getEpoch() + ": drop its work and register again").asRuntimeException());
            return;
        }
        response.onNext(HeartbeatResponse.newBuilder().setCoordinatorId(registry.coordinatorId()).build());
        response.onCompleted();
    }
}
