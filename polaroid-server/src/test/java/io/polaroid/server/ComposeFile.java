package io.polaroid.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's {@code docker-compose.yml}, read the way Compose reads it: YAML anchors and
 * merge keys resolved, a service's {@code environment} in list form ({@code - NAME=value}) or map
 * form, values as strings with {@code ${VAR:-default}} interpolated (from this process'
 * environment, else the default). Tests start the same topology as processes from it.
 */
final class ComposeFile {
    private final Map<String, Object> services;

    @SuppressWarnings("unchecked")
    ComposeFile(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            this.services = (Map<String, Object>) doc.get("services");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The compose file at the repository root (tests run in a module folder). */
    static ComposeFile ofRepository() {
        return new ComposeFile(Path.of("..", "docker-compose.yml").toAbsolutePath().normalize());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Object s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service '" + name + "'; it has " + services.keySet());
        }
        return (Map<String, Object>) s;
    }

    java.util.Set<String> serviceNames() {
        return services.keySet();
    }

    /** A service's environment, with its values as Compose passes them to the container. */
    Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : interpolate(s.substring(eq + 1)));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");

    /** Compose's interpolation: {@code ${VAR}}, {@code ${VAR:-default}}; {@code $$} is a literal dollar. */
    static String interpolate(String value) {
        java.util.regex.Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = System.getenv(m.group(1));
            String replacement = set != null && !set.isEmpty() ? set : m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }
}
