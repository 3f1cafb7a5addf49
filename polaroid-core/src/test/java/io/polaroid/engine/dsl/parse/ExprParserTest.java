package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.serde.ExprCodec;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Operators, precedence, predicates, calls, case and cast: each string must give the Expr the Java API builds. */
class ExprParserTest {

    static Expr.Column col(String name) {
        return new Expr.Column(name);
    }

    static Expr.Literal int32(long v) {
        return new Expr.Literal(v, DataType.INT32, true);
    }

    static Expr.Literal str(String s) {
        return new Expr.Literal(s, DataType.UTF8, false);
    }

    static Expr.Call call(String function, Expr... args) {
        return new Expr.Call(function, List.of(args));
    }

    static void parses(String text, Expr expected) {
        assertThat(ExprParser.parse(text)).as(text).isEqualTo(expected);
    }

    @Test
    void theExampleFilter() {
        parses("price > 100 and symbol = 'AAPL'",
                call("and", call("gt", col("price"), int32(100)), call("eq", col("symbol"), str("AAPL"))));
    }

    @Test
    void everyComparisonOperator() {
        parses("a = 1", call("eq", col("a"), int32(1)));
        parses("a == 1", call("eq", col("a"), int32(1)));
        parses("a != 1", call("ne", col("a"), int32(1)));
        parses("a <> 1", call("ne", col("a"), int32(1)));
        parses("a < 1", call("lt", col("a"), int32(1)));
        parses("a <= 1", call("le", col("a"), int32(1)));
        parses("a > 1", call("gt", col("a"), int32(1)));
        parses("a >= 1", call("ge", col("a"), int32(1)));
    }

    @Test
    void arithmeticOperatorsAreLeftAssociative() {
        parses("a - b - c", call("sub", call("sub", col("a"), col("b")), col("c")));
        parses("a / b // c % d * e",
                call("mul", call("mod", call("floordiv", call("truediv", col("a"), col("b")), col("c")), col("d")),
                        col("e")));
        parses("a + b - c", call("sub", call("add", col("a"), col("b")), col("c")));
    }

    @Test
    void andBindsTighterThanOr() {
        parses("a = 1 and b = 2 or c = 3",
                call("or", call("and", call("eq", col("a"), int32(1)), call("eq", col("b"), int32(2))),
                        call("eq", col("c"), int32(3))));
        parses("a or b and c", call("or", col("a"), call("and", col("b"), col("c"))));
        parses("a and b and c", call("and", call("and", col("a"), col("b")), col("c")));
    }

