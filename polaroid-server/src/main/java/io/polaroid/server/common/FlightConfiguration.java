package io.polaroid.server.common;

import io.grpc.BindableService;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.coordinator.flightsql.FlightSqlRouter;
import io.polaroid.server.coordinator.flightsql.PolaroidFlightSqlProducer;
import io.polaroid.server.security.ClusterSecurity;
import io.polaroid.server.worker.TaskService;
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
 */
@Configuration(proxyBeanMethods = false)
public class FlightConfiguration {
    @Bean(destroyMethod = "close")
    BufferAllocator flightAllocator(QueryEngine engine) {
        return engine.rootAllocator().newChildAllocator("flight", 0, Long.MAX_VALUE);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService flightExecutor() {
        return new ContextExecutorService(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "polaroid-flight");
            t.setDaemon(true);
            return t;
        }));
    }

    @Bean
    BindableService flightService(BufferAllocator flightAllocator, ExecutorService flightExecutor,
                                  ObjectProvider<QueryManager> queries, ObjectProvider<TaskService> tasks,
                                  PolaroidMetrics metrics, ClusterSecurity security) {
        TaskService worker = tasks.getIfAvailable();
        QueryManager coordinator = queries.getIfAvailable();
        FlightProducer producer = new PolaroidFlightProducer(coordinator,
                worker == null ? null : worker.store(), flightAllocator, metrics, security.tickets(),
                security.transport());
        if (coordinator != null) {
            // Flight SQL shares the coordinator's Flight service: SQL clients need no other port
            producer = new FlightSqlRouter(producer, new PolaroidFlightSqlProducer(coordinator, security.transport(),
                    security.tickets(), flightAllocator, security::accepts, serverVersion()));
        }
        return FlightGrpcUtils.createFlightService(flightAllocator, producer, ServerAuthHandler.NO_OP, flightExecutor);
    }

    /** The version the jar was built as; "dev" when run from classes. */
    private static String serverVersion() {
        String v = FlightConfiguration.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
