package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A client that reads a large result from real worker processes slowly: one batch, then a pause
 * longer than every timeout in the system (the workers' result TTL is 2 s here, the heartbeat
 * timeout 2 s, and the producer used to give up on a reader after 30 s), then the rest. Every row
 * arrives, checked against the count the cluster reported; before the fix the stream ended early
 * and looked complete. The result streams while the workers make it, from buffers of 2 MB here:
 * during the pause the workers hold a fraction of it, not all of it.
 */
class ClusterSlowReaderTest {
    private static final long PAUSE_MILLIS = Long.getLong("polaroid.test.slow-reader-pause-ms", 35_000);

    @Test
    void aClientThatPausesLongerThanEveryTimeoutGetsEveryRow() throws Exception {
        Path data = TpchData.splitTestData();
        String lineitem = data.resolve("lineitem.parquet").toString();
        try (LocalCluster cluster = new LocalCluster("slow-reader", 2, List.of(data.toString()), Map.of(),
                Map.of("POLAROID_WORKER_RESULTTTL", "2s", "POLAROID_WORKER_STREAMBUFFER", "2MB"));
             Polaroid remote = Polaroid.connect(cluster.url())) {
            long expected;
            long resultBytes;
            try (DataFrame all = remote.scanParquet(lineitem).collect()) {
                expected = all.height();
                resultBytes = all.batches().stream().mapToLong(io.polaroid.engine.vector.Batch::bytes).sum();
            }
            long heldDuringPause = 0;
            long rows = 0;
            int batches = 0;
            try (Stream<DataFrame> stream = remote.scanParquet(lineitem).collectStream()) {
                for (Iterator<DataFrame> it = stream.iterator(); it.hasNext(); ) {
                    try (DataFrame df = it.next()) {
                        rows += df.height();
                    }
                    if (++batches == 1) {
                        Thread.sleep(Math.min(PAUSE_MILLIS, 3_000)); // the workers fill their buffers and wait
                        heldDuringPause = cluster.workerStatus(0).getMemoryBytes() + cluster.workerStatus(1).getMemoryBytes();
                        Thread.sleep(Math.max(0, PAUSE_MILLIS - 3_000));
                    }
                }
            }
            System.out.printf("slow reader: %d of %d rows in %d batches after a %d ms pause; the workers held %d of the"
                    + " result's %d bytes during the pause%n", rows, expected, batches, PAUSE_MILLIS, heldDuringPause, resultBytes);
            assertThat(heldDuringPause).as("a streamed result waits in bounded buffers").isLessThan(resultBytes / 2);
            assertThat(batches).isGreaterThan(2);
            assertThat(rows).isEqualTo(expected);
        }
    }
}
