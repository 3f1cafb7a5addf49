package io.polaroid.engine.io.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemsGuardTest {
    @TempDir
    Path dir;

    @Test
    void theGuardSeesTheFoldersAGlobWalksAndEveryFileBeforeTheyAreRead() throws Exception {
        Files.createDirectories(dir.resolve("ok/deep"));
        Files.createDirectories(dir.resolve("no"));
        Files.writeString(dir.resolve("ok/deep/x.csv"), "a\n1\n");
        Files.writeString(dir.resolve("no/y.csv"), "a\n2\n");
        List<String> asked = new ArrayList<>();
        PathGuard noFolderNo = (asWritten, path) -> {
            asked.add(path.toUri().getPath());
            if (path.toUri().getPath().contains("/no")) {
                throw new PolaroidException(ErrorCode.PERMISSION_DENIED, "not " + asWritten);
            }
        };
        FileSystems files = new FileSystems(Map.of(), noFolderNo);

        assertThat(files.expand(dir + "/ok")).hasSize(1);
        assertThat(asked).contains(dir + "/ok", dir + "/ok/deep", dir + "/ok/deep/x.csv");
        assertThatThrownBy(() -> files.expand(dir + "/*/y.csv")).hasMessage("not " + dir + "/*/y.csv");
        assertThatThrownBy(() -> files.expand(dir + "/{ok,no}")).hasMessage("not " + dir + "/{ok,no}");
        assertThatThrownBy(() -> files.expand(dir + "/ok/{deep,../../no}/*.csv")).hasMessage("not " + dir + "/ok/{deep,../../no}/*.csv");
    }

    @Test
    void oddPathsAreInvalidPlansNamingThePathEvenWithoutAGuard() {
        FileSystems files = new FileSystems(Map.of());
        for (String odd : List.of("file://localhost/x.csv", "file:relative.csv", "//host/x.csv", "a:b", "")) {
            assertThatThrownBy(() -> files.expand(odd)).as(odd).isInstanceOfSatisfying(PolaroidException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLAN);
                assertThat(e.getMessage()).contains("path " + (odd.isEmpty() ? "''" : odd)).doesNotContain("Exception");
            });
        }
        assertThatThrownBy(() -> files.expand(dir + "/x\0.csv")).isInstanceOfSatisfying(PolaroidException.class, e ->
                assertThat(e.getMessage()).contains(dir + "/x\\u0000.csv", "control character U+0000"));
    }
}
