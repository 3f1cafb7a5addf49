package io.polaroid.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP API ({@code /api/*}) behind the client credentials of the gRPC port: a bearer token, a
 * session token or basic auth in the {@code Authorization} header. A request without one is
 * answered 401 with the API's JSON error; an accepted one carries its {@link Caller} as the
 * request attribute {@link #CALLER}. The console's static files stay open: its login page asks
 * for the token.
 */
public final class ApiAuthFilter extends OncePerRequestFilter {
    public static final String CALLER = Caller.class.getName();

    private final ClusterSecurity security;

    ApiAuthFilter(ClusterSecurity security) {
        this.security = security;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        Caller caller = security.client(authorization);
        if (caller != null) {
            request.setAttribute(CALLER, caller);
            chain.doFilter(request, response);
            return;
        }
        String why = authorization == null ? "a credential is required: an Authorization header with a Bearer token"
                : "the credential was not accepted (a wrong or expired token)";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"code\":\"UNAUTHENTICATED\",\"errorCode\":\"UNAUTHENTICATED\",\"message\":\""
                + why + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
