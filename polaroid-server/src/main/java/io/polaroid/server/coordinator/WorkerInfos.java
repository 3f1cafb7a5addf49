package io.polaroid.server.coordinator;

import io.polaroid.proto.v1.ListWorkersResponse;
import io.polaroid.proto.v1.WorkerInfo;

/** The live workers as clients see them, for the gRPC and HTTP APIs alike. */
public final class WorkerInfos {
    private WorkerInfos() {
    }

    public static ListWorkersResponse of(WorkerRegistry registry) {
        ListWorkersResponse.Builder b = ListWorkersResponse.newBuilder();
        for (WorkerHandle w : registry.live()) {
            b.addWorkers(WorkerInfo.newBuilder().setId(w.id()).setAddress(w.address()).setSlots(w.slots())
                    .setRunningTasks(w.runningTasks()).setMillisSinceHeartbeat(w.millisSinceHeartbeat()).setEpoch(w.epoch())
                    .setMemoryBytes(w.memoryBytes()).setMemoryLimitBytes(w.memoryLimitBytes()));
        }
        return b.build();
    }
}