    @Test
    void notBindsTighterThanAndButLooserThanComparison() {
        parses("not a = 1 and b", call("and", call("not", call("eq", col("a"), int32(1))), col("b")));
        parses("not not a", call("not", call("not", col("a"))));
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndComparison() {
        parses("a + b * c", call("add", col("a"), call("mul", col("b"), col("c"))));
        parses("(a + b) * c", call("mul", call("add", col("a"), col("b")), col("c")));
        parses("a + 1 > b * 2", call("gt", call("add", col("a"), int32(1)), call("mul", col("b"), int32(2))));
    }

    @Test
    void unaryMinusFoldsIntoNumbersAndNegatesAnythingElse() {
        parses("-5", int32(-5));
        parses("- 2.5", new Expr.Literal(-2.5, DataType.FLOAT64, true));
        parses("-(3)", int32(-3));
        parses("--5", int32(5));
        parses("-a", call("neg", col("a")));
        parses("-a * b", call("mul", call("neg", col("a")), col("b")));
        parses("a - -1", call("sub", col("a"), int32(-1)));
        parses("+a", col("a"));
    }

    @Test
    void keywordsIgnoreCaseAndWhitespaceIsOptional() {
        parses("A>=1AND b<2 Or NOT c",
                call("or", call("and", call("ge", col("A"), int32(1)), call("lt", col("b"), int32(2))),
                        call("not", col("c"))));
        parses("\ta\n=\r\n1 ", call("eq", col("a"), int32(1)));
    }

    @Test
    void inAndNotIn() {
        parses("x in (1, 2, 3)", call("is_in", col("x"), int32(1), int32(2), int32(3)));
        parses("x IN ('a')", call("is_in", col("x"), str("a")));
        parses("x not in ('a', 'b')", call("not", call("is_in", col("x"), str("a"), str("b"))));
    }

    @Test
    void betweenTakesItsOwnAnd() {
        parses("a between 1 and 2 and b", call("and", call("is_between", col("a"), int32(1), int32(2)), col("b")));
        parses("a between 1 + 1 and b * 2",
                call("is_between", col("a"), call("add", int32(1), int32(1)), call("mul", col("b"), int32(2))));
        parses("a not between 1 and 2", call("not", call("is_between", col("a"), int32(1), int32(2))));
    }

    @Test
    void isNullAndLike() {
        parses("x is null", call("is_null", col("x")));
        parses("x IS NOT NULL", call("is_not_null", col("x")));
        parses("x like 'A%'", call("str.like", col("x"), str("A%")));
        parses("x not like 'A%'", call("not", call("str.like", col("x"), str("A%"))));
        parses("not x like 'A%'", call("not", call("str.like", col("x"), str("A%"))));
    }

    @Test
    void columnNames() {
        parses("_x$1", col("_x$1"));
        parses("\"unit price\"", col("unit price"));
        parses("`weird \"name`", col("weird \"name"));
        parses("\"a\"\"b\"", col("a\"b"));
        parses("`a``b`", col("a`b"));
        parses("\"end\" = 1", call("eq", col("end"), int32(1)));
        parses("Date", col("Date"));
        parses("date > date '1970-01-02'", call("gt", col("date"), new Expr.Literal(1, DataType.DATE32, false)));
        parses("year + month", call("add", col("year"), col("month")));
    }

    @Test
    void functionsByTheirWireName() {
        parses("str.contains(s, 'x')", call("str.contains", col("s"), str("x")));
        parses("STR.Starts_With(s, 'x')", call("str.starts_with", col("s"), str("x")));
        parses("dt.year(d)", call("dt.year", col("d")));
        parses("round(x, 2)", call("round", col("x"), int32(2)));
        parses("coalesce(a, b, 0)", call("coalesce", col("a"), col("b"), int32(0)));
        parses("abs(x - 1)", call("abs", call("sub", col("x"), int32(1))));
        parses("fill_null(x, 0)", call("fill_null", col("x"), int32(0)));
        parses("is_between(x, 1, 2, 'left')", call("is_between", col("x"), int32(1), int32(2), str("left")));
        parses("sum(x)", call("sum", col("x")));
        parses("SUM(x * 2)", call("sum", call("mul", col("x"), int32(2))));
        parses("len()", call("len"));
        parses("count(x)", call("count", col("x")));
        parses("str.len_chars(upper(s))", call("str.len_chars", call("str.to_uppercase", col("s"))));
    }

    @Test
    void sqlAliasesMakeTheSameCalls() {
        parses("upper(s)", call("str.to_uppercase", col("s")));
        parses("lower(s)", call("str.to_lowercase", col("s")));
        parses("length(s)", call("str.len_chars", col("s")));
        parses("trim(s)", call("str.strip_chars", col("s")));
        parses("starts_with(s, 'a')", call("str.starts_with", col("s"), str("a")));
        parses("ends_with(s, 'a')", call("str.ends_with", col("s"), str("a")));
        parses("contains(s, 'a')", call("str.contains", col("s"), str("a")));
        parses("year(d)", call("dt.year", col("d")));
        parses("month(d)", call("dt.month", col("d")));
        parses("day(d)", call("dt.day", col("d")));
        parses("quarter(d)", call("dt.quarter", col("d")));
        parses("concat(a, '-', b)", call("concat_str", col("a"), str("-"), col("b")));
        parses("avg(x)", call("mean", col("x")));
        parses("count(*)", call("len"));
        parses("COUNT( * )", call("len"));
    }

    @Test
    void substringCountsFromOne() {
        parses("substring(s, 2, 3)", call("str.slice", col("s"), int32(1), int32(3)));
        parses("substr(s, 1)", call("str.slice", col("s"), int32(0)));
        parses("substring(s, 3, n + 1)", call("str.slice", col("s"), int32(2), call("add", col("n"), int32(1))));
    }

    @Test
    void extractNamesTheDatePart() {
        parses("extract(year from d)", call("dt.year", col("d")));
        parses("EXTRACT(Dow FROM d + interval '1' day)",
                call("dt.weekday", call("add", col("d"), new Expr.Literal(new Interval(0, 1, 0), DataType.INTERVAL, false))));
    }

    @Test
    void caseWhen() {
        parses("case when a > 1 then 'big' when a > 0 then 'small' else 'none' end",
                new Expr.When(List.of(
                        new Expr.Branch(call("gt", col("a"), int32(1)), str("big")),
                        new Expr.Branch(call("gt", col("a"), int32(0)), str("small"))), str("none")));
        parses("CASE WHEN a THEN 1 END", new Expr.When(List.of(new Expr.Branch(col("a"), int32(1))), null));
        parses("case when a then case when b then 1 end else 2 end + 1",
                call("add", new Expr.When(List.of(new Expr.Branch(col("a"),
                        new Expr.When(List.of(new Expr.Branch(col("b"), int32(1))), null))), int32(2)), int32(1)));
    }

    @Test
    void castIsNotStrict() {
        parses("cast(a + 1 as BIGINT)", new Expr.Cast(call("add", col("a"), int32(1)), DataType.INT64, false));
        parses("cast(a as decimal(10, 2))", new Expr.Cast(col("a"), DataType.decimal(10, 2), false));
        parses("cast(a as decimal(5))", new Expr.Cast(col("a"), DataType.decimal(5, 0), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"price > 100 and symbol = 'AAPL'", "-5 + -2.5e1 // 3 % b", "x not in (1, 'a', null)",
        "x between date '2024-01-01' and timestamp '2024-06-30 23:59:59.999999'", "d + interval '1 year 2 days 3 hours'",
        "case when a is null then 9223372036854775807 else -9223372036854775808 end",
        "cast(x as decimal(38, 10)) is not null", "cast(s as timestamp) > cast('2024-01-01' as date)",
        "substring(upper(s), 2) like '%A_'", "not (a or b) and true != false", "count(*) + avg(x) - len()",
        "coalesce(\"a b\", `c`, 0.5)"})
    void survivesTheWireUnchanged(String text) {
        Expr parsed = ExprParser.parse(text);
        assertThat(ExprCodec.decode(ExprCodec.encode(parsed), PlanPath.of("test"))).isEqualTo(parsed);
    }
}
