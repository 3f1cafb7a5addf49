package io.polaroid.server;

import io.polaroid.server.config.Role;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One application, three roles ({@code polaroid.role}): a coordinator, a worker, or both in one
 * process (standalone, the default). A worker listens on 50060 and 8081 unless told otherwise,
 * so a coordinator and a worker can share a host with no configuration.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PolaroidServer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PolaroidServer.class);
        Map<String, Object> defaults = new HashMap<>();
        if (Role.fromArgsAndEnv(args) == Role.WORKER) {
            defaults.put("spring.grpc.server.port", 50060);
            defaults.put("server.port", 8081);
            // the console and its API are the coordinator's: a worker serves no static files
            defaults.put("spring.web.resources.add-mappings", false);
        }
        app.setDefaultProperties(defaults);
        app.run(args);
    }
}
