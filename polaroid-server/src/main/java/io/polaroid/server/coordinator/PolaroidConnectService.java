package io.polaroid.server.coordinator;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.polaroid.proto.v1.AnalyzePlanRequest;
import io.polaroid.proto.v1.AnalyzePlanResponse;
import io.polaroid.proto.v1.CancelRequest;
import io.polaroid.proto.v1.CancelResponse;
import io.polaroid.proto.v1.ExecutePlanRequest;
import io.polaroid.proto.v1.ExecutePlanResponse;
import io.polaroid.proto.v1.GetQueryRequest;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.ListWorkersResponse;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.proto.v1.ResultEndpoint;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.remote.Transport;
import io.polaroid.server.security.Caller;
import java.util.function.Supplier;

/** The PolaroidConnect gRPC service: converts, delegates to {@link QueryManager}, maps errors. */
public final class PolaroidConnectService extends PolaroidConnectGrpc.PolaroidConnectImplBase {
    private final QueryManager queries;

    private final Transport transport;

    /** {@code transport}: the scheme of the result locations it hands out. */
    public PolaroidConnectService(QueryManager queries, Transport transport) {
        this.queries = queries;
        this.transport = transport;
    }

    private static <T> void reply(StreamObserver<T> response, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (Throwable t) {
            response.onError(RemoteErrors.toGrpc(t));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    @Override
    public void executePlan(ExecutePlanRequest request, StreamObserver<ExecutePlanResponse> response) {
        Context context = Context.current();
        Caller caller = Caller.current();
        reply(response, () -> {
            // ExecutePlan answers with each endpoint's row count: its result is held whole
            QueryExecution q = queries.execute(request.getPlan(), request.getQueryId(), request.getTimeoutMs(),
                    context::isCancelled, caller, false);
            ExecutePlanResponse.Builder b = ExecutePlanResponse.newBuilder().setQueryId(q.id())
                    .setOrdered(q.plan().ordered()).setTotalRows(q.totalRows())
                    .setArrowSchema(QueryManager.arrowSchemaMessage(q.plan().schema()));
            for (QueryExecution.Endpoint e : q.endpoints()) {
                b.addEndpoints(ResultEndpoint.newBuilder().setLocation(transport.scheme() + "://" + e.address())
                        .setTicket(ByteString.copyFrom(e.ticket())).setRows(e.rows()).setBytes(e.bytes()));
            }
            return b.build();
        });
    }

    @Override
    public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> response) {
        reply(response, () -> queries.analyze(request.getPlan()));
    }

    @Override
    public void cancel(CancelRequest request, StreamObserver<CancelResponse> response) {
        reply(response, () -> CancelResponse.newBuilder().setCancelled(queries.cancel(request.getQueryId(), Caller.current())).build());
    }

    @Override
    public void getQuery(GetQueryRequest request, StreamObserver<QueryStatus> response) {
        Caller caller = Caller.current();
        reply(response, () -> queries.status(request.getQueryId(), caller));
    }

    @Override
    public void listWorkers(ListWorkersRequest request, StreamObserver<ListWorkersResponse> response) {
        reply(response, () -> WorkerInfos.of(queries.registry()));
    }
}
