package io.polaroid.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchSql;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coordinator's HTTP API against a real cluster (a coordinator and two worker processes) with
 * a plain HTTP client: results as Arrow streams equal to DuckDB's answers, errors as JSON with
 * the gRPC codes, a failure after the stream began cutting the stream, the query list with its
 * stages, cancel, the workers, the catalog and the session.
 */
class HttpApiTest {
    static final Path DATA = TpchData.splitTestData();
    static LocalCluster cluster;
    static DuckDb duck;
    static HttpApi api;

    @BeforeAll
    static void start() {
        List<String> catalog = new ArrayList<>();
        for (TpchTable<?> t : TpchTable.getTables()) {
            catalog.add("--polaroid.catalog." + t.getTableName() + "=" + DATA.resolve(t.getTableName() + ".parquet"));
        }
        cluster = new LocalCluster("http-api", 2, List.of(DATA.toString()), catalog.toArray(String[]::new));
        duck = io.polaroid.tpch.TpchDuckDb.over(DATA);
        api = new HttpApi(cluster.httpPort(), TestCredentials.get().token());
    }

    @AfterAll
    static void stop() {
        if (duck != null) {
            duck.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 3, 10, 18})
    void tpchSqlStreamsArrowEqualToDuckDb(int q) throws IOException {
        String id = "tpch-" + q + "-" + UUID.randomUUID();
        HttpResponse<InputStream> response = api.query(HttpApi.sql(String.join(";\n", TpchSql.statements(q))), id);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.arrow.stream");
        assertThat(response.headers().firstValue("X-Polaroid-Query-Id")).hasValue(id);
        List<List<Object>> rows = HttpApi.rows(response.body());
        List<List<Object>> expected = io.polaroid.tpch.TpchDuckDb.answer(duck, q);
        assertThat(expected).isNotEmpty();
        assertThat(Rows.difference(expected, rows, true)).as("Q%d", q).isNull();
        JsonNode status = api.json(api.get("/api/v1/queries/" + id));
        assertThat(status.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(status.get("rows").asLong()).isEqualTo(rows.size());
        assertThat(status.get("text").asText()).startsWith(TpchSql.statements(q).get(0).strip().substring(0, 20));
        assertThat(status.get("stages")).hasSize(status.get("stagesTotal").asInt());
        for (JsonNode stage : status.get("stages")) {
            assertThat(stage.get("tasksDone").asInt()).isEqualTo(stage.get("tasks").asInt());
            assertThat(stage.get("endMs").asLong()).isGreaterThanOrEqualTo(stage.get("startMs").asLong()).isNotNegative();
            assertThat(stage.get("kind").asText()).isNotBlank();
        }
    }

    @Test
    void aPlanAsJsonRunsAsTheClientsWriteIt() throws IOException {
        String plan = """
                {"root": {"select": {"input": {"filter": {"input": {"scan": {"table": "nation"}},
                  "predicate": {"call": {"function": "eq", "args": [{"column": {"name": "n_regionkey"}},
                    {"literal": {"integer": "1"}}]}}}}, "exprs": [{"column": {"name": "n_name"}}]}}}""";
        HttpResponse<InputStream> response = api.query(plan, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Polaroid-Query-Id")).isPresent();
        List<List<Object>> expected = duck.query("SELECT n_name FROM read_parquet('" + DATA.resolve("nation.parquet")
                + "') WHERE n_regionkey = 1");
        assertThat(Rows.difference(expected, HttpApi.rows(response.body()), false)).isNull();
    }

    @Test
    void aQueryThatReadsNoFileIsAnsweredByTheCoordinator() throws IOException {
        HttpResponse<InputStream> response = api.query(HttpApi.sql("SELECT 1 + 2 AS three"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HttpApi.rows(response.body())).containsExactly(List.of(3));
    }

    @Test
    void errorsAreJsonWithTheCodesOfTheGrpcPort() {
        JsonNode column = api.json(api.post("/api/v1/query", HttpApi.sql("SELECT n_nme FROM nation")));
        assertThat(column.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(column.get("errorCode").asText()).isEqualTo("COLUMN_NOT_FOUND");
        assertThat(column.get("message").asText()).contains("n_nme").contains("n_name", "n_regionkey");
        assertThat(column.get("queryId").asText()).isNotBlank();

        HttpResponse<byte[]> syntax = api.post("/api/v1/query", HttpApi.sql("SELECT n_name FROM nation WHERE"));
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(api.json(syntax).get("errorCode").asText()).isEqualTo("PARSE_ERROR");
        assertThat(api.json(syntax).get("message").asText()).contains("line 1, column");

        HttpResponse<byte[]> missing = api.post("/api/v1/query",
                "{\"root\": {\"scan\": {\"format\": \"PARQUET\", \"paths\": [\"" + DATA.resolve("no-such.parquet") + "\"]}}}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(api.json(missing).get("message").asText()).contains("no-such.parquet");

        HttpResponse<byte[]> malformed = api.post("/api/v1/query", "{\"root\": {\"filter\": {}}}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api.json(malformed).get("message").asText()).contains("filter");
        assertThat(api.post("/api/v1/query", "not json").statusCode()).isEqualTo(400);
        assertThat(api.json(api.post("/api/v1/query", "{\"sql\": 7}")).get("message").asText()).contains("\"sql\"");

        HttpResponse<byte[]> anonymous = api.as(null).get("/api/v1/workers");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api.json(anonymous).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.as("not-a-token").get("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(new String(api.get("/api/v1/queries/no-such-query").body())).contains("no query with id no-such-query")
                .doesNotContain("Exception", "at io.");
    }

    @Test
    void aFailureAfterTheStreamBeganCutsItAndTheStatusSaysWhy() throws IOException {
        long maxKey = ((Number) duck.query("SELECT max(l_orderkey) FROM read_parquet('" + DATA.resolve("lineitem.parquet")
                + "')").get(0).get(0)).longValue();
        String id = "fails-" + UUID.randomUUID();
        HttpResponse<InputStream> response = api.query(HttpApi.sql("SELECT l_comment, CAST(CASE WHEN l_orderkey = " + maxKey
                + " THEN 'x' ELSE '1' END AS INTEGER) AS v FROM lineitem"), id);
        assertThat(response.statusCode()).as("the stream began before the failure").isEqualTo(200);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        Throwable broken = catchThrowable(() -> response.body().transferTo(received));
        assertThat(broken).as("the connection was cut: no end of the chunked body").isInstanceOf(IOException.class);
        assertThat(new String(received.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("no JSON error after the rows").doesNotContain("\"code\"");
        byte[] bytes = received.toByteArray();
        byte[] endOfStream = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};
        assertThat(bytes.length < 8 || !java.util.Arrays.equals(bytes, bytes.length - 8, bytes.length, endOfStream, 0, 8))
                .as("the Arrow stream lacks its end-of-stream marker").isTrue();
        JsonNode status = api.json(api.get("/api/v1/queries/" + id));
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(status.get("error").asText()).contains("\"x\"").doesNotContain("Exception");
    }

    @Test
    void aRunningQueryIsListedWithItsStagesAndCancelled() throws Exception {
        String id = "long-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<InputStream>> running = CompletableFuture.supplyAsync(() -> api.query(HttpApi.sql(
                "SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_quantity + b.l_quantity < 0"), id));
        JsonNode status = awaitState(id, "RUNNING");
        assertThat(status.get("stages").size()).isPositive();
        assertThat(status.get("startedAtMs").asLong()).isGreaterThan(System.currentTimeMillis() - 120_000);
        JsonNode listed = api.json(api.get("/api/v1/queries")).get("queries");
        assertThat(listed.get(0).get("queryId").asText()).as("the newest first").isEqualTo(id);
        assertThat(api.as(TestCredentials.get().otherToken()).get("/api/v1/queries/" + id).statusCode())
                .as("another principal's query is unknown").isEqualTo(404);
        assertThat(api.json(api.as(TestCredentials.get().otherToken()).post("/api/v1/queries/" + id + "/cancel", ""))
                .get("cancelled").asBoolean()).isFalse();

        JsonNode cancel = api.json(api.post("/api/v1/queries/" + id + "/cancel", ""));
        assertThat(cancel.get("cancelled").asBoolean()).isTrue();
        assertThat(awaitState(id, "CANCELLED").get("error").asText()).contains("cancelled");
        HttpResponse<InputStream> response = running.get();
        if (response.statusCode() == 200) { // it was cancelled after its stream began: the stream is cut
            assertThatThrownBy(() -> HttpApi.rows(response.body())).isInstanceOf(IOException.class);
        } else {
            assertThat(response.statusCode()).isEqualTo(499);
        }
    }

    @Test
    void aPostThatIsNotJsonIsRefusedSoThatNoOtherSiteCanSendOne() {
        HttpResponse<byte[]> form = api.post("/api/v1/query", "sql=SELECT 1", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(api.json(form).get("message").asText()).contains("application/json");
        assertThat(api.post("/api/v1/queries/x/cancel", "", "text/plain").statusCode()).isEqualTo(415);
    }

    @Test
    void aQueryIdIsPlainAndOneOtherPrincipalsIsTaken() throws IOException {
        HttpResponse<InputStream> odd = api.query(HttpApi.sql("SELECT n_name FROM nation"), "bad id/../x");
        assertThat(odd.statusCode()).isEqualTo(400);
        String id = "mine-" + UUID.randomUUID();
        HttpApi.rows(api.query(HttpApi.sql("SELECT n_name FROM nation"), id).body());
        HttpResponse<InputStream> taken = api.as(TestCredentials.get().otherToken())
                .query(HttpApi.sql("SELECT n_name FROM nation"), id);
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(new String(taken.body().readAllBytes())).contains("taken");
        assertThat(api.json(api.get("/api/v1/queries/" + id)).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void workersCatalogAndSession() {
        JsonNode workers = api.json(api.get("/api/v1/workers")).get("workers");
        assertThat(workers).hasSize(2);
        for (JsonNode w : workers) {
            assertThat(w.get("address").asText()).startsWith("127.0.0.1:");
            assertThat(w.get("slots").asInt()).isEqualTo(1);
            assertThat(w.get("millisSinceHeartbeat").asLong()).isNotNegative();
            assertThat(w.get("memoryLimitBytes").asLong()).isPositive();
            assertThat(w.get("memoryBytes").asLong()).isBetween(0L, w.get("memoryLimitBytes").asLong());
        }
        JsonNode tables = api.json(api.get("/api/v1/catalog")).get("tables");
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation",
                "region");
        JsonNode nation = null;
        for (JsonNode t : tables) {
            nation = t.get("name").asText().equals("nation") ? t : nation;
        }
        assertThat(nation.get("fields").get(0).get("name").asText()).isEqualTo("n_nationkey");
        assertThat(nation.get("fields").get(0).get("type").asText()).isEqualTo("i64");

        JsonNode session = api.json(api.get("/api/v1/session"));
        assertThat(session.get("principal").asText()).isEqualTo(TestCredentials.PRINCIPAL);
        assertThat(session.get("authentication").asBoolean()).isTrue();
        String token = api.json(api.post("/api/v1/session", "")).get("token").asText();
        assertThat(token).startsWith("polaroid-session.");
        assertThat(api.json(api.as(token).get("/api/v1/session")).get("principal").asText()).isEqualTo(TestCredentials.PRINCIPAL);
        assertThat(api.json(api.as(token).post("/api/v1/session", "")).get("token").asText())
                .as("a session token is not renewed past its expiry").isEqualTo(token);
    }

    @Test
    void theConsoleIsServedAtTheRootWithoutACredential() {
        boolean built = HttpApiTest.class.getResource("/static/index.html") != null;
        org.junit.jupiter.api.Assumptions.assumeTrue(built || System.getenv("CI") != null,
                "the console is not built (make build builds web/ before Maven)");
        HttpResponse<byte[]> page = api.as(null).get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(page.body())).contains("<script").contains("app.js");
    }

    private static JsonNode awaitState(String id, String state) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        JsonNode status = null;
        while (System.currentTimeMillis() < until) {
            HttpResponse<byte[]> r = api.get("/api/v1/queries/" + id);
            if (r.statusCode() == 200) {
                status = api.json(r);
                if (status.get("state").asText().equals(state)) {
                    return status;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query " + id + " did not reach " + state + " within 60 s; last status " + status);
    }

}
