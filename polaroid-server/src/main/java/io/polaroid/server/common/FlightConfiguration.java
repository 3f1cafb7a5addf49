package io.polaroid.server.common;

import io.grpc.BindableService;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.ClusterSecurity;
import io.polaroid.server.worker.TaskService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.flight.FlightGrpcUtils;
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
        PolaroidFlightProducer producer = new PolaroidFlightProducer(queries.getIfAvailable(),
                worker == null ? null : worker.store(), flightAllocator, metrics, security.tickets(),
                security.transport());
        return FlightGrpcUtils.createFlightService(flightAllocator, producer, ServerAuthHandler.NO_OP, flightExecutor);
    }
}
