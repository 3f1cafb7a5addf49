package io.polaroid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With polaroid-local on the classpath, polaroid-client finds the engine: Polaroid.local() and the writers work. */
class LocalModeTest {
    @Test
    void theClientFindsTheEngine() {
        assertThat(LocalModes.find()).isInstanceOf(EngineLocalMode.class);
    }

    @Test
    void localModeRunsAndWritesEveryFormat(@TempDir Path dir) {
        try (Polaroid pl = Polaroid.local(); DataFrame df = pl.sql("SELECT 1 AS a, 'x' AS b").collect()) {
            df.writeParquet(dir.resolve("t.parquet").toString());
            df.writeCsv(dir.resolve("t.csv").toString());
            df.writeIpc(dir.resolve("t.arrow").toString());
            try (DataFrame p = pl.readParquet(dir.resolve("t.parquet").toString());
                 DataFrame c = pl.readCsv(dir.resolve("t.csv").toString());
                 DataFrame i = pl.readIpc(dir.resolve("t.arrow").toString())) {
                assertThat(p.height()).isEqualTo(1);
                assertThat(c.height()).isEqualTo(1);
                assertThat(i.height()).isEqualTo(1);
            }
        }
    }
}
