package io.polaroid.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL text cut into its statements at the semicolons that are not in a string, a quoted name
 * or a comment. Each statement keeps its place in the text: {@link Statement#text()} is the whole
 * text with everything outside the statement blanked (newlines kept), so the parser's line and
 * column numbers are those of the text the user wrote. The statements the parser has no grammar
 * for (views, EXPLAIN) are recognized here by their first words.
 */
public final class SqlStatements {
    /** What a statement does. */
    public enum Kind { QUERY, CREATE_VIEW, DROP_VIEW, EXPLAIN }

    /**
     * One statement. For a view, {@code name} and the optional {@code columns}; {@code body} is
     * the blanked text of the query part (for a query, the statement itself).
     */
    public record Statement(Kind kind, String name, List<String> columns, boolean orReplace, boolean ifExists,
                            String body, int start) {
    }

    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?is)\\s*create\\s+(or\\s+replace\\s+)?(?:(?:temp|temporary)\\s+)?view\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + "(\"(?:[^\"]|\"\")+\"|[\\w.]+)\\s*(\\(([^)]*)\\))?\\s*as\\s");
    private static final Pattern DROP_VIEW = Pattern.compile(
            "(?is)\\s*drop\\s+view\\s+(if\\s+exists\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w.]+)\\s*");
    private static final Pattern EXPLAIN = Pattern.compile("(?is)\\s*explain\\s");

    private SqlStatements() {
    }

    /** The statements of {@code sql}, in order; empty statements (a trailing semicolon) are dropped. */
    public static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        for (int[] range : ranges(sql)) {
            String part = sql.substring(range[0], range[1]);
            if (part.replaceAll("(?s)--[^\n]*|/\\*.*?\\*/", "").isBlank()) {
                continue;
            }
            out.add(classify(sql, range[0], range[1]));
        }
        return out;
    }

    private static Statement classify(String sql, int from, int to) {
        String part = stripComments(sql.substring(from, to));
        Matcher m = CREATE_VIEW.matcher(part);
        if (m.lookingAt()) {
            List<String> columns = new ArrayList<>();
            if (m.group(4) != null) {
                for (String c : m.group(4).split(",")) {
                    columns.add(identifier(c.trim()));
                }
            }
            return new Statement(Kind.CREATE_VIEW, identifier(m.group(2)), columns, m.group(1) != null, false,
                    blank(sql, from + m.end(), to), from + m.end());
        }
        m = DROP_VIEW.matcher(part);
        if (m.matches()) {
            return new Statement(Kind.DROP_VIEW, identifier(m.group(2)), List.of(), false, m.group(1) != null, "", from);
        }
        m = EXPLAIN.matcher(part);
        if (m.lookingAt()) {
            return new Statement(Kind.EXPLAIN, null, List.of(), false, false, blank(sql, from + m.end(), to), from + m.end());
        }
        return new Statement(Kind.QUERY, null, List.of(), false, false, blank(sql, from, to), from);
    }

    /** Comments replaced by spaces of the same length, so offsets into the part still hold. */
    private static String stripComments(String part) {
        StringBuilder b = new StringBuilder(part);
        Matcher m = Pattern.compile("(?s)--[^\n]*|/\\*.*?\\*/").matcher(part);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (b.charAt(i) != '\n') {
                    b.setCharAt(i, ' ');
                }
            }
        }
        return b.toString();
    }

    /** A name as written: quoted names keep their case and lose their quotes. */
    private static String identifier(String text) {
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        int dot = text.lastIndexOf('.');
        return dot >= 0 ? text.substring(dot + 1) : text;
    }

    /** {@code sql} with every character outside [from, to) a space, newlines kept. */
    static String blank(String sql, int from, int to) {
        StringBuilder b = new StringBuilder(sql.length());
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            b.append(i >= from && i < to || c == '\n' || c == '\r' ? c : ' ');
        }
        return b.toString();
    }

    /** Start and end offsets of each statement: up to a top-level semicolon. */
    private static List<int[]> ranges(String sql) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                out.add(new int[] {start, i});
                start = ++i;
            } else {
                i++;
            }
        }
        out.add(new int[] {start, n});
        return out;
    }

    /** The offset after the quote that closes the one at {@code open} (a doubled quote is a quote). */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

}
