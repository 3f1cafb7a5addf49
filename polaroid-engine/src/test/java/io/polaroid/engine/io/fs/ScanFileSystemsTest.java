package io.polaroid.engine.io.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.StorageOptions;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

/**
 * Scans with storage options get file system instances of their own, one set per distinct option
 * set, shared by later scans with the same options and closed when the engine closes; an option set
 * pushed out of the cache is not closed while it may still be in use.
 */
class ScanFileSystemsTest {
    /** A file system under the scheme {@code counted:} that records its instances' closing. */
    public static final class Counted extends RawLocalFileSystem {
        volatile boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    private static StorageOptions region(int i) {
        return new StorageOptions(Map.of("aws_region", "region-" + i));
    }

    @Test
    void eachOptionSetHasItsOwnInstancesClosedWithTheEngine() {
        FileSystems engine = new FileSystems(Map.of("fs.counted.impl", Counted.class.getName()));
        Path path = new Path("counted://bucket/x");
        FileSystem first = engine.forScan(region(1)).fileSystem(path);
        FileSystem again = engine.forScan(region(1)).fileSystem(path);
        FileSystem other = engine.forScan(region(2)).fileSystem(path);
        assertThat(again).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(engine.forScan(StorageOptions.NONE)).isSameAs(engine);
        assertThat(((Counted) first).closed).isFalse();
        engine.close();
        assertThat(((Counted) first).closed).isTrue();
        assertThat(((Counted) other).closed).isTrue();
    }

    @Test
    void anOptionSetPushedOutIsNotClosedAtOnceButWithTheEngine() {
        FileSystems engine = new FileSystems(Map.of("fs.counted.impl", Counted.class.getName()));
        Path path = new Path("counted://bucket/x");
        FileSystems oldest = engine.forScan(region(0));
        Counted inUse = (Counted) oldest.fileSystem(path);
        for (int i = 1; i <= ScanFileSystemsCache.MAX_KEPT; i++) {
            engine.forScan(region(i)).fileSystem(path);
        }
        assertThat(engine.forScan(region(0))).as("retired, so a new one").isNotSameAs(oldest);
        assertThat(inUse.closed).as("a query may still read through it").isFalse();
        assertThat(oldest.fileSystem(path)).isSameAs(inUse);
        engine.close();
        assertThat(inUse.closed).isTrue();
    }
}
