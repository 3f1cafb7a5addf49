package io.polaroid.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Scan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = new Catalog(Map.of("lineitem", "/data/tpch/lineitem.parquet",
            "prices", "/data/prices.csv", "events", "/data/events.arrow"));

    @Test
    void everyScanOfATableByNameBecomesAScanOfItsPathWhereverItIs() {
        Plan plan = PlanJson.parse("""
                {"root": {"join": {
                  "left": {"filter": {"input": {"scan": {"table": "lineitem"}},
                                      "predicate": {"column": {"name": "ok"}}}},
                  "right": {"union": {"inputs": [{"scan": {"table": "prices"}}, {"scan": {"table": "events"}},
                                                 {"scan": {"format": "PARQUET", "paths": ["/data/x.parquet"]}}]}},
                  "how": "CROSS"}}}""");
        Plan resolved = catalog.resolve(plan);
        var join = resolved.getRoot().getJoin();
        assertThat(join.getLeft().getFilter().getInput().getScan())
                .isEqualTo(Scan.newBuilder().setFormat(Scan.Format.PARQUET).addPaths("/data/tpch/lineitem.parquet").build());
        var inputs = join.getRight().getUnion().getInputsList();
        assertThat(inputs.get(0).getScan().getFormat()).isEqualTo(Scan.Format.CSV);
        assertThat(inputs.get(1).getScan().getFormat()).isEqualTo(Scan.Format.IPC);
        assertThat(inputs.get(2)).isSameAs(plan.getRoot().getJoin().getRight().getUnion().getInputs(2));
        assertThat(PlanCodec.decodePlan(resolved)).isNotNull();
    }

    @Test
    void anUnknownTableNamesTheTablesThereAre() {
        assertThatThrownBy(() -> catalog.tablePlan("lineitems")).isInstanceOfSatisfying(PolaroidException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
            assertThat(e.getMessage()).contains("'lineitems'", "[events, lineitem, prices]");
        });
    }

    @Test
    void withoutAServerATableNameIsAClearError() {
        assertThatThrownBy(() -> PlanCodec.decodePlan(catalog.tablePlan("lineitem").toBuilder()
                .setRoot(io.polaroid.proto.v1.Relation.newBuilder().setScan(Scan.newBuilder().setTable("lineitem"))).build()))
                .isInstanceOfSatisfying(PolaroidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLAN);
                    assertThat(e.getMessage()).contains("root.scan", "table 'lineitem'", "catalog");
                });
    }
}
