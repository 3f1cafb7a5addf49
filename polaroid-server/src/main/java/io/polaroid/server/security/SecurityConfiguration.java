package io.polaroid.server.security;

import io.grpc.ServerInterceptor;
import io.polaroid.server.config.PolaroidProperties;
import io.polaroid.server.config.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;

/** Authentication on every service of the gRPC port (PolaroidConnect, Flight, internal services). */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    @Bean
    ClusterSecurity clusterSecurity(SecurityProperties props, PolaroidProperties polaroid) {
        return new ClusterSecurity(props, polaroid.role());
    }

    @Bean
    @GlobalServerInterceptor
    ServerInterceptor authInterceptor(ClusterSecurity security) {
        return security.interceptor();
    }

    @Bean
    FilterRegistrationBean<ActuatorAuthFilter> actuatorAuth(ClusterSecurity security) {
        FilterRegistrationBean<ActuatorAuthFilter> filter = new FilterRegistrationBean<>(new ActuatorAuthFilter(security));
        filter.addUrlPatterns("/actuator/*");
        return filter;
    }

    /** The coordinator's HTTP API; a worker has none, and the filter finds nothing to guard there. */
    @Bean
    FilterRegistrationBean<ApiAuthFilter> apiAuth(ClusterSecurity security) {
        FilterRegistrationBean<ApiAuthFilter> filter = new FilterRegistrationBean<>(new ApiAuthFilter(security));
        filter.addUrlPatterns("/api/*");
        return filter;
    }
}
