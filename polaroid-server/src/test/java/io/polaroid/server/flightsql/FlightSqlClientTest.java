package io.polaroid.server.flightsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import io.polaroid.server.TestCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrow's own Flight SQL client, for what the JDBC driver does not show: where the endpoints
 * are, CancelFlightInfo, the type and server infos, several parameter sets at once, and the
 * coordinator's listings refusing a caller without a valid credential.
 */
class FlightSqlClientTest {
    static SqlCluster sql;
    static BufferAllocator allocator;
    static FlightClient flight;
    static FlightSqlClient client;

    @BeforeAll
    static void setUp() {
        sql = new SqlCluster("flightsql-client");
        allocator = new RootAllocator();
        flight = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", sql.cluster.port())).build();
        client = new FlightSqlClient(flight);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (sql != null) {
            sql.close();
        }
    }

    private static CallOption bearer(String token) {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("authorization", "Bearer " + token);
        return new HeaderCallOption(headers);
    }

    private static final CallOption AUTH = bearer(TestCredentials.get().token());

    /** Rows of one endpoint, read where it says (the coordinator when it names no location). */
    private static long rows(FlightEndpoint e, CallOption auth) throws Exception {
        FlightClient at = e.getLocations().isEmpty() ? flight
                : FlightClient.builder(allocator, e.getLocations().get(0)).build();
        try (FlightStream s = at.getStream(e.getTicket(), auth)) {
            long n = 0;
            while (s.next()) {
                n += s.getRoot().getRowCount();
            }
            return n;
        } finally {
            if (at != flight) {
                at.close();
            }
        }
    }

    @Test
    void aStatementsEndpointsAreOnTheWorkersAndNeedTheSameToken() throws Exception {
        FlightInfo info = client.execute("SELECT l_orderkey FROM lineitem", AUTH);
        Set<Integer> ports = new HashSet<>();
        long total = 0;
        for (FlightEndpoint e : info.getEndpoints()) {
            ports.add(e.getLocations().get(0).getUri().getPort());
            total += rows(e, AUTH);
        }
        assertThat(ports).containsExactlyInAnyOrder(sql.cluster.workerPort(0), sql.cluster.workerPort(1));
        assertThat(total).isGreaterThan(100_000);
        assertThat(info.getRecords()).as("a streamed result's size is not known when it is handed out").isEqualTo(-1);
        assertThatThrownBy(() -> rows(info.getEndpoints().get(0), bearer(TestCredentials.get().otherToken())))
                .isInstanceOf(FlightRuntimeException.class);
    }

    /** A statement that reads no file is answered by the coordinator: one endpoint there, read once, by its caller only. */
    @Test
    void aStatementThatReadsNoFileIsAnsweredByTheCoordinator() throws Exception {
        FlightInfo info = client.execute("SELECT 1 + 1 AS two, 'x' AS x", AUTH);
        assertThat(info.getEndpoints()).hasSize(1);
        assertThat(info.getEndpoints().get(0).getLocations()).isEmpty();
        assertThat(info.getRecords()).isEqualTo(1);
        try (FlightStream s = flight.getStream(info.getEndpoints().get(0).getTicket(), AUTH)) {
            assertThat(s.next()).isTrue();
            assertThat(s.getRoot().getVector("two").getObject(0)).isEqualTo(2);
            assertThat(s.getRoot().getVector("x").getObject(0).toString()).isEqualTo("x");
        }
        assertThatThrownBy(() -> rows(info.getEndpoints().get(0), AUTH)).isInstanceOf(FlightRuntimeException.class);
        FlightInfo mine = client.execute("SELECT 2 AS n", AUTH);
        assertThatThrownBy(() -> rows(mine.getEndpoints().get(0), bearer(TestCredentials.get().otherToken())))
                .isInstanceOf(FlightRuntimeException.class);
        assertThat(rows(mine.getEndpoints().get(0), AUTH)).isEqualTo(1);
    }

    @Test
    void cancelFlightInfoFreesTheResults() throws Exception {
        FlightInfo info = client.execute("SELECT n_name FROM nation", AUTH);
        assertThat(client.cancelFlightInfo(new CancelFlightInfoRequest(info), AUTH).getStatus())
                .isEqualTo(CancelStatus.CANCELLED);
        assertThatThrownBy(() -> rows(info.getEndpoints().get(0), AUTH)).isInstanceOf(FlightRuntimeException.class);
    }

