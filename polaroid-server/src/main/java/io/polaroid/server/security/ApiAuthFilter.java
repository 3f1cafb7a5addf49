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
 * answered 401 with the API's JSON error, a POST that is not JSON 415; an accepted one carries its
 * {@link Caller} as the request attribute {@link #CALLER}. The console's static files stay open: its login page asks
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
        if (caller == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", "UNAUTHENTICATED", authorization == null
                    ? "a credential is required: an Authorization header with a Bearer token"
                    : "the credential was not accepted (a wrong or expired token)");
            return;
        }
        if ("POST".equals(request.getMethod()) && !isJson(request.getContentType())) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "INVALID_ARGUMENT", "INVALID_PLAN",
                    "a POST to the API is sent with Content-Type: application/json");
            return;
        }
        request.setAttribute(CALLER, caller);
        chain.doFilter(request, response);
    }

    /**
     * Only JSON: a page on another site can make a browser send a form or plain text anywhere, but
     * not JSON without the CORS preflight this server never answers, so it cannot run queries
     * through a visitor's browser (with authentication off, on a closed network, say).
     */
    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** The API's JSON error; {@code message} is a fixed text of this class. */
    private static void refuse(HttpServletResponse response, int status, String code, String errorCode, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"code\":\"" + code + "\",\"errorCode\":\"" + errorCode + "\",\"message\":\""
                + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
