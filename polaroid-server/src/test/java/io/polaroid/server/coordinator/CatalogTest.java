package io.polaroid.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Scan;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.server.common.DataRoots;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CatalogTest {
    /** The check a coordinator with the data root /data applies to its catalog at start. */
    private static final Consumer<String> UNDER_DATA = new FileSystems(Map.of(), new DataRoots(List.of("/data")))::check;

    private final Catalog catalog = new Catalog(Map.of("lineitem", "/data/tpch/lineitem.parquet",
            "prices", "/data/prices.csv", "events", "/data/events.arrow"), UNDER_DATA);

    @Test
    void anEntryOutsideTheDataRootsOrMalformedStopsTheStartNamingTheEntry() {
        assertThatThrownBy(() -> new Catalog(Map.of("passwd", "/data/../etc/passwd"), UNDER_DATA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polaroid.catalog.passwd", "/data/../etc/passwd", "outside the data roots");
        assertThatThrownBy(() -> new Catalog(Map.of("sibling", "/data2/x.parquet"), UNDER_DATA))
                .hasMessageContaining("polaroid.catalog.sibling", "outside the data roots");
        assertThatThrownBy(() -> new Catalog(Map.of("remote", "file://evil/data/x.parquet"), UNDER_DATA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("polaroid.catalog.remote", "file://evil/data/x.parquet", "host");
        assertThatThrownBy(() -> new Catalog(Map.of("relative", "file:data/x.parquet"), UNDER_DATA))
                .hasMessageContaining("polaroid.catalog.relative", "not a valid path");
    }

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
