package io.polaroid.server.coordinator;


import io.polaroid.engine.session.QueryEngine;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.server.common.FlightConfiguration;
import io.polaroid.server.common.ResultLocations;
import io.polaroid.server.config.ResultsProperties;
import io.polaroid.server.coordinator.flightsql.FlightSqlRouter;
import io.polaroid.server.coordinator.flightsql.PolaroidFlightSqlProducer;
import io.polaroid.server.worker.WorkerFlightProducer;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.beans.factory.ObjectProvider;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.config.PolaroidProperties;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.config.SecurityProperties;
import io.polaroid.server.config.EngineProperties;
import io.polaroid.server.config.LimitsProperties;
import io.polaroid.server.common.PlanLimits;
import io.polaroid.server.common.PlanRequestParsing;
import io.grpc.BindableService;
import io.polaroid.server.config.WorkerProperties;
import io.polaroid.server.security.ClusterSecurity;
import io.micrometer.core.instrument.Gauge;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The coordinator's beans: on for {@code polaroid.role} coordinator and standalone. */
@Configuration(proxyBeanMethods = false)
@CoordinatorOnly
public class CoordinatorConfiguration {
    @Bean(destroyMethod = "close")
    WorkerRegistry workerRegistry(SchedulerProperties props, PolaroidMetrics metrics, ClusterSecurity security) {
        WorkerRegistry registry = new WorkerRegistry(props, security.internal(), security.transport());
        Gauge.builder("polaroid.workers.live", registry, r -> r.live().size()).description("Live workers")
                .register(metrics.registry());
        return registry;
    }

    @Bean
    QueryManager queryManager(QueryEngine engine, WorkerRegistry registry, SchedulerProperties props, PolaroidMetrics metrics,
                              PolaroidProperties polaroid, ClusterSecurity security, SecurityProperties securityProps,
                              LimitsProperties limits, ResultsProperties results) {
        return new QueryManager(engine, registry, props, metrics, new Catalog(polaroid.catalog(), engine.files()::check),
                security.tickets(), securityProps.ticketTtl(), new PlanLimits(limits), results.stream());
    }

    /** Each worker that registers runs a small task first, unless {@code polaroid.engine.warm-up} is off. */
    @Bean(destroyMethod = "close")
    WorkerWarmUp workerWarmUp(QueryEngine engine, WorkerRegistry registry, ClusterSecurity security, EngineProperties engineProps) {
        WorkerWarmUp warmUp = new WorkerWarmUp(engine, security.tickets(), new GrpcWorkerClient());
        if (engineProps.warmUp()) {
            registry.onRegister(warmUp::warm);
        }
        return warmUp;
    }

    /** Where clients read results, as {@code polaroid.results.relay} says. */
    @Bean
    ResultLocations resultLocations(ClusterSecurity security, ResultsProperties results) {
        return new ResultLocations(security.transport(), results.relay());
    }

    /** Flight clients to the workers, presenting the internal credential, for the relay. */
    @Bean(destroyMethod = "close")
    FlightFetcher relayClients(BufferAllocator flightAllocator, ClusterSecurity security) {
        return new FlightFetcher(flightAllocator, null, security.internal(), security.transport());
    }

    /** Result partitions read from their workers for clients that reach only the coordinator (Flight and HTTP). */
    @Bean
    ResultRelay resultRelay(WorkerRegistry registry, FlightFetcher relayClients, ResultsProperties results,
                            ClusterSecurity security, PolaroidMetrics metrics) {
        return new ResultRelay(results.relay(), registry, security.tickets(), relayClients, metrics);
    }

    /**
     * The coordinator's Flight: Flight SQL in front (SQL clients need no other port), the plan
     * producer behind it, and in a standalone process the worker's partitions behind that.
     */
    @Bean
    FlightSqlRouter coordinatorFlight(QueryManager queries, WorkerRegistry registry, ResultLocations locations,
                                      ResultRelay relay, ClusterSecurity security, BufferAllocator flightAllocator,
                                      ObjectProvider<WorkerFlightProducer> localWorker) {
        CoordinatorFlightProducer plans = new CoordinatorFlightProducer(queries, locations, relay, localWorker.getIfAvailable());
        return new FlightSqlRouter(plans, new PolaroidFlightSqlProducer(queries, locations, security.tickets(), flightAllocator,
                security::accepts, FlightConfiguration.serverVersion()));
    }

    /** PolaroidConnect, its requests (which carry plans) parsed under polaroid.limits ({@link PlanRequestParsing}). */
    @Bean
    BindableService polaroidConnectService(QueryManager queries, ClusterSecurity security, LimitsProperties limits) {
        PolaroidConnectService service = new PolaroidConnectService(queries, security.transport());
        return () -> PlanRequestParsing.wrap(service.bindService(), new PlanLimits(limits));
    }

    @Bean
    WorkerRegistryService workerRegistryService(WorkerRegistry registry, WorkerProperties workers) {
        return new WorkerRegistryService(registry, workers.heartbeatInterval().toMillis());
    }

    /** Ready to take queries only with at least one live worker (part of the readiness group). */
    @Bean("workers")
    HealthIndicator workersHealth(WorkerRegistry registry) {
        return () -> {
            int live = registry.live().size();
            return (live > 0 ? Health.up() : Health.outOfService()).withDetail("live", live).build();
        };
    }
}
