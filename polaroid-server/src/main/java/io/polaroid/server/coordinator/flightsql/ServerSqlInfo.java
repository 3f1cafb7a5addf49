package io.polaroid.server.coordinator.flightsql;

import java.util.List;
import java.util.Set;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What the server tells SQL clients about itself ({@code GetSqlInfo}): name and version, that it
 * only reads (no DML, no DDL, no transactions), and how its SQL is written (identifiers quoted
 * with {@code "}). Identifier case is not told: the translator keeps names as written, quoted or
 * not, and the protocol's case values (insensitive, upper, lower) cannot say that.
 */
final class ServerSqlInfo {
    /** The infos answered; a client asking for others gets these only, as the protocol allows. */
    private static final Set<Integer> ANSWERED = Set.of(
            SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE, SqlInfo.FLIGHT_SQL_SERVER_VERSION_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_ARROW_VERSION_VALUE, SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_SQL_VALUE, SqlInfo.FLIGHT_SQL_SERVER_SUBSTRAIT_VALUE,
            SqlInfo.FLIGHT_SQL_SERVER_TRANSACTION_VALUE, SqlInfo.FLIGHT_SQL_SERVER_CANCEL_VALUE,
            SqlInfo.SQL_DDL_CATALOG_VALUE, SqlInfo.SQL_DDL_SCHEMA_VALUE, SqlInfo.SQL_DDL_TABLE_VALUE,
            SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE, SqlInfo.SQL_SEARCH_STRING_ESCAPE_VALUE,
            SqlInfo.SQL_SCHEMA_TERM_VALUE, SqlInfo.SQL_CATALOG_TERM_VALUE, SqlInfo.SQL_ALL_TABLES_ARE_SELECTABLE_VALUE,
            SqlInfo.SQL_TRANSACTIONS_SUPPORTED_VALUE, SqlInfo.SQL_BATCH_UPDATES_SUPPORTED_VALUE,
            SqlInfo.SQL_SUPPORTS_COLUMN_ALIASING_VALUE, SqlInfo.SQL_CORRELATED_SUBQUERIES_SUPPORTED_VALUE,
            SqlInfo.SQL_NAMED_PARAMETERS_SUPPORTED_VALUE, SqlInfo.SQL_STORED_PROCEDURES_SUPPORTED_VALUE);

    private final SqlInfoBuilder info;

    ServerSqlInfo(String serverVersion) {
        info = new SqlInfoBuilder()
                .withFlightSqlServerName("Polaroid")
                .withFlightSqlServerVersion(serverVersion)
                .withFlightSqlServerArrowVersion(arrowVersion())
                .withFlightSqlServerReadOnly(true)
                .withFlightSqlServerSql(true)
                .withFlightSqlServerSubstrait(false)
                .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
                .withFlightSqlServerCancel(true)
                .withSqlDdlCatalog(false)
                .withSqlDdlSchema(false)
                .withSqlDdlTable(false)
                .withSqlIdentifierQuoteChar("\"")
                .withSqlSearchStringEscape("\\")
                .withSqlSchemaTerm("schema")
                .withSqlCatalogTerm("catalog")
                .withSqlAllTablesAreSelectable(true)
                .withSqlTransactionsSupported(false)
                .withSqlBatchUpdatesSupported(false)
                .withSqlSupportsColumnAliasing(true)
                .withSqlCorrelatedSubqueriesSupported(true)
                .withSqlNamedParametersSupported(false)
                .withSqlStoredProceduresSupported(false);
    }

    void send(CommandGetSqlInfo command, BufferAllocator allocator, ServerStreamListener listener) {
        List<Integer> asked = command.getInfoCount() == 0 ? List.copyOf(ANSWERED)
                : command.getInfoList().stream().filter(ANSWERED::contains).toList();
        if (asked.isEmpty()) {
            // the builder would read an empty list as "all of them"
            MetadataResults.send(FlightSqlProducer.Schemas.GET_SQL_INFO_SCHEMA, List.of(), allocator, listener);
            return;
        }
        info.send(asked.stream().sorted().toList(), listener);
    }

    private static String arrowVersion() {
        String v = org.apache.arrow.flight.FlightProducer.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
