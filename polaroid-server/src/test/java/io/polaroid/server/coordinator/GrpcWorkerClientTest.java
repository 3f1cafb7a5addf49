package io.polaroid.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.coordinator.scheduler.AttemptOutcome;
import io.polaroid.server.worker.WorkerTasksService;
import org.junit.jupiter.api.Test;

/** The gRPC statuses and trailers a task call ends with, as the scheduler's outcomes. */
class GrpcWorkerClientTest {

    private static Metadata trailer(Metadata.Key<String> key, String value) {
        Metadata m = new Metadata();
        m.put(key, value);
        return m;
    }

    @Test
    void lostWorkerAndLostPartitionTrailersNameWhatWasLost() {
        assertThat(GrpcWorkerClient.failure(Status.UNAVAILABLE.asRuntimeException(
                trailer(WorkerTasksService.LOST_WORKER, "10.0.0.2:50053"))))
                .isEqualTo(new AttemptOutcome.LostInputWorker("10.0.0.2:50053"));
        assertThat(GrpcWorkerClient.failure(Status.DATA_LOSS.asRuntimeException(
                trailer(WorkerTasksService.LOST_PARTITION, "q/0/1/1/0"))))
                .isEqualTo(new AttemptOutcome.LostPartition("q/0/1/1/0"));
    }

    @Test
    void unavailableWithoutAnErrorCodeIsAnUnreachableWorker() {
        AttemptOutcome o = GrpcWorkerClient.failure(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        assertThat(o).isInstanceOf(AttemptOutcome.WorkerUnreachable.class);
        assertThat(((AttemptOutcome.WorkerUnreachable) o).why()).contains("UNAVAILABLE").contains("io exception");
    }

    @Test
    void aPolaroidErrorIsTheQuerysOwnFailure() {
        AttemptOutcome o = GrpcWorkerClient.failure(Status.UNAVAILABLE.withDescription("disk full")
                .asRuntimeException(trailer(RemoteErrors.CODE, ErrorCode.IO_ERROR.name())));
        assertThat(o).isInstanceOf(AttemptOutcome.Failed.class);
        assertThat(((AttemptOutcome.Failed) o).error()).isInstanceOf(PolaroidException.class);
        assertThat(((PolaroidException) ((AttemptOutcome.Failed) o).error()).code()).isEqualTo(ErrorCode.IO_ERROR);

        AttemptOutcome plain = GrpcWorkerClient.failure(new IllegalStateException("boom"));
        assertThat(((AttemptOutcome.Failed) plain).error()).hasMessageContaining("boom");
    }
}
