package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.WorkerStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed plans against a real coordinator and two workers (processes): random bytes, mutated
 * binary and JSON plans, deep and wide trees, through Flight GetSchema / GetFlightInfo and gRPC
 * AnalyzePlan / ExecutePlan (sent as raw bytes, so the server's request parsing is what is
 * tested). No answer may be UNKNOWN, INTERNAL or UNAVAILABLE (a dropped connection); afterwards a
 * good query runs and the workers hold nothing. Fixed seed, so a failure reproduces.
 */
class PlanFuzzTest {
    private static final long SEED = 20_240_601L;
    static ClusterFixture fixture;
    static RootAllocator allocator;
    static FlightClient flight;

    @BeforeAll
    static void setUp() {
        fixture = new ClusterFixture("fuzz", "--polaroid.scheduler.worker-wait=2s");
        allocator = new RootAllocator();
        flight = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", fixture.cluster.port()))
                .intercept(TestCredentials.get().client().flight()).build();
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (FlightClient c : WORKERS.values()) {
            c.close();
        }
        if (flight != null) {
            flight.close();
            allocator.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Raw bytes as a unary call's request: the server parses them, not this client. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static MethodDescriptor<byte[], byte[]> method(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("polaroid.v1.PolaroidConnect/" + name).setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES).build();
    }

    private static final MethodDescriptor<byte[], byte[]> ANALYZE = method("AnalyzePlan");
    private static final MethodDescriptor<byte[], byte[]> EXECUTE = method("ExecutePlan");

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> bad = new ArrayList<>();

    @Test
    void noMalformedPlanGetsUnknownInternalOrADroppedConnection() {
        Random random = new Random(SEED);
        List<byte[]> valid = new ArrayList<>();
        for (PlanNode p : basePlans()) {
            valid.add(PlanCodec.encodePlan(p).toByteArray());
        }
        List<String> validJson = new ArrayList<>();
        for (PlanNode p : basePlans()) {
            validJson.add(PlanJson.toJson(p));
        }
        int cases = 0;
        for (int i = 0; i < 2500; i++, cases++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            send("random", bytes, i % 2 == 0 ? Via.SCHEMA : Via.ANALYZE);
        }
        for (int i = 0; i < 3500; i++, cases++) {
            byte[] m = mutate(valid, random);
            send("proto", m, switch (i % 3) { case 0 -> Via.SCHEMA; case 1 -> Via.ANALYZE; default -> Via.SCHEMA; });
        }
        for (int i = 0; i < 2000; i++, cases++) {
            send("json", mutateJson(validJson.get(random.nextInt(validJson.size())), random), Via.SCHEMA);
        }
        for (int i = 0; i < 2000; i++, cases++) {
            byte[] m = mutate(valid, random);
            send("execute", m, i % 2 == 0 ? Via.FLIGHT_INFO : Via.EXECUTE);
        }
        for (int depth : new int[] {100, 1000, 2000, 20_000}) {
            byte[] deep = encode(nestedFilters(depth));
            for (Via via : Via.values()) {
                send("deep" + depth, deep, via);
                cases++;
            }
            if (depth <= 2000) { // pretty-printed JSON indents each level: 20,000 levels are gigabytes
                send("deep-json" + depth, PlanJson.toJson(nestedFilters(depth)).getBytes(StandardCharsets.UTF_8), Via.SCHEMA);
                cases++;
            }
        }
        for (String fn : List.of(FunctionNames.AND, FunctionNames.OR, FunctionNames.COALESCE, "when")) {
            byte[] wide = encode(wide(fn, 20_000));
            for (Via via : Via.values()) {
                send("wide-" + fn, wide, via);
                cases++;
            }
        }
        System.out.println("PlanFuzzTest: " + cases + " cases, by outcome " + outcomes);
        assertThat(bad).as("answers that must not happen").isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(10_000);
        assertThat(fixture.remote.scanParquet(fixture.data.resolve("orders.parquet").toString()).collect().height())
                .isPositive();
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    private enum Via { SCHEMA, FLIGHT_INFO, ANALYZE, EXECUTE }

    private void send(String kind, byte[] plan, Via via) {
        String outcome;
        try {
            switch (via) {
                case SCHEMA -> flight.getSchema(FlightDescriptor.command(plan),
                        org.apache.arrow.flight.CallOptions.timeout(30, TimeUnit.SECONDS));
                case FLIGHT_INFO -> {
                    for (org.apache.arrow.flight.FlightEndpoint e : flight.getInfo(FlightDescriptor.command(plan),
                            org.apache.arrow.flight.CallOptions.timeout(30, TimeUnit.SECONDS)).getEndpoints()) {
                        fetch(e.getLocations().get(0), e.getTicket());
                    }
                }
                default -> {
                    byte[] answer = ClientCalls.blockingUnaryCall(fixture.cluster.channel(), via == Via.ANALYZE ? ANALYZE : EXECUTE,
                            CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request(plan));
                    if (via == Via.EXECUTE) {
                        for (io.polaroid.proto.v1.ResultEndpoint e : parseResponse(answer).getEndpointsList()) {
                            fetch(new Location(java.net.URI.create(e.getLocation())), new org.apache.arrow.flight.Ticket(e.getTicket().toByteArray()));
                        }
                    }
                }
            }
            outcome = "OK";
        } catch (FlightRuntimeException e) {
            outcome = e.status().code().name();
            check(kind, via, outcome, e.getMessage());
        } catch (StatusRuntimeException e) {
            outcome = e.getStatus().getCode().name();
            check(kind, via, outcome, e.getStatus().getDescription());
        }
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static final Map<String, FlightClient> WORKERS = new java.util.HashMap<>();

    /** Reads a result partition, so that the worker frees it (as a client does). */
    private static void fetch(Location location, org.apache.arrow.flight.Ticket ticket) {
        FlightClient c = WORKERS.computeIfAbsent(location.getUri().toString(),
                k -> FlightClient.builder(allocator, location).intercept(TestCredentials.get().client().flight()).build());
        try (org.apache.arrow.flight.FlightStream stream = c.getStream(ticket)) {
            while (stream.next()) {
                // drain
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    private static io.polaroid.proto.v1.ExecutePlanResponse parseResponse(byte[] bytes) {
        try {
            return io.polaroid.proto.v1.ExecutePlanResponse.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(String kind, Via via, String code, String message) {
        if (code.equals("UNKNOWN") || code.equals("INTERNAL") || code.equals("UNAVAILABLE")) {
            if (bad.size() < 20) {
                bad.add(kind + " via " + via + ": " + code + " " + message);
            } else {
                bad.add(code);
            }
        }
    }

    /** An ExecutePlanRequest / AnalyzePlanRequest whose field 1 (the plan) is {@code plan}, byte for byte. */
    private static byte[] request(byte[] plan) {
        byte[] out = new byte[plan.length + 6];
        int n = 0;
        out[n++] = 0x0a;
        int len = plan.length;
        while ((len & ~0x7f) != 0) {
            out[n++] = (byte) ((len & 0x7f) | 0x80);
            len >>>= 7;
        }
        out[n++] = (byte) len;
        System.arraycopy(plan, 0, out, n, plan.length);
        return java.util.Arrays.copyOf(out, n + plan.length);
    }

    private static byte[] mutate(List<byte[]> valid, Random random) {
        byte[] base = valid.get(random.nextInt(valid.size())).clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 0; k <= random.nextInt(4); k++) {
                    int i = random.nextInt(base.length);
                    base[i] ^= (byte) (1 << random.nextInt(8));
                }
                return base;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(base, random.nextInt(base.length));
            }
            case 2 -> {
                byte[] other = valid.get(random.nextInt(valid.size()));
                int cut = random.nextInt(base.length);
                int from = random.nextInt(other.length);
                byte[] out = java.util.Arrays.copyOf(base, cut + other.length - from);
                System.arraycopy(other, from, out, cut, other.length - from);
                return out;
            }
            default -> {
                int i = random.nextInt(base.length);
                base[i] = (byte) random.nextInt(256);
                return base;
            }
        }
    }

    private static final String JSON_NOISE = "{}[]\":,0aZ-\\ ";

    private static byte[] mutateJson(String json, Random random) {
        StringBuilder s = new StringBuilder(json);
        switch (random.nextInt(3)) {
            case 0 -> s.setLength(random.nextInt(s.length()));
            case 1 -> s.setCharAt(random.nextInt(s.length()), JSON_NOISE.charAt(random.nextInt(JSON_NOISE.length())));
            default -> s.insert(random.nextInt(s.length()), "{\"x\":[" .repeat(1 + random.nextInt(400)));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static PlanNode orders() {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(fixture.data.resolve("orders.parquet").toString()), null);
    }

    private static List<PlanNode> basePlans() {
        PlanNode filtered = new PlanNode.Filter(orders(), ExprParser.parse("o_totalprice > 400000"));
        return List.of(
                filtered,
                new PlanNode.Aggregate(filtered, List.of(ExprParser.parse("o_orderstatus")),
                        List.of(ExprParser.parse("sum(o_totalprice)"), ExprParser.parse("len()")), false),
                new PlanNode.Slice(new PlanNode.Select(orders(), List.of(ExprParser.parse("o_orderkey"),
                        ExprParser.parse("o_totalprice * 2"))), 0, 10L),
                new PlanNode.Filter(orders(), new Expr.Call(FunctionNames.STR_CONTAINS_REGEX, List.of(
                        new Expr.Column("o_comment"), Expr.Literal.of("(.*a){8}!", DataType.UTF8)))));
    }

    private static PlanNode nestedFilters(int depth) {
        PlanNode p = orders();
        for (int i = 0; i < depth; i++) {
            p = new PlanNode.Filter(p, ExprParser.parse("o_orderkey > " + i));
        }
        return new PlanNode.Slice(p, 0, 5L);
    }

    private static PlanNode wide(String fn, int n) {
        Expr key = new Expr.Column("o_orderkey");
        Expr predicate;
        if (fn.equals("when")) {
            List<Expr.Branch> branches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                branches.add(new Expr.Branch(new Expr.Call(FunctionNames.EQ, List.of(key, lit(i))), Expr.Literal.of(true, DataType.BOOL)));
            }
            predicate = new Expr.When(branches, Expr.Literal.of(false, DataType.BOOL));
        } else if (fn.equals(FunctionNames.COALESCE)) {
            List<Expr> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(Expr.Literal.of(null, DataType.INT64));
            }
            args.add(key);
            predicate = new Expr.Call(FunctionNames.LT, List.of(new Expr.Call(FunctionNames.COALESCE, args), lit(100)));
        } else {
            List<Expr> args = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                args.add(new Expr.Call(fn.equals(FunctionNames.AND) ? FunctionNames.NE : FunctionNames.EQ, List.of(key, lit(i))));
            }
            predicate = new Expr.Call(fn, args);
        }
        return new PlanNode.Slice(new PlanNode.Filter(orders(), predicate), 0, 5L);
    }

    /** Serialized on a large-stack thread: protobuf's own serializer recurses once per level. */
    private static byte[] encode(PlanNode plan) {
        return io.polaroid.engine.dsl.PlanningStack.call("encoding a test plan", () -> PlanCodec.encodePlan(plan).toByteArray());
    }

    private static Expr lit(long v) {
        return Expr.Literal.of(v, DataType.INT64);
    }

}
