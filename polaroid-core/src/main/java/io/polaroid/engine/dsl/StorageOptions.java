package io.polaroid.engine.dsl;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scan's own object-store settings, under Polars' (object_store's) key names, e.g.
 * {@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_region},
 * {@code aws_endpoint_url}. They become S3A settings of that scan's file systems only (see
 * {@code FileSystems#forScan} in the engine). Values of secret keys are never shown: {@link #toString} masks them.
 */
public record StorageOptions(Map<String, String> values) {
    public static final StorageOptions NONE = new StorageOptions(Map.of());

    /** Each accepted spelling, to what it means. */
    private enum Key { ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, REGION, ENDPOINT, ALLOW_HTTP, VIRTUAL_HOSTED, SKIP_SIGNATURE }

    private static final Map<String, Key> KEYS = keys();
    private static final Set<Key> SECRET = Set.of(Key.ACCESS_KEY, Key.SECRET_KEY, Key.SESSION_TOKEN);
    private static final String PROVIDER = "fs.s3a.aws.credentials.provider";
    /** The engine's own credentials, which a scan that names its credentials or endpoint does not inherit. */
    public static final List<String> ENGINE_CREDENTIALS = List.of("fs.s3a.access.key", "fs.s3a.secret.key", "fs.s3a.session.token");

    private static Map<String, Key> keys() {
        Map<String, Key> k = new LinkedHashMap<>();
        spell(k, Key.ACCESS_KEY, "aws_access_key_id", "access_key_id");
        spell(k, Key.SECRET_KEY, "aws_secret_access_key", "secret_access_key");
        spell(k, Key.SESSION_TOKEN, "aws_session_token", "session_token", "aws_token", "token");
        spell(k, Key.REGION, "aws_region", "region", "aws_default_region", "default_region");
        spell(k, Key.ENDPOINT, "aws_endpoint_url", "aws_endpoint", "endpoint_url", "endpoint");
        spell(k, Key.ALLOW_HTTP, "aws_allow_http", "allow_http");
        spell(k, Key.VIRTUAL_HOSTED, "aws_virtual_hosted_style_request", "virtual_hosted_style_request");
        spell(k, Key.SKIP_SIGNATURE, "aws_skip_signature", "skip_signature");
        return Map.copyOf(k);
    }

    private static void spell(Map<String, Key> into, Key key, String... names) {
        for (String n : names) {
            into.put(n, key);
        }
    }

    /** Sorted by key, so a plan prints them in one order whichever way they were given. */
    public StorageOptions {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Fails (INVALID_PLAN) naming the first key that is not an object-store setting, with the known keys. */
    public void check(Object scanned) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!KEYS.containsKey(e.getKey().toLowerCase(Locale.ROOT))) {
                throw new PolaroidException(ErrorCode.INVALID_PLAN, "unknown storage option '" + e.getKey()
                        + "' of the scan of " + scanned + "; known: " + new TreeSet<>(KEYS.keySet()));
            }
            Key key = KEYS.get(e.getKey().toLowerCase(Locale.ROOT));
            if ((key == Key.ALLOW_HTTP || key == Key.VIRTUAL_HOSTED || key == Key.SKIP_SIGNATURE) && flag(e.getValue()) == null) {
                throw new PolaroidException(ErrorCode.INVALID_PLAN, "storage option '" + e.getKey() + "' of the scan of "
                        + scanned + " is " + e.getValue() + ", not true or false");
            }
        }
    }

    /**
     * The S3A settings these options ask for. As object_store does, requests are path-style unless
     * {@code aws_virtual_hosted_style_request} is true, and an {@code http:} endpoint turns TLS off.
     * Options that name keys or an endpoint also name the credentials provider: the scan's keys, or
     * unsigned requests, never the engine's credentials (which could otherwise be sent to any endpoint).
     */
    public Map<String, String> hadoopSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        boolean virtualHosted = false;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            switch (KEYS.get(e.getKey().toLowerCase(Locale.ROOT))) {
                case ACCESS_KEY -> out.put("fs.s3a.access.key", v);
                case SECRET_KEY -> out.put("fs.s3a.secret.key", v);
                case SESSION_TOKEN -> {
                    out.put("fs.s3a.session.token", v);
                    out.put(PROVIDER, "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
                }
                case REGION -> out.put("fs.s3a.endpoint.region", v);
                case ENDPOINT -> {
                    out.put("fs.s3a.endpoint", v);
                    if (v.startsWith("http://")) {
                        out.put("fs.s3a.connection.ssl.enabled", "false");
                    }
                }
                case ALLOW_HTTP -> out.putIfAbsent("fs.s3a.connection.ssl.enabled", String.valueOf(!flag(v)));
                case VIRTUAL_HOSTED -> virtualHosted = flag(v);
                case SKIP_SIGNATURE -> {
                    if (flag(v)) {
                        out.put(PROVIDER, "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
                    }
                }
            }
        }
        boolean keys = out.containsKey("fs.s3a.access.key");
        if (!out.containsKey(PROVIDER) && (keys || out.containsKey("fs.s3a.endpoint"))) {
            // an endpoint of the scan's own never gets the engine's credentials: its keys, or none
            out.put(PROVIDER, keys ? "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"
                    : "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        }
        out.put("fs.s3a.path.style.access", String.valueOf(!virtualHosted));
        if (out.containsKey("fs.s3a.endpoint") && !out.containsKey("fs.s3a.endpoint.region")) {
            out.put("fs.s3a.endpoint.region", "us-east-1");
        }
        return out;
    }

    private static Boolean flag(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> null;
        };
    }

    /** The values of secret keys (to take out of messages that may quote them). */
    public List<String> secrets() {
        return values.entrySet().stream().filter(e -> secret(e.getKey()))
                .map(Map.Entry::getValue).filter(v -> !v.isEmpty()).toList();
    }

    /** {@code text} with every secret value replaced by {@code ***}. */
    public String mask(String text) {
        String out = text;
        for (String s : secrets()) {
            out = out.replace(s, "***");
        }
        return out;
    }

    /** The options with secret values masked, for plans and messages. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, secret(k) ? "***" : v));
        return shown.toString();
    }

    /** Secret, or not a known key (whose value is then not shown either). */
    private static boolean secret(String name) {
        Key key = KEYS.get(name.toLowerCase(Locale.ROOT));
        return key == null || SECRET.contains(key);
    }
}
