package io.polaroid.engine.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EngineWarmUpTest {
    @Test
    void runsItsQueriesAndLeavesNoMemoryOrFileBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long foldersBefore = warmUpFolders(tmp);
        try (QueryEngine engine = new QueryEngine(EngineConfig.defaults().withThreads(2))) {
            long millis = EngineWarmUp.run(engine);
            assertThat(millis).isPositive();
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
        assertThat(warmUpFolders(tmp)).isEqualTo(foldersBefore);
    }

    private static long warmUpFolders(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("polaroid-warm-up")).count();
        }
    }
}
