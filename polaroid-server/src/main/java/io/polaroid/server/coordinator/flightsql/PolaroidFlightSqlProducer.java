package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.ResultLocations;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import java.util.List;
import java.util.function.Predicate;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.CancelResult;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow Flight SQL on the coordinator, for JDBC, ADBC and the tools built on them. Statements
 * and prepared statements run as plans (QueryManager expands the SQL) and their results are
 * read from the workers, as with plan commands; the catalog's listings and the server's
 * descriptions are served here. Polaroid only reads: updates are NOT_SUPPORTED, and the tables
 * have no keys (the key listings are empty).
 */
public final class PolaroidFlightSqlProducer implements FlightSqlProducer {
    private final SqlQueries sql;
    private final PreparedStatements prepared = new PreparedStatements();
    private final CatalogMetadata catalog;
    private final ServerSqlInfo sqlInfo;
    private final ResultRelease release;
    private final BufferAllocator allocator;
    private final Predicate<String> credentialAccepted;

    /**
     * {@code credentialAccepted}: whether an authorization header is a valid credential; the
     * listings this producer serves through DoGet, which the authentication interceptor lets
     * through for any ticket holder, check it themselves.
     */
    public PolaroidFlightSqlProducer(QueryManager queries, ResultLocations locations, TicketSigner tickets, BufferAllocator allocator,
                                     Predicate<String> credentialAccepted, String serverVersion) {
        this.sql = new SqlQueries(queries, locations);
        this.catalog = new CatalogMetadata(queries);
        this.sqlInfo = new ServerSqlInfo(serverVersion);
        this.release = new ResultRelease(queries, tickets);
        this.allocator = allocator;
        this.credentialAccepted = credentialAccepted;
    }

    // --- dispatch: every failure reaches the client as a Flight error carrying the engine's message

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        try {
            return FlightSqlProducer.super.getFlightInfo(context, descriptor);
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        try {
            return FlightSqlProducer.super.getSchema(context, descriptor);
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        try {
            if (!credentialAccepted.test(Caller.current().credential())) {
                listener.error(CallStatus.UNAUTHENTICATED.withDescription("the credential was not accepted").toRuntimeException());
                return;
            }
            FlightSqlProducer.super.getStream(context, ticket, listener);
        } catch (RuntimeException e) {
            listener.error(RemoteErrors.toFlight(e));
        }
    }

    @Override
    public Runnable acceptPut(CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
        try {
            return FlightSqlProducer.super.acceptPut(context, flightStream, ackStream);
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        try {
            FlightSqlProducer.super.doAction(context, action, listener);
        } catch (RuntimeException e) {
            listener.onError(RemoteErrors.toFlight(e));
        }
    }

    // --- statements

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        noTransaction(command.hasTransactionId());
        return sql.run(command.getQuery(), List.of(), descriptor, context::isCancelled);
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        noTransaction(command.hasTransactionId());
        return new SchemaResult(sql.resultSchema(command.getQuery(), sql.parameterTypes(command.getQuery())));
    }

    /** The answer of a statement the coordinator answered itself (it read no file); others are read from the workers. */
    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        sql.send(ticket.getStatementHandle(), allocator, listener);
    }

