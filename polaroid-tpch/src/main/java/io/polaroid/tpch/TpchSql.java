package io.polaroid.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The official TPC-H query texts shipped in the tpch jar, as SQL statements a peer can run. */
public final class TpchSql {
    private TpchSql() {
    }

    /** The text of query {@code n} as the tpch jar has it, comments and all: one SQL script. */
    public static String text(int n) {
        try (InputStream in = TpchSql.class.getResourceAsStream("/io/trino/tpch/queries/q" + n + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of query {@code n}, comments removed; all but the last prepare (Q15 creates a view). */
    public static List<String> statements(int n) {
        String text = text(n);
        List<String> out = new ArrayList<>();
        for (String s : text.replaceAll("--[^\n]*", "").split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
