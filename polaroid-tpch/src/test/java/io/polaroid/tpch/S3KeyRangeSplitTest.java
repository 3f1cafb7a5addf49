package io.polaroid.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.InProcessStages;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import io.polaroid.proto.v1.ScanPart;
import io.polaroid.proto.v1.ScanParts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scans split by key ranges over files on S3: the coordinator finds where each task's keys start
 * inside a row group from the file's page index and key pages, read through S3A from a real
 * S3-compatible server on loopback, and the tasks read their parts of those row groups from S3 too.
 * Line items and orders are in order-key order, in several row groups per file; the answers equal
 * local mode's on the local copies.
 */
class S3KeyRangeSplitTest {
    static S3TestServer s3;
    static String bucket;
    static Path data;
    static Polaroid onDisk;
    static Polaroid onS3;
    static QueryEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        data = TpchData.splitTestData();
        s3 = new S3TestServer();
        bucket = s3.createBucket("polaroid");
        s3.upload(data, bucket, "tpch");
        EngineConfig config = EngineConfig.defaults().withThreads(2).withBatchRows(8192);
        onDisk = Polaroid.local(config);
        onS3 = Polaroid.local(config.withHadoop(s3.hadoopSettings()));
        engine = new QueryEngine(config.withHadoop(s3.hadoopSettings()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        engine.close();
        onS3.close();
        onDisk.close();
        s3.close();
    }

    /** Q4 and Q18 join line items to orders, and Q18 sums them by order, where they are read: no rows move. */
    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {4, 18})
    void tasksReadTheirKeysPartsOfRowGroupsOnS3(int q) {
        var lazy = TpchQueries.query(q, new TpchTables(onS3, "s3a://" + bucket + "/tpch"));
        DistributedPlan plan = new DistributedPlanner(3, 0).plan(engine.plan(lazy.plan()).optimized());
        assertThat(plan.explain()).contains("split by l_orderkey into 3 key ranges").contains("s3a://");
        TaskFragments fragments = new TaskFragments(plan);
        int cut = 0;
        for (int task = 0; task < 3; task++) {
            for (ScanParts scan : fragments.scans(0, task)) {
                for (ScanPart p : scan.getPartsList()) {
                    cut += p.getParquet().getRowCount() > 0 ? 1 : 0;
                }
            }
        }
        assertThat(cut).as("row groups read in part, cut where a key range starts: %s", plan.explain()).isPositive();

        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(q, new TpchTables(onDisk, data)).collect()) {
            expected = df.rows();
        }
        assertThat(expected).isNotEmpty();
        assertThat(Rows.difference(expected, InProcessStages.rows(engine, plan), plan.ordered())).as(plan.explain()).isNull();
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
    }
}
