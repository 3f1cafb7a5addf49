package io.polaroid;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * polaroid-client alone is the API and the remote backend: its runtime classpath (as Maven resolves
 * it for users, written by the build to {@code target/runtime-classpath.txt}) holds no engine,
 * Parquet, Hadoop or AWS SDK jar and weighs 20 MB at most; local mode says which artifact it needs.
 */
class RemoteOnlyClientTest {
    static final long MAX_BYTES = 20L * 1024 * 1024;

    static List<Path> runtimeJars() throws IOException {
        String cp = Files.readString(Path.of("target", "runtime-classpath.txt"), StandardCharsets.UTF_8).trim();
        List<Path> jars = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    @Test
    void theRuntimeClasspathHasNoEngineParquetHadoopOrAwsJar() throws IOException {
        List<Path> jars = runtimeJars();
        assertThat(jars).isNotEmpty();
        // a module of this build may be its target/classes folder: name it by its module
        List<String> names = jars.stream().map(p -> (p.endsWith(Path.of("target", "classes")) ? p.getParent().getParent() : p)
                .getFileName().toString().toLowerCase(Locale.ROOT)).toList();
        assertThat(names).filteredOn(n -> n.startsWith("hadoop-") || n.startsWith("parquet-") || n.startsWith("polaroid-engine")
                || n.startsWith("calcite-")).isEmpty();
        // AWS SDK jars have plain names (s3, sts, sdk-core): look at where they come from.
        assertThat(jars).filteredOn(p -> p.toString().replace('\\', '/').contains("/software/amazon/")).isEmpty();
    }

    @Test
    void theRuntimeClasspathWeighsTwentyMegabytesAtMost() throws IOException {
        // A module of this build may be its classes folder (a reactor build), measured as the jar it
        // becomes; so are this module's own classes.
        long bytes = size(Path.of("target", "classes"));
        for (Path entry : runtimeJars()) {
            bytes += size(entry);
        }
        System.out.printf("runtime classpath of polaroid-client: %d entries and its own jar, %.2f MB%n", runtimeJars().size(),
                bytes / 1048576.0);
        assertThat(bytes).as("runtime jars of polaroid-client: %.1f MB", bytes / 1048576.0).isLessThanOrEqualTo(MAX_BYTES);
    }

    /** A jar's size; a classes folder's as the jar it becomes (its files zipped). */
    private static long size(Path jarOrFolder) throws IOException {
        if (!Files.isDirectory(jarOrFolder)) {
            return Files.size(jarOrFolder);
        }
        long[] count = {0};
        java.io.OutputStream counter = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (var zip = new java.util.zip.ZipOutputStream(counter); var files = Files.walk(jarOrFolder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new java.util.zip.ZipEntry(jarOrFolder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return count[0];
    }

    @Test
    void noEngineClassIsReachable() {
        for (String name : Arrays.asList("io.polaroid.engine.session.QueryEngine", "org.apache.hadoop.conf.Configuration",
                "org.apache.parquet.hadoop.ParquetWriter", "software.amazon.awssdk.services.s3.S3Client")) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    /** The trimmed classpath (no OpenSSL natives, no Google common protos) still runs a call and maps its failure. */
    @Test
    void aClusterThatCannotBeReachedIsAPolaroidError() {
        try (Polaroid pl = Polaroid.connect("grpc://127.0.0.1:1", (String) null)) {
            assertThatThrownBy(() -> pl.sql("SELECT 1 AS a").collect()).isInstanceOf(PolaroidException.class);
            assertThatThrownBy(() -> pl.sql("SELECT 1 AS a").schema()).isInstanceOf(PolaroidException.class);
        }
    }

    @Test
    void localModeNamesTheArtifactItNeeds() {
        assertThatThrownBy(Polaroid::local).isInstanceOfSatisfying(PolaroidException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("Polaroid.local()").contains("io.polaroid:polaroid-local");
        });
        assertThatThrownBy(() -> Polaroid.fromEnv(java.util.Map.of())).isInstanceOfSatisfying(PolaroidException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("POLAROID_MODE unset").contains("POLAROID_MODE=distributed")
                    .contains("io.polaroid:polaroid-local");
        });
    }

    @Test
    void plansBuildParseAndTravelWithoutTheEngine() {
        try (Polaroid pl = Polaroid.connect("grpc://127.0.0.1:1", (String) null)) {
            LazyFrame q = pl.scanParquet("s3a://bucket/t.parquet").filter("upper(name) = 'A' and x > 1")
                    .select(col("x").add(1).alias("y"));
            String json = q.toJson();
            assertThat(pl.fromPlanJson(json).plan()).isEqualTo(q.plan());
            assertThat(json).contains("str.to_uppercase");
            assertThat(pl.sql("CREATE VIEW v AS SELECT 1 AS a").toJson()).contains("CREATE VIEW");
            assertThat(pl.tables()).containsExactly("v");
        }
    }

    @Test
    void anIpcFileIsWrittenWithoutTheEngineButNotParquet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("a.arrow");
        try (var allocator = new org.apache.arrow.memory.RootAllocator();
             var x = new org.apache.arrow.vector.BigIntVector("x", allocator)) {
            x.allocateNew(3);
            x.set(0, 1);
            x.set(1, 2);
            x.setNull(2);
            x.setValueCount(3);
            var schema = io.polaroid.engine.types.Schema.of(io.polaroid.engine.types.Field.of("x", io.polaroid.engine.types.DataType.INT64));
            try (var batch = new io.polaroid.engine.vector.Batch(schema, List.of(io.polaroid.engine.vector.Vectors.share(x)), 3, 0)) {
                LocalIpcFile.write(schema, List.of(batch), file.toString());
            }
            try (var in = Files.newByteChannel(file);
                 var reader = new org.apache.arrow.vector.ipc.ArrowFileReader(in, allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
                var root = reader.getVectorSchemaRoot();
                assertThat(root.getRowCount()).isEqualTo(3);
                assertThat(root.getVector("x").getObject(1)).isEqualTo(2L);
                assertThat(root.getVector("x").isNull(2)).isTrue();
            }
        }
        assertThat(LocalIpcFile.isLocal(dir.resolve("a.arrow").toString())).isTrue();
        assertThat(LocalIpcFile.isLocal("file:/tmp/a.arrow")).isTrue();
        assertThat(LocalIpcFile.isLocal("C:\\data\\a.arrow")).isTrue();
        assertThat(LocalIpcFile.isLocal("s3a://bucket/a.arrow")).isFalse();
        assertThatThrownBy(() -> LocalModes.require("DataFrame.writeParquet")).isInstanceOf(PolaroidException.class)
                .hasMessageContaining("io.polaroid:polaroid-local");
    }
}
