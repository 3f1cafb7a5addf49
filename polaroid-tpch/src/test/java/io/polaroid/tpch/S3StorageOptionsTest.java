package io.polaroid.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.serde.PlanCodec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans with their own storage options (Polars' key names) against two S3-compatible servers on
 * loopback with different keys, from an engine that has no S3 settings of its own: each scan reads
 * with its own keys and endpoint, also both in one query; a wrong secret fails naming the path;
 * secrets appear in no message and no plan text; unknown keys are refused naming the known ones.
 */
class S3StorageOptionsTest {
    static S3TestServer first;
    static S3TestServer second;
    static String firstBucket;
    static String secondBucket;
    static Polaroid pl;
    static long nations;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = TpchData.testData();
        first = new S3TestServer("first-key", "first-secret-value");
        second = new S3TestServer("second-key", "second-secret-value");
        firstBucket = first.createBucket("first");
        secondBucket = second.createBucket("second");
        first.upload(data, firstBucket, "tpch");
        second.upload(data, secondBucket, "tpch");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2));
        try (DataFrame local = pl.scanParquet(data.resolve("nation.parquet").toString()).collect()) {
            nations = local.height();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        pl.close();
        first.close();
        second.close();
    }

    private static Map<String, String> options(S3TestServer server, String key, String secret) {
        return Map.of("aws_access_key_id", key, "aws_secret_access_key", secret, "aws_endpoint_url", server.endpoint(),
                "aws_region", "us-east-1");
    }

    private static LazyFrame nations(String scheme, String bucket, Map<String, String> options) {
        return pl.scanParquet(List.of(scheme + "://" + bucket + "/tpch/nation.parquet"), options);
    }

    @Test
    void eachScanReadsWithItsOwnKeysAndEndpointAlsoInOneQuery() {
        LazyFrame a = nations("s3", firstBucket, options(first, "first-key", "first-secret-value"));
        LazyFrame b = nations("s3a", secondBucket, options(second, "second-key", "second-secret-value"));
        try (DataFrame fromFirst = a.collect(); DataFrame fromSecond = b.collect();
             DataFrame joined = a.join(b, "n_nationkey", "inner").collect()) {
            assertThat(fromFirst.height()).isEqualTo(nations);
            assertThat(fromSecond.rows()).isEqualTo(fromFirst.rows());
            assertThat(joined.height()).isEqualTo(nations);
        }
    }

    @Test
    void aWrongSecretFailsNamingThePathAndNotTheSecret() {
        String wrong = "not-the-first-secret";
        assertThatThrownBy(() -> nations("s3", firstBucket, options(first, "first-key", wrong)).collect())
                .isInstanceOf(PolaroidException.class)
                .hasMessageContaining(firstBucket + "/tpch/nation.parquet")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(wrong));
        // the right keys of another server do not open this one either
        assertThatThrownBy(() -> nations("s3", firstBucket, options(first, "second-key", "second-secret-value")).collect())
                .isInstanceOf(PolaroidException.class)
                .satisfies(e -> assertThat(fullText(e)).doesNotContain("second-secret-value"));
    }

    @Test
    void aScansOwnEndpointNeverGetsTheEnginesCredentials() throws Exception {
        // the engine holds the first server's keys; a scan naming that endpoint without keys is unsigned
        try (Polaroid withKeys = Polaroid.local(EngineConfig.defaults().withThreads(2).withHadoop(first.hadoopSettings()))) {
            String path = "s3a://" + firstBucket + "/tpch/nation.parquet";
            try (DataFrame engines = withKeys.scanParquet(path).collect()) {
                assertThat(engines.height()).isEqualTo(nations);
            }
            assertThatThrownBy(() -> withKeys.scanParquet(List.of(path), Map.of("aws_endpoint_url", first.endpoint())).collect())
                    .isInstanceOf(PolaroidException.class).hasMessageContaining(path);
        }
    }

    private static String fullText(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }

    @Test
    void secretsAppearInNoPlanText() {
        LazyFrame scan = nations("s3", firstBucket, options(first, "first-key", "first-secret-value"));
        assertThat(scan.explain()).contains("nation.parquet").doesNotContain("first-secret-value");
        assertThat(scan.plan().toString()).contains("aws_secret_access_key=***", "aws_access_key_id=***")
                .doesNotContain("first-secret-value").doesNotContain("first-key");
    }

    @Test
    void unknownKeysAreRefusedNamingTheKnownOnes() {
        Map<String, String> options = new HashMap<>(options(first, "first-key", "first-secret-value"));
        options.put("aws_teleport", "yes");
        assertThatThrownBy(() -> nations("s3", firstBucket, options).collect())
                .isInstanceOf(PolaroidException.class)
                .satisfies(e -> assertThat(((PolaroidException) e).code()).isEqualTo(ErrorCode.INVALID_PLAN))
                .hasMessageContaining("aws_teleport").hasMessageContaining("aws_secret_access_key")
                .hasMessageNotContaining("first-secret-value");
    }

    @Test
    void theOptionsTravelWithThePlan() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of("s3://b/x.parquet"), null,
                new StorageOptions(options(first, "first-key", "first-secret-value")));
        assertThat(PlanCodec.decode(PlanCodec.encode(scan), io.polaroid.engine.serde.PlanPath.of("root"))).isEqualTo(scan);
    }
}
