package io.polaroid.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's {@code docker-compose.yml}, read the way Compose reads it: YAML anchors and
 * merge keys resolved, a service's {@code environment} in list form ({@code - NAME=value}) or map
 * form, values as strings, interpolated against the project environment, that is what {@code docker
 * compose} interpolates with: the variables of the {@code .env} file beside the compose file (see
 * {@link #readEnvFile}), under the shell's. The rules are those of {@code tests/deploy/compose_env.py}:
 * {@code $$} is a literal dollar; {@code ${VAR}} and {@code $VAR} the variable (empty when unset);
 * {@code ${VAR:-def}} / {@code ${VAR-def}} a default when unset or empty / unset; {@code ${VAR:+alt}}
 * / {@code ${VAR+alt}} the alternative when set and non-empty / set; {@code ${VAR:?msg}} /
 * {@code ${VAR?msg}} an error when unset or empty / unset, as Compose refuses to start. Tests start
 * the same topology as processes from it.
 */
final class ComposeFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, Object> services;
    private final Map<String, String> project;

    /** {@code project}: the project environment (a {@code .env} file's variables, the shell's over them). */
    @SuppressWarnings("unchecked")
    ComposeFile(Path file, Map<String, String> project) {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            this.services = (Map<String, Object>) doc.get("services");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        this.project = Map.copyOf(project);
    }

    /** The compose file at the repository root (tests run in a module folder), with this project environment. */
    static ComposeFile ofRepository(Map<String, String> project) {
        return new ComposeFile(Path.of("..", "docker-compose.yml").toAbsolutePath().normalize(), project);
    }

    /**
     * The variables of a {@code .env} file as Compose reads it: {@code KEY=VALUE} lines (optionally
     * {@code export KEY=VALUE}; a single-quoted value taken literally, a double-quoted one unquoted),
     * blank lines and {@code #} comments skipped.
     */
    static Map<String, String> readEnvFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).stripLeading();
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    env.put(key, value.substring(1, value.length() - 1));
                    continue;
                }
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(key, interpolate(value, env));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Object s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service '" + name + "'; it has " + services.keySet());
        }
        return (Map<String, Object>) s;
    }

    Set<String> serviceNames() {
        return services.keySet();
    }

    /**
     * A service's environment, with its values as Compose passes them to the container; an
     * {@link IllegalArgumentException} where Compose would refuse to start (a required variable unset).
     */
    Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v == null) {
                    fromProject(out, String.valueOf(k));
                } else {
                    out.put(String.valueOf(k), interpolate(String.valueOf(v), project));
                }
            });
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                if (eq < 0) {
                    fromProject(out, s);
                } else {
                    out.put(s.substring(0, eq), interpolate(s.substring(eq + 1), project));
                }
            }
        }
        return out;
    }

    /** A bare name takes the value of the environment {@code docker compose} runs in, or is left out. */
    private void fromProject(Map<String, String> out, String key) {
        if (project.containsKey(key)) {
            out.put(key, project.get(key));
        }
    }

    /** Compose's interpolation of one value against {@code vars}. */
    static String interpolate(String value, Map<String, String> vars) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
            if (c != '$') {
                out.append(c);
                i++;
            } else if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(value, i + 2);
                out.append(substitute(value.substring(i + 2, end), vars));
                i = end + 1;
            } else {
                Matcher m = NAME.matcher(value).region(i + 1, value.length());
                if (m.lookingAt()) {
                    out.append(vars.getOrDefault(m.group(), ""));
                    i = m.end();
                } else {
                    out.append('$');
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static int closingBrace(String value, int start) {
        int depth = 1;
        for (int i = start; i < value.length(); i++) {
            if (value.startsWith("$$", i)) {
                i++;
            } else if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed ${ in " + value);
    }

    private static String substitute(String expr, Map<String, String> vars) {
        Matcher m = NAME.matcher(expr);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("bad variable reference ${" + expr + "}");
        }
        String name = m.group();
        String rest = expr.substring(m.end());
        boolean isSet = vars.containsKey(name);
        String current = vars.getOrDefault(name, "");
        if (rest.isEmpty()) {
            return current;
        }
        for (String op : List.of(":-", "-", ":+", "+", ":?", "?")) {
            if (!rest.startsWith(op)) {
                continue;
            }
            String arg = rest.substring(op.length());
            boolean present = isSet && (!current.isEmpty() || !op.startsWith(":"));
            if (op.endsWith("-")) {
                return present ? current : interpolate(arg, vars);
            }
            if (op.endsWith("+")) {
                return present ? interpolate(arg, vars) : "";
            }
            if (!present) {
                throw new IllegalArgumentException("required variable " + name + " is missing: " + interpolate(arg, vars));
            }
            return current;
        }
        throw new IllegalArgumentException("bad variable reference ${" + expr + "}");
    }
}
