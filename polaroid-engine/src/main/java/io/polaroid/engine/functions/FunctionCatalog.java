package io.polaroid.engine.functions;

import java.util.List;

/**
 * The functions as a JSON document, one object per function in family order: what the SDK tests
 * (Java and both Python backends) check themselves against, so that a function missing on one
 * side fails the build. {@code testdata/functions.json} holds it; a test keeps it current.
 */
public final class FunctionCatalog {
    private FunctionCatalog() {
    }

    public static String json() {
        StringBuilder out = new StringBuilder("{\n  \"functions\": [");
        String separator = "\n";
        for (FunctionFamily family : FunctionRegistry.families()) {
            for (FunctionDef f : family.functions()) {
                out.append(separator).append("    {\"name\": ").append(quote(f.name()))
                        .append(", \"kind\": ").append(quote(f.kind().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(", \"family\": ").append(quote(family.name()))
                        .append(",\n     \"signature\": ").append(quote(f.signature()))
                        .append(",\n     \"python\": ").append(quote(f.python()))
                        .append(", \"in_polars\": ").append(f.inPolars())
                        .append(", \"java\": ").append(quote(f.java()))
                        .append(", \"sql\": ").append(list(f.sql())).append("}");
                separator = ",\n";
            }
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(FunctionCatalog::quote).toList()) + "]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