    @Test
    void anotherPrincipalCannotCancelMyResult() throws Exception {
        FlightInfo info = client.execute("SELECT n_name FROM nation", AUTH);
        assertThatThrownBy(() -> client.cancelFlightInfo(new CancelFlightInfoRequest(info),
                bearer(TestCredentials.get().otherToken()))).isInstanceOf(FlightRuntimeException.class);
        assertThat(rows(info.getEndpoints().get(0), AUTH)).isPositive();
    }

    @Test
    void xdbcTypeInfo() throws Exception {
        List<String> names = new ArrayList<>();
        FlightInfo info = client.getXdbcTypeInfo(AUTH);
        assertThat(info.getEndpoints()).hasSize(1);
        assertThat(info.getEndpoints().get(0).getLocations()).isEmpty();
        try (FlightStream s = client.getStream(info.getEndpoints().get(0).getTicket(), AUTH)) {
            while (s.next()) {
                for (int i = 0; i < s.getRoot().getRowCount(); i++) {
                    names.add(s.getRoot().getVector("type_name").getObject(i).toString());
                }
            }
        }
        assertThat(names).contains("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE", "DECIMAL",
                "VARCHAR", "BLOB", "DATE", "TIME", "TIMESTAMP");
        FlightInfo bigint = client.getXdbcTypeInfo(java.sql.Types.BIGINT, AUTH);
        assertThat(rows(bigint.getEndpoints().get(0), AUTH)).isEqualTo(1);
    }

    @Test
    void sqlInfo() throws Exception {
        FlightInfo info = client.getSqlInfo(new int[] {FlightSql.SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE,
                FlightSql.SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE, FlightSql.SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE}, AUTH);
        List<String> values = new ArrayList<>();
        try (FlightStream s = client.getStream(info.getEndpoints().get(0).getTicket(), AUTH)) {
            while (s.next()) {
                for (int i = 0; i < s.getRoot().getRowCount(); i++) {
                    values.add(s.getRoot().getVector("info_name") .getObject(i) + "=" + s.getRoot().getVector("value").getObject(i));
                }
            }
        }
        assertThat(values).containsExactlyInAnyOrder("0=Polaroid", "3=true", "504=\"");
        FlightInfo unknownOnly = client.getSqlInfo(new int[] {FlightSql.SqlInfo.SQL_KEYWORDS_VALUE}, AUTH);
        assertThat(rows(unknownOnly.getEndpoints().get(0), AUTH)).isZero();
    }

    @Test
    void aPreparedStatementRunsOncePerParameterSet() throws Exception {
        FlightSqlClient.PreparedStatement p = client.prepare("SELECT n_name FROM nation WHERE n_nationkey = ?", AUTH);
        try {
            assertThat(p.getParameterSchema().getFields()).hasSize(1);
            assertThat(p.getResultSetSchema().getFields().get(0).getName()).isEqualTo("n_name");
            Schema parameters = new Schema(List.of(Field.nullable("key", new ArrowType.Int(64, true))));
            try (VectorSchemaRoot root = VectorSchemaRoot.create(parameters, allocator)) {
                BigIntVector keys = (BigIntVector) root.getVector(0);
                keys.allocateNew(2);
                keys.set(0, 7);
                keys.set(1, 24);
                root.setRowCount(2);
                p.setParameters(root);
                FlightInfo info = p.execute(AUTH);
                assertThat(info.getRecords()).isEqualTo(2);
                List<String> names = new ArrayList<>();
                for (FlightEndpoint e : info.getEndpoints()) {
                    try (FlightClient at = FlightClient.builder(allocator, e.getLocations().get(0)).build();
                         FlightStream s = at.getStream(e.getTicket(), AUTH)) {
                        while (s.next()) {
                            for (int i = 0; i < s.getRoot().getRowCount(); i++) {
                                names.add(s.getRoot().getVector(0).getObject(i).toString());
                            }
                        }
                    }
                }
                assertThat(names).containsExactly("GERMANY", "UNITED STATES");
            }
        } finally {
            p.close(AUTH); // close() would send ClosePreparedStatement without the token
        }
    }

    /** The authentication interceptor lets any DoGet through (tickets are checked); listings check the credential. */
    @Test
    void theCoordinatorsListingsNeedAValidCredential() {
        Ticket tables = new Ticket(Any.pack(FlightSql.CommandGetTables.newBuilder().setIncludeSchema(true).build()).toByteArray());
        assertThatThrownBy(() -> {
            try (FlightStream s = flight.getStream(tables, bearer("not-a-token"))) {
                s.next();
            }
        }).isInstanceOfSatisfying(FlightRuntimeException.class,
                e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED));
    }
}
