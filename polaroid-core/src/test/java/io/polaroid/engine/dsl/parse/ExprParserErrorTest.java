package io.polaroid.engine.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import org.junit.jupiter.api.Test;

/** Every failure is a PARSE_ERROR that says where, what was expected and what was found, with a caret. */
class ExprParserErrorTest {

    private static String failure(String text) {
        PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> ExprParser.parse(text));
        assertThat(e).as("parse error for %s", text).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR);
        return e.getMessage();
    }

    /** Checks the position and the expected/found part, and that the caret stands under that position. */
    private static void fails(String text, int position, String expectedAndFound) {
        String message = failure(text);
        assertThat(message).startsWith("cannot parse \"" + text + "\" at position " + position + ": expected "
                + expectedAndFound + "\n");
        String caretLine = message.substring(message.lastIndexOf('\n') + 1);
        assertThat(caretLine).isEqualTo("  " + " ".repeat(position - 1) + "^");
    }

    @Test
    void theWholeMessage() {
        assertThat(failure("price > 100 and")).isEqualTo("cannot parse \"price > 100 and\" at position 16: "
                + "expected an expression after 'and', found the end of the text\n"
                + "  price > 100 and\n"
                + "                 ^");
    }

    @Test
    void emptyText() {
        fails("", 1, "an expression, found the end of the text");
        fails("   ", 1, "an expression, found the end of the text");
    }

    @Test
    void unexpectedToken() {
        fails("a > )", 5, "an expression after '>', found ')'");
        fails("a = not b", 5, "an expression after '=', found 'not'");
        fails("end = 1", 1, "an expression, found 'end'");
        fails("x is 1", 6, "'null' or 'not null' after 'is', found '1'");
        fails("x not 1", 7, "'in', 'between' or 'like' after 'not', found '1'");
        fails("x between 1 or 2", 13, "'and' between the bounds of 'between', found 'or'");
        fails("case a when 1 then 2 end", 6, "'when' after 'case', found 'a'");
        fails("case when a then 1", 19, "'when', 'else' or 'end' to close the 'case' at position 1, "
                + "found the end of the text");
        fails("cast(a, int)", 7, "'as' and a type in 'cast', found ','");
        fails("a.b", 4, "'(' after the function name 'a.b', found the end of the text");
        fails("\"\" = 1", 1, "a column name, found an empty quoted name");
        fails("x in 1", 6, "'(' after 'in', found '1'");
    }

    @Test
    void unterminatedStringOrName() {
        fails("s = 'abc", 5, "the closing ' of the string that starts here, found the end of the text");
        fails("s = 'it''s", 5, "the closing ' of the string that starts here, found the end of the text");
        fails("\"abc = 1", 1, "the closing \" of the name that starts here, found the end of the text");
    }

    @Test
    void unknownCharacter() {
        fails("a # 1", 3, "a name, number, string or operator, found the unknown character '#'");
        fails("a ! b", 3, "a name, number, string or operator, found the unknown character '!'");
    }

    @Test
    void missingClosingParenthesis() {
        fails("(a > 1", 7, "')' to close the '(' at position 1, found the end of the text");
        fails("abs(x", 6, "',' or ')' to close the '(' at position 4, found the end of the text");
        fails("x in (1, 2 3", 12, "',' or ')' to close the '(' at position 6, found '3'");
        fails("cast(x as int", 14, "')' to close the '(' at position 5, found the end of the text");
    }

    @Test
    void trailingTokens() {
        fails("a > 1 b", 7, "an operator or the end of the text, found 'b'");
        fails("a < b < c", 7, "an operator or the end of the text, found '<'");
        fails("(a) )", 5, "an operator or the end of the text, found ')'");
    }

    @Test
    void badDateOrTimestamp() {
        fails("d = date '2024-13-01'", 10, "a date as 'YYYY-MM-DD', found the string '2024-13-01'");
        fails("timestamp '2024-01-01 25:00:00'", 11,
                "a timestamp as 'YYYY-MM-DD HH:MM:SS[.f]', found the string '2024-01-01 25:00:00'");
    }

    @Test
    void unknownCastType() {
        fails("cast(a as money)", 11, SqlTypes.EXPECTED + ", found 'money'");
        fails("cast(a as 'int')", 11, SqlTypes.EXPECTED + ", found the string 'int'");
        fails("cast(a as decimal(40, 2))", 11,
                "a decimal precision of 1 to 38 and a scale of 0 to the precision, found decimal(40, 2)");
        fails("cast(a as decimal)", 18, "'(' and the precision after 'decimal', found ')'");
    }

    @Test
    void unknownIntervalUnit() {
        String units = "an interval unit (year, month, week, day, hour, minute, second)";
        fails("interval '3' fortnight", 14, units + " after '3', found 'fortnight'");
        fails("interval '3'", 13, units + " after '3', found the end of the text");
        fails("interval '3 fortnights'", 13, units + ", found 'fortnights'");
        fails("interval 'soon'", 10, "an interval such as '2 days' or '1 year 3 months', found the string 'soon'");
        fails("interval '99999999999' day", 10,
                "an interval that fits in 32-bit months and days and 64-bit nanoseconds, found the string '99999999999'");
    }

    @Test
    void badFunctionCalls() {
        fails("foo(1)", 1, "a known function, found 'foo'");
        fails("str.nope(s)", 1, "a known function, found 'str.nope'");
        fails("substring(s, 0, 2)", 14, "a whole number of 1 or more as the start of substring, found '0'");
        fails("substr(s, n)", 11, "a whole number of 1 or more as the start of substr, found 'n'");
        fails("substring(s)", 1, "substring(text, start[, length]), found 1 argument(s)");
        fails("extract(century from d)", 9, "a date part (year, quarter, month, day, weekday, ordinal_day, hour, "
                + "minute, second), found 'century'");
        fails("extract(year of d)", 14, "'from' after the date part in 'extract', found 'of'");
        fails("sum(*)", 5, "an expression after '(', found '*'");
    }

    @Test
    void badNumbers() {
        fails("99999999999999999999", 1, "an integer that fits in 64 bits, found '99999999999999999999'");
        fails("1e999", 1, "a number within the range of a 64-bit float, found '1e999'");
        fails("a > 1e", 7, "the digits of the exponent of 1e, found the end of the text");
    }

    @Test
    void theCaretPointsIntoTheLineThatFailed() {
        assertThat(failure("a > 1\nand )")).endsWith(
                "at position 11: expected an expression after 'and', found ')'\n  and )\n      ^");
        assertThat(failure("a\t# b")).endsWith("\n  a\t# b\n   \t^");
    }
}
