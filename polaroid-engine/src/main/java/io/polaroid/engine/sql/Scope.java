package io.polaroid.engine.sql;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a SQL expression can name: those of the FROM clause it stands in, then, for a
 * subquery, those of the queries around it ({@code outer}). Names match without regard to case,
 * as in DuckDB; a name two tables have needs its table's name or alias.
 */
final class Scope {
    /** A name found {@code depth} scopes out (0: this one; more: a correlated reference). */
    record Found(SqlColumn column, int depth) {
    }

    private final List<SqlColumn> columns;
    private final Scope outer;

    Scope(List<SqlColumn> columns, Scope outer) {
        this.columns = List.copyOf(columns);
        this.outer = outer;
    }

    List<SqlColumn> columns() {
        return columns;
    }

    Scope outer() {
        return outer;
    }

    /** The column {@code names} ({@code [column]} or {@code [table, column]}) names. */
    Found resolve(List<String> names) {
        int depth = 0;
        for (Scope s = this; s != null; s = s.outer, depth++) {
            SqlColumn c = s.find(names);
            if (c != null) {
                return new Found(c, depth);
            }
        }
        String shown = String.join(".", names);
        throw new PolaroidException(ErrorCode.COLUMN_NOT_FOUND, "column '" + shown + "' not found; " + describe());
    }

    /** The column here, or null; an ambiguous name fails. */
    private SqlColumn find(List<String> names) {
        String column = names.get(names.size() - 1);
        String qualifier = names.size() > 1 ? names.get(names.size() - 2) : null;
        List<SqlColumn> exact = new ArrayList<>();
        List<SqlColumn> folded = new ArrayList<>();
        for (SqlColumn c : columns) {
            if (qualifier != null && (c.qualifier() == null || !c.qualifier().equalsIgnoreCase(qualifier))) {
                continue;
            }
            if (c.name().equals(column)) {
                exact.add(c);
            } else if (c.name().equalsIgnoreCase(column)) {
                folded.add(c);
            }
        }
        List<SqlColumn> found = exact.isEmpty() ? folded : exact;
        if (found.size() > 1) {
            List<String> options = new ArrayList<>();
            for (SqlColumn c : found) {
                options.add(c.qualifier() == null ? c.name() : c.qualifier() + "." + c.name());
            }
            throw new PolaroidException(ErrorCode.COLUMN_NOT_FOUND, "column reference '" + String.join(".", names)
                    + "' is ambiguous: it could be " + String.join(" or ", options) + "; name the table");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The tables in scope with their columns, for errors: {@code the tables in scope have t(a, b), u(c)}. */
    String describe() {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (Scope s = this; s != null; s = s.outer) {
            for (SqlColumn c : s.columns) {
                byTable.computeIfAbsent(c.qualifier() == null ? "" : c.qualifier(), k -> new ArrayList<>()).add(c.name());
            }
        }
        if (byTable.isEmpty()) {
            return "there is no table in scope";
        }
        List<String> parts = new ArrayList<>();
        byTable.forEach((t, cs) -> parts.add((t.isEmpty() ? "" : t) + "(" + String.join(", ", cs) + ")"));
        return "the columns in scope are " + String.join(", ", parts);
    }

}
