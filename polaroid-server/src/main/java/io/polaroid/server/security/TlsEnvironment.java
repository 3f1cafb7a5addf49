package io.polaroid.server.security;

import io.polaroid.server.config.SecurityProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code polaroid.security.tls.certificate} and {@code .private-key} into the Spring SSL
 * bundle that Spring gRPC serves its port with (the gRPC server is built with its credentials
 * already chosen, so TLS cannot be added to it afterwards). Runs after the configuration files,
 * arguments and environment are read, so every way of setting the two works.
 */
public final class TlsEnvironment implements EnvironmentPostProcessor, Ordered {
    static final String BUNDLE = "polaroid";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SecurityProperties.Tls tls = Binder.get(environment).bind("polaroid.security.tls", Bindable.of(SecurityProperties.Tls.class))
                .orElse(null);
        // without a key SecurityProperties refuses to bind, saying so
        if (tls == null || tls.certificate() == null || tls.privateKey() == null) {
            return;
        }
        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("spring.ssl.bundle.pem." + BUNDLE + ".keystore.certificate", "file:" + tls.certificate().toAbsolutePath());
        ssl.put("spring.ssl.bundle.pem." + BUNDLE + ".keystore.private-key", "file:" + tls.privateKey().toAbsolutePath());
        ssl.put("spring.grpc.server.ssl.enabled", "true");
        ssl.put("spring.grpc.server.ssl.bundle", BUNDLE);
        environment.getPropertySources().addLast(new MapPropertySource("polaroid-tls", ssl));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
