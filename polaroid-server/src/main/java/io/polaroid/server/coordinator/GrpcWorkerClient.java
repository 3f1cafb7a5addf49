package io.polaroid.server.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.QueryRef;
import io.polaroid.proto.v1.ReleaseRequest;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.coordinator.scheduler.AttemptOutcome;
import io.polaroid.server.coordinator.scheduler.Worker;
import io.polaroid.server.coordinator.scheduler.WorkerClient;
import io.polaroid.server.worker.WorkerTasksService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Talks to the workers of a {@link WorkerRegistry} over gRPC, and turns what a call ends with into
 * the scheduler's outcomes: a worker that names an input worker it could not read from
 * ({@link WorkerTasksService#LOST_WORKER}), one that names a partition it could not read whole
 * ({@link WorkerTasksService#LOST_PARTITION}), an unreachable worker (UNAVAILABLE with no Polaroid
 * error code: the transport failed, not the query), or the query's own error.
 */
final class GrpcWorkerClient implements WorkerClient {
    @Override
    public Runnable runTask(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone) {
        ListenableFuture<RunTaskResponse> future = handle(worker).tasks().runTask(request);
        future.addListener(() -> {
            AttemptOutcome outcome = outcome(future);
            if (outcome != null) {
                whenDone.accept(outcome);
            }
        }, Runnable::run);
        return () -> future.cancel(true);
    }

    @Override
    public void cancelQuery(Worker worker, String queryId) {
        handle(worker).control().cancelQuery(QueryRef.newBuilder().setQueryId(queryId).build());
    }

    @Override
    public void releaseQuery(Worker worker, String queryId) {
        handle(worker).control().releaseQuery(ReleaseRequest.newBuilder().setQueryId(queryId).setKeepResults(true).build());
    }

    private static WorkerHandle handle(Worker worker) {
        return (WorkerHandle) worker;
    }

    /** The outcome of a finished call; null when it was cancelled (the scheduler abandoned it). */
    private static AttemptOutcome outcome(ListenableFuture<RunTaskResponse> future) {
        try {
            return new AttemptOutcome.Done(future.get());
        } catch (CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptOutcome.Failed(PolaroidException.wrap(e));
        }
    }

    static AttemptOutcome failure(Throwable cause) {
        if (!(cause instanceof StatusRuntimeException s)) {
            return new AttemptOutcome.Failed(PolaroidException.wrap(cause));
        }
        Metadata trailers = s.getTrailers();
        String lostWorker = trailers == null ? null : trailers.get(WorkerTasksService.LOST_WORKER);
        String lostPartition = trailers == null ? null : trailers.get(WorkerTasksService.LOST_PARTITION);
        if (lostWorker != null) {
            return new AttemptOutcome.LostInputWorker(lostWorker);
        }
        if (lostPartition != null) {
            return new AttemptOutcome.LostPartition(lostPartition);
        }
        if (s.getStatus().getCode() == Status.Code.UNAVAILABLE && (trailers == null || trailers.get(RemoteErrors.CODE) == null)) {
            return new AttemptOutcome.WorkerUnreachable(s.getStatus().toString());
        }
        return new AttemptOutcome.Failed(RemoteErrors.fromGrpc(s));
    }
}
