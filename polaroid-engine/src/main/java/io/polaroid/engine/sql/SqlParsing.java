package io.polaroid.engine.sql;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Calcite's Babel parser, set up as DuckDB and Polars read SQL: names keep the case they are
 * written in (and match columns without regard to case), double quotes quote names, and the
 * lenient forms other engines accept ({@code !=}, {@code LIMIT}, {@code ::}) parse. Syntax errors
 * become {@code PARSE_ERROR}s with the line, the column and a short list of what was expected.
 */
final class SqlParsing {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withIdentifierMaxLength(1024);
    private static final int EXPECTED_SHOWN = 12;

    private SqlParsing() {
    }

    /** The one statement in {@code text} (a statement's blanked text, see {@link SqlStatements}). */
    static SqlNode parse(String text) {
        try {
            return SqlParser.create(text, CONFIG).parseStmt();
        } catch (SqlParseException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Non-query expression")) {
                throw notAStatement(text, e.getPos());
            }
            throw syntaxError(e);
        }
    }

    /** Text that parses as an expression but starts no statement ({@code SELEC x FROM t}). */
    private static PolaroidException notAStatement(String text, SqlParserPos pos) {
        String word = text.strip().split("[\\s(;]+", 2)[0];
        return new PolaroidException(ErrorCode.PARSE_ERROR, "SQL syntax error at line " + pos.getLineNum() + ", column "
                + pos.getColumnNum() + ": a statement starts with SELECT, WITH, CREATE VIEW, DROP VIEW or EXPLAIN, not '"
                + word + "'");
    }

    private static PolaroidException syntaxError(SqlParseException e) {
        SqlParserPos pos = e.getPos();
        String first = e.getMessage() == null ? "syntax error" : e.getMessage().split("\n")[0].trim();
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        first = first.replaceAll(" at line \\d+, column \\d+", "");
        StringBuilder msg = new StringBuilder("SQL syntax error");
        if (pos != null && pos.getLineNum() > 0) {
            msg.append(" at line ").append(pos.getLineNum()).append(", column ").append(pos.getColumnNum());
        }
        msg.append(": ").append(first);
        List<String> expected = expected(e.getExpectedTokenNames());
        if (!expected.isEmpty()) {
            msg.append("; expected ").append(String.join(", ", expected.subList(0, Math.min(EXPECTED_SHOWN, expected.size()))));
            if (expected.size() > EXPECTED_SHOWN) {
                msg.append(", ... (").append(expected.size() - EXPECTED_SHOWN).append(" more)");
            }
        }
        return new PolaroidException(ErrorCode.PARSE_ERROR, msg.toString());
    }

    /** Calcite's expected tokens as a reader would write them: {@code "FROM"} as FROM, symbols first. */
    private static List<String> expected(Collection<String> names) {
        if (names == null) {
            return List.of();
        }
        TreeSet<String> symbols = new TreeSet<>();
        TreeSet<String> words = new TreeSet<>();
        for (String n : names) {
            if (n.startsWith("\"") && n.endsWith("\"") && n.length() > 2) {
                String t = n.substring(1, n.length() - 1);
                (Character.isLetter(t.charAt(0)) ? words : symbols).add(t);
            } else if (n.startsWith("<") && n.endsWith(">")) {
                words.add(n.substring(1, n.length() - 1).toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        List<String> out = new ArrayList<>(symbols);
        out.addAll(words);
        return out;
    }
}