    // --- prepared statements

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        noTransaction(request.hasTransactionId());
        String text = request.getQuery();
        List<DataType> types = sql.parameterTypes(text);
        Schema result = sql.resultSchema(text, types);
        Schema parameters = SqlQueries.parameterSchema(types);
        ByteString handle = prepared.add(new PreparedStatements.Prepared(text, Caller.current().principal(), result, parameters));
        listener.onNext(new Result(Any.pack(ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(handle)
                .setDatasetSchema(ByteString.copyFrom(result.serializeAsMessage()))
                .setParameterSchema(ByteString.copyFrom(parameters.serializeAsMessage()))
                .build()).toByteArray()));
        listener.onCompleted();
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        prepared.close(request.getPreparedStatementHandle(), Caller.current());
        listener.onCompleted();
    }

    /** Binds parameter values: each row of the batches is one set; the statement then runs once per set. */
    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
                                                    FlightStream flightStream, StreamListener<PutResult> ackStream) {
        PreparedStatements.Prepared p = prepared.get(command.getPreparedStatementHandle(), Caller.current());
        return () -> {
            try {
                p.bind(ParameterLiterals.read(flightStream));
                // The handle stays the same; saying so is what clients of Flight SQL 15+ read.
                byte[] answer = DoPutPreparedStatementResult.newBuilder()
                        .setPreparedStatementHandle(command.getPreparedStatementHandle()).build().toByteArray();
                try (ArrowBuf buf = allocator.buffer(answer.length)) {
                    buf.writeBytes(answer);
                    ackStream.onNext(PutResult.metadata(buf));
                }
                ackStream.onCompleted();
            } catch (RuntimeException e) {
                ackStream.onError(RemoteErrors.toFlight(e));
            }
        };
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                     FlightDescriptor descriptor) {
        PreparedStatements.Prepared p = prepared.get(command.getPreparedStatementHandle(), Caller.current());
        return sql.run(p.sql, p.parameterSets(), descriptor, context::isCancelled);
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                   FlightDescriptor descriptor) {
        return new SchemaResult(prepared.get(command.getPreparedStatementHandle(), Caller.current()).resultSchema);
    }

    /** Never called here: a prepared statement's FlightInfo sends the client to the workers. */
    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        throw PolaroidException.notSupported("statement results are read from the workers the FlightInfo's endpoints name");
    }

    // --- updates: Polaroid reads data only

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context, FlightStream flightStream,
                                       StreamListener<PutResult> ackStream) {
        throw readOnly();
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
                                                     FlightStream flightStream, StreamListener<PutResult> ackStream) {
        throw readOnly();
    }

    private static PolaroidException readOnly() {
        return PolaroidException.notSupported("updates: Polaroid's SQL reads data (SELECT, WITH, VALUES, and views in a script)");
    }

    private static void noTransaction(boolean given) {
        if (given) {
            throw PolaroidException.notSupported("transactions: Polaroid only reads, each statement on its own");
        }
    }

    // --- cancel: the client is done with a result

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context, StreamListener<CancelStatus> listener) {
        listener.onNext(release.release(request.getInfo()));
        listener.onCompleted();
    }

    /** The older form of cancelFlightInfo (Flight SQL before 14), which some clients still send. */
    @Override
    @SuppressWarnings("deprecation")
    public void cancelQuery(FlightInfo info, CallContext context, StreamListener<CancelResult> listener) {
        CancelStatus status = release.release(info);
        listener.onNext(status == CancelStatus.CANCELLED ? CancelResult.CANCELLED : CancelResult.NOT_CANCELLABLE);
        listener.onCompleted();
    }

    // --- the server and its catalog, served here

    @Override
    public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_SQL_INFO_SCHEMA, descriptor);
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        sqlInfo.send(command, allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_TYPE_INFO_SCHEMA, descriptor);
    }

    @Override
    public void getStreamTypeInfo(CommandGetXdbcTypeInfo command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(XdbcTypes.SCHEMA, XdbcTypes.rows(command), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_CATALOGS_SCHEMA, descriptor);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_CATALOGS_SCHEMA, catalog.catalogs(), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_SCHEMAS_SCHEMA, descriptor);
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_SCHEMAS_SCHEMA, catalog.schemas(command), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoTables(CommandGetTables command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, tablesSchema(command), descriptor);
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(tablesSchema(command), catalog.tables(command), allocator, listener);
    }

    private static Schema tablesSchema(CommandGetTables command) {
        return command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    }

    @Override
    public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_TABLE_TYPES_SCHEMA, descriptor);
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_TABLE_TYPES_SCHEMA, catalog.tableTypes(), allocator, listener);
    }

    // --- keys: the tables are files, without primary or foreign keys; the listings are truly empty

    @Override
    public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_PRIMARY_KEYS_SCHEMA, descriptor);
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_PRIMARY_KEYS_SCHEMA, List.of(), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_EXPORTED_KEYS_SCHEMA, descriptor);
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_EXPORTED_KEYS_SCHEMA, List.of(), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys command, CallContext context, FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_IMPORTED_KEYS_SCHEMA, descriptor);
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_IMPORTED_KEYS_SCHEMA, List.of(), allocator, listener);
    }

    @Override
    public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference command, CallContext context,
                                                  FlightDescriptor descriptor) {
        return MetadataResults.info(command, Schemas.GET_CROSS_REFERENCE_SCHEMA, descriptor);
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
        MetadataResults.send(Schemas.GET_CROSS_REFERENCE_SCHEMA, List.of(), allocator, listener);
    }

    /** The router sends ListFlights to the plan producer (the catalog's tables by path); SQL clients use GetTables. */
    @Override
    public void listFlights(CallContext context, org.apache.arrow.flight.Criteria criteria, StreamListener<FlightInfo> listener) {
        listener.onError(RemoteErrors.toFlight(PolaroidException.notSupported("ListFlights through Flight SQL: use GetTables")));
    }

    @Override
    public void close() {
        // nothing held beyond the allocator, which belongs to the Flight service
    }
}
