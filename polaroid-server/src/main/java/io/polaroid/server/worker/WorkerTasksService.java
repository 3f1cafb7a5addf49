package io.polaroid.server.worker;

import io.grpc.stub.StreamObserver;
import io.polaroid.engine.session.RunControl;
import io.polaroid.proto.v1.QueryRef;
import io.polaroid.proto.v1.ReleaseRequest;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.StatusRequest;
import io.polaroid.proto.v1.WorkerAck;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import io.polaroid.remote.RemoteErrors;

/**
 * The worker's gRPC face: converts, delegates to {@link TaskService}, maps errors. A task that
 * lost an input's worker carries that worker's address in the trailer {@value #LOST_WORKER_KEY};
 * one that lost a single partition (its worker still answers) carries the partition's ticket in
 * {@value #LOST_PARTITION_KEY}. A task whose call the coordinator cancels stops.
 */
public final class WorkerTasksService extends WorkerTasksGrpc.WorkerTasksImplBase {
    public static final String LOST_WORKER_KEY = "polaroid-lost-worker";
    public static final io.grpc.Metadata.Key<String> LOST_WORKER =
            io.grpc.Metadata.Key.of(LOST_WORKER_KEY, io.grpc.Metadata.ASCII_STRING_MARSHALLER);
    public static final String LOST_PARTITION_KEY = "polaroid-lost-partition";
    public static final io.grpc.Metadata.Key<String> LOST_PARTITION =
            io.grpc.Metadata.Key.of(LOST_PARTITION_KEY, io.grpc.Metadata.ASCII_STRING_MARSHALLER);

    private final TaskService tasks;

    public WorkerTasksService(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void runTask(RunTaskRequest request, StreamObserver<RunTaskResponse> response) {
        RunTaskResponse result;
        RunControl control = new RunControl();
        io.grpc.Context.current().addListener(c -> control.cancel("the coordinator cancelled the task"), Runnable::run);
        try {
            result = tasks.run(request, control);
        } catch (Throwable t) {
            io.grpc.StatusRuntimeException status = RemoteErrors.toGrpc(t);
            FlightExchangeInputs.InputLostException lost = lostInput(t);
            if (lost != null && lost.workerDown) {
                status.getTrailers().put(LOST_WORKER, lost.address);
            } else if (lost != null) {
                status.getTrailers().put(LOST_PARTITION, lost.ticket);
            }
            response.onError(status);
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static FlightExchangeInputs.InputLostException lostInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FlightExchangeInputs.InputLostException lost) {
                return lost;
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof FlightExchangeInputs.InputLostException lost) {
                    return lost;
                }
            }
        }
        return null;
    }

    @Override
    public void cancelQuery(QueryRef request, StreamObserver<WorkerAck> response) {
        tasks.cancel(request.getQueryId());
        response.onNext(WorkerAck.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void releaseQuery(ReleaseRequest request, StreamObserver<WorkerAck> response) {
        tasks.release(request.getQueryId(), request.getKeepResults());
        response.onNext(WorkerAck.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void status(StatusRequest request, StreamObserver<WorkerStatus> response) {
        response.onNext(tasks.status());
        response.onCompleted();
    }
}
