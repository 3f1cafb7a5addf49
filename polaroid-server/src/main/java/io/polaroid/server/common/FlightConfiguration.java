package io.polaroid.server.common;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.coordinator.QueryIdHeader;
import io.polaroid.server.coordinator.RelayHeader;
import io.polaroid.server.coordinator.flightsql.FlightSqlRouter;
import io.polaroid.server.worker.WorkerFlightProducer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.auth.ServerAuthHandler;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Arrow Flight as one more service of the Spring gRPC server, on the same port as
 * PolaroidConnect (Arrow's {@link FlightGrpcUtils} builds it as a plain {@link BindableService}).
 * Each role's configuration makes its producer; this serves the one the role has.
 */
@Configuration(proxyBeanMethods = false)
public class FlightConfiguration {
    @Bean(destroyMethod = "close")
    BufferAllocator flightAllocator(QueryEngine engine) {
        return engine.rootAllocator().newChildAllocator("flight", 0, Long.MAX_VALUE);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService flightExecutor() {
        return new ContextExecutorService(Executors.newCachedThreadPool(DaemonThreads.named("polaroid-flight")));
    }

    /**
     * The Flight service of this process' role: the coordinator's (with Flight SQL in front, and in
     * a standalone process the worker's partitions behind it), or the worker's. Every call's relay
     * header is read here ({@link RelayHeader}), and the query id a client chose ({@link QueryIdHeader}).
     */
    @Bean
    BindableService flightService(BufferAllocator flightAllocator, ExecutorService flightExecutor,
                                  ObjectProvider<FlightSqlRouter> coordinator, ObjectProvider<WorkerFlightProducer> worker) {
        FlightSqlRouter coordinates = coordinator.getIfAvailable();
        FlightProducer producer = coordinates != null ? coordinates : worker.getObject();
        return () -> ServerInterceptors.intercept(
                FlightGrpcUtils.createFlightService(flightAllocator, producer, ServerAuthHandler.NO_OP, flightExecutor),
                new RelayHeader(), new QueryIdHeader());
    }

    /** The version the jar was built as; "dev" when run from classes. */
    public static String serverVersion() {
        String v = FlightConfiguration.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
