package io.polaroid.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator behind the same credentials as the gRPC port: health (liveness and readiness
 * probes) stays open; metrics, Prometheus, info and the rest answer 401 without a client token or
 * the cluster's internal credential in the {@code Authorization} header.
 */
final class ActuatorAuthFilter extends OncePerRequestFilter {
    private final ClusterSecurity security;

    ActuatorAuthFilter(ClusterSecurity security) {
        this.security = security;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (security.accepts(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "a Bearer token is required; /actuator/health is open");
    }
}
