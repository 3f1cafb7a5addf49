package io.polaroid.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.proto.v1.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCommandTest {
    @Test
    void aBinaryPlanWhoseBytesLookLikeJsonIsReadAsBinary() {
        // field 1's tag is '\\n' and a 123-byte root has the length byte '{': "\\n{..." looks like JSON
        String path = "/data/x.parquet";
        Plan plan = PlanCodec.encodePlan(new PlanNode.Scan(ScanFormat.PARQUET, List.of(path), null));
        while (plan.getRoot().getSerializedSize() < 123) {
            path = "/data/x" + path.substring(1);
            plan = PlanCodec.encodePlan(new PlanNode.Scan(ScanFormat.PARQUET, List.of(path), null));
        }
        byte[] command = plan.toByteArray();
        assertThat(new String(command, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("\n{");
        assertThat(QueryManager.parseCommand(command)).isEqualTo(plan);
    }
}
