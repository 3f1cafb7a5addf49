package io.polaroid;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire contract: the Java API builds exactly the checked-in JSON of each sample plan, and
 * each file decodes (from JSON and from binary protobuf) back to the same plan. A change to the
 * protocol or to what the API builds shows up as a diff of these files in review. Regenerate
 * them on purpose with {@code -Dpolaroid.golden.update=true}.
 */
class GoldenPlansTest {
    static final Path DIR = Path.of("..", "testdata", "golden-plans");
    static Polaroid pl;

    @BeforeAll
    static void setUp() {
        // Building plans needs no engine: a cluster session that never runs one (channels connect lazily).
        pl = Polaroid.connect("grpc://127.0.0.1:1", (String) null);
    }

    @AfterAll
    static void tearDown() {
        pl.close();
    }

    static Stream<String> names() {
        return GoldenPlans.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void apiBuildsTheGoldenJson(String name) throws IOException {
        Function<Polaroid, LazyFrame> build = GoldenPlans.all().get(name);
        String json = build.apply(pl).toJson() + "\n";
        Path file = DIR.resolve(name + ".json");
        if (Boolean.getBoolean("polaroid.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, json, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void goldenJsonDecodesToTheSamePlan(String name) throws IOException {
        PlanNode built = GoldenPlans.all().get(name).apply(pl).plan();
        String json = Files.readString(DIR.resolve(name + ".json"), StandardCharsets.UTF_8);
        PlanNode decoded = PlanJson.fromJson(json);
        assertThat(decoded).isEqualTo(built);
        PlanNode fromBinary = PlanCodec.decodePlan(PlanCodec.encodePlan(decoded).toByteArray());
        assertThat(fromBinary).isEqualTo(built);
    }

    @Test
    void theSamplesCoverEveryNodeAndExpressionKind() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : GoldenPlans.all().keySet()) {
            all.append(Files.readString(DIR.resolve(name + ".json"), StandardCharsets.UTF_8));
        }
        String text = all.toString();
        for (String node : List.of("scan", "inMemory", "filter", "select", "withColumns", "aggregate", "join", "sort",
                "slice", "unique", "union", "rename", "drop")) {
            assertThat(text).as("relation %s", node).contains("\"" + node + "\": {");
        }
        for (String expr : List.of("column", "literal", "alias", "cast", "call", "when")) {
            assertThat(text).as("expression %s", expr).contains("\"" + expr + "\": {");
        }
        for (String literal : List.of("null", "boolean", "integer", "float", "string", "date", "timestamp", "decimal",
                "interval", "typed")) {
            assertThat(text).as("literal %s", literal).containsPattern("\"" + literal + "\": ");
        }
        for (String how : List.of("INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI", "CROSS")) {
            assertThat(text).as("join %s", how).contains("\"how\": \"" + how + "\"");
        }
        assertThat(GoldenPlans.all()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Map.copyOf(GoldenPlans.all())).isNotEmpty();
    }
}
