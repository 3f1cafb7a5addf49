package io.polaroid.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.coordinator.scheduler.ScriptedWorkerClient;
import io.polaroid.server.coordinator.scheduler.SimulatedWorker;
import io.polaroid.server.security.TicketSigner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker that registers is sent one small leaf task of its own query, which is freed once it answers. */
class WorkerWarmUpTest {

    @Test
    void eachRegisteredWorkerRunsOneLeafTaskWhoseQueryIsThenFreed() throws Exception {
        ScriptedWorkerClient client = new ScriptedWorkerClient();
        try (QueryEngine engine = new QueryEngine(EngineConfig.defaults());
             WorkerWarmUp warmUp = new WorkerWarmUp(engine, new TicketSigner(null), client)) {
            SimulatedWorker a = new SimulatedWorker("a:1", 3, 2);
            SimulatedWorker b = new SimulatedWorker("b:1", 4, 2);
            warmUp.warm(a);
            warmUp.warm(b);
            List<ScriptedWorkerClient.Sent> sent = client.await(2, s -> true);
            for (ScriptedWorkerClient.Sent s : sent) {
                assertThat(s.request.getQueryId()).startsWith("warm-up-");
                assertThat(s.request.getInputsCount()).as("a leaf stage: it reads no other worker").isZero();
                assertThat(s.request.getEpoch()).isEqualTo(s.worker == a ? 3 : 4);
                assertThat(s.request.getWorkerAddress()).isEqualTo(s.worker.address());
            }
            assertThat(sent.get(0).request.getQueryId()).isNotEqualTo(sent.get(1).request.getQueryId());
            assertThat(client.cancels()).isEmpty();
            sent.forEach(s -> s.succeed(s.request.getOutputPartitions()));
            assertThat(client.cancels()).as("each warm-up query is freed on its worker")
                    .containsExactlyInAnyOrder("a:1 " + sent.get(sent.get(0).worker == a ? 0 : 1).request.getQueryId(),
                            "b:1 " + sent.get(sent.get(0).worker == b ? 0 : 1).request.getQueryId());
        }
    }
}
