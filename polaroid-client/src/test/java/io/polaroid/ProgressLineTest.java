package io.polaroid;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.proto.v1.QueryStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private String drawn() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortQueryDrawsNothing() {
        try (ProgressLine line = ProgressLine.start(() -> running(1, 3), err, timer, 5_000, 50)) {
            assertThat(line).isNotNull();
        }
        assertThat(drawn()).isEmpty();
    }

    @Test
    void aLongQueryRedrawsOneLineInPlaceAndWipesItAtTheEnd() throws InterruptedException {
        AtomicReference<QueryStatus> status = new AtomicReference<>();
        try (ProgressLine line = ProgressLine.start(status::get, err, timer, 0, 20)) {
            waitFor("planning");
            status.set(running(1, 3));
            waitFor("stages 1/3");
            status.set(running(2, 3));
            waitFor("stages 2/3");
        }
        String out = drawn();
        assertThat(out).doesNotContain("\n").startsWith("\rpolaroid: planning ...");
        assertThat(out).contains("tasks 8/12", "rows 1,234,567", "1.5 MB");
        // the last thing written blanks the line and returns to its start
        assertThat(out).endsWith("\r").matches("(?s).*\r +\r");
    }

    @Test
    void retriedTasksAreShown() {
        QueryStatus s = running(1, 2).toBuilder().setTasksRetried(3).build();
        assertThat(ProgressLine.format(s, 2500)).isEqualTo("polaroid: stages 1/2  tasks 4/8 (3 retried)  rows 1,234,567  1.5 MB  2.5 s");
    }

    @Test
    void spilledBytesAreShownOnceThereAreAny() {
        QueryStatus s = running(1, 2).toBuilder().setSpilledBytes(3L << 30).build();
        assertThat(ProgressLine.format(s, 2500)).isEqualTo("polaroid: stages 1/2  tasks 4/8  rows 1,234,567  1.5 MB  spilled 3.00 GB  2.5 s");
    }

    private static QueryStatus running(int stagesDone, int stages) {
        return QueryStatus.newBuilder().setState(QueryStatus.State.RUNNING).setStagesDone(stagesDone).setStagesTotal(stages)
                .setTasksDone(4 * stagesDone).setTasksTotal(4 * stages).setRows(1_234_567).setBytes(1_572_864).build();
    }

    private void waitFor(String text) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!drawn().contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' in %s", text, drawn()).isLessThan(until);
            Thread.sleep(10);
        }
    }
}
