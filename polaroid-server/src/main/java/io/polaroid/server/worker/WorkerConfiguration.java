package io.polaroid.server.worker;

import io.polaroid.engine.session.QueryEngine;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.config.PolaroidProperties;
import io.polaroid.server.config.Role;
import io.polaroid.server.config.WorkerProperties;
import io.polaroid.server.security.ClusterSecurity;
import io.micrometer.core.instrument.Gauge;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The worker's beans: on for {@code polaroid.role} worker and standalone. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${polaroid.role:standalone}'.toLowerCase() != 'coordinator'")
public class WorkerConfiguration {
    @Bean(destroyMethod = "close")
    TaskService taskService(QueryEngine engine, PolaroidMetrics metrics, WorkerProperties props, ClusterSecurity security) {
        TaskService tasks = new TaskService(engine, metrics, props, security.internal(), security.transport());
        Gauge.builder("polaroid.worker.memory", tasks, t -> t.status().getMemoryBytes()).baseUnit("bytes")
                .description("Arrow memory held by this worker").register(metrics.registry());
        return tasks;
    }

    /** The worker's task service; a RunTaskRequest carries its stage's fragment, parsed under polaroid.limits. */
    @Bean
    io.grpc.BindableService workerTasksService(TaskService tasks, io.polaroid.server.config.LimitsProperties limits) {
        WorkerTasksService service = new WorkerTasksService(tasks);
        return () -> io.polaroid.server.common.PlanRequestParsing.wrap(service.bindService(),
                new io.polaroid.server.common.PlanLimits(limits));
    }

    /** The worker's Flight: its partitions, to clients, to the coordinator's relay and to other workers. */
    @Bean
    WorkerFlightProducer workerFlight(TaskService tasks, org.apache.arrow.memory.BufferAllocator flightAllocator,
                                      PolaroidMetrics metrics, ClusterSecurity security) {
        return new WorkerFlightProducer(tasks.store(), flightAllocator, metrics, security.tickets());
    }

    @Bean(destroyMethod = "close")
    CoordinatorLink coordinatorLink(WorkerProperties props, TaskService tasks, ClusterSecurity security) {
        return new CoordinatorLink(props, tasks, security.internal(), security.transport());
    }

    /** Joins the coordinator once the gRPC server listens (a standalone process joins itself). */
    @Bean
    ApplicationListener<GrpcServerStartedEvent> joinCoordinator(CoordinatorLink link, WorkerProperties props,
                                                                PolaroidProperties polaroid) {
        return event -> {
            String coordinator = props.coordinator();
            if (coordinator == null || coordinator.isBlank()) {
                if (polaroid.role() != Role.STANDALONE) {
                    throw new IllegalStateException("a worker needs the coordinator's address: set POLAROID_COORDINATOR=host:port");
                }
                coordinator = "127.0.0.1:" + event.getPort();
            }
            link.start(coordinator, event.getPort());
        };
    }
}
