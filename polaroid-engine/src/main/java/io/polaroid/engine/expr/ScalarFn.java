package io.polaroid.engine.expr;

/** Resolved scalar functions. Argument types are already coerced when a {@link BoundExpr.Call} holds one. */
public enum ScalarFn {
    // arithmetic: both arguments of one type, except DECIMAL multiplication (scales add up)
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOORDIV("//"), MOD("%"), NEG("-"),
    // comparisons: both arguments of one type
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    // Kleene logic
    AND("and"), OR("or"), NOT("not"),
    IS_NULL("is_null"), IS_NOT_NULL("is_not_null"),
    /** First non-null argument; all arguments of the result type. */
    COALESCE("coalesce"),
    /** {@code args[0]} is in the literal values {@code args[1..]}. */
    IS_IN("is_in"),
    ABS("abs"),
    /** A decimal divisor, unchanged; zero fails the query (Polars: "division by zero Decimal"). */
    NONZERO_DIVISOR("nonzero_divisor"),
    /** {@code round(x, decimals)}, half away from zero; decimals is a literal. */
    ROUND("round"),
    // strings; patterns are literals
    CONTAINS("str.contains"), CONTAINS_REGEX("str.contains_regex"), STARTS_WITH("str.starts_with"),
    ENDS_WITH("str.ends_with"), LIKE("str.like"),
    /** {@code slice(s, offset, length)}: characters, 0-based offset, null length means to the end. */
    SLICE("str.slice"), LENGTH("str.len_chars"), UPPER("str.to_uppercase"), LOWER("str.to_lowercase"),
    /** Strips whitespace, or the characters of the literal second argument. */
    STRIP("str.strip_chars"),
    /** Regex (RE2) replacement of the first or every match: args are the string, the pattern and the replacement ($1 refers to a group). */
    REPLACE("str.replace"), REPLACE_ALL("str.replace_all"),
    REVERSE("str.reverse"), PAD_START("str.pad_start"), PAD_END("str.pad_end"), ZFILL("str.zfill"),
    /** The first (last) n characters; a negative n all but the last (first) -n. */
    STR_HEAD("str.head"), STR_TAIL("str.tail"),
    /** Strips whitespace, or the given characters, from the start (end). */
    STRIP_START("str.strip_chars_start"), STRIP_END("str.strip_chars_end"),
    /** Concatenation; null if any argument is null. */
    CONCAT("concat_str"),
    /** The parts of a string between each occurrence of a literal separator (list of str). */
    STR_SPLIT("str.split"),
    // lists: the first argument is a list, the others literals (see ListFunctions)
    LIST_LEN("list.len"), LIST_GET("list.get"), LIST_CONTAINS("list.contains"), LIST_SUM("list.sum"),
    LIST_MIN("list.min"), LIST_MAX("list.max"), LIST_MEAN("list.mean"), LIST_JOIN("list.join"),
    LIST_UNIQUE("list.unique"), LIST_N_UNIQUE("list.n_unique"), LIST_SORT("list.sort"), LIST_REVERSE("list.reverse"),
    LIST_SLICE("list.slice"),
    // more lists (see ListMoreFunctions): concat_list and the set operations take lists (or values) as arguments
    LIST_ALL("list.all"), LIST_ANY("list.any"), LIST_ARG_MAX("list.arg_max"), LIST_ARG_MIN("list.arg_min"),
    LIST_COUNT_MATCHES("list.count_matches"), LIST_DIFF("list.diff"), LIST_DROP_NULLS("list.drop_nulls"),
    LIST_GATHER("list.gather"), LIST_GATHER_EVERY("list.gather_every"), LIST_ITEM("list.item"),
    LIST_MEDIAN("list.median"), LIST_STD("list.std"), LIST_VAR("list.var"), LIST_SHIFT("list.shift"),
    LIST_SET_UNION("list.set_union"), LIST_SET_INTERSECTION("list.set_intersection"),
    LIST_SET_DIFFERENCE("list.set_difference"), LIST_SET_SYMMETRIC_DIFFERENCE("list.set_symmetric_difference"),
    CONCAT_LIST("concat_list"),
    /** {@code list.eval(l, f)}, {@code list.filter(l, p)}: args[1] is a literal holding f (p) bound over the element, column "element()". */
    LIST_EVAL("list.eval"), LIST_FILTER("list.filter"),
    /** Structs (see StructFunctions): made from values, one field of, renamed, as JSON text, with fields set. */
    STRUCT("struct"), STRUCT_FIELD("struct.field"), STRUCT_RENAME_FIELDS("struct.rename_fields"),
    STRUCT_JSON_ENCODE("struct.json_encode"), STRUCT_WITH_FIELDS("struct.with_fields"),
    // parts of dates and timestamps
    YEAR("dt.year"), QUARTER("dt.quarter"), MONTH("dt.month"), DAY("dt.day"), WEEKDAY("dt.weekday"),
    ORDINAL_DAY("dt.ordinal_day"), HOUR("dt.hour"), MINUTE("dt.minute"), SECOND("dt.second"),
    /** {@code dt.truncate(x, every)}: the start of the calendar window of {@code every} (a literal) holding x. */
    DT_TRUNCATE("dt.truncate"),
    /** The first and last day of the month, keeping a timestamp's time of day. */
    MONTH_START("dt.month_start"), MONTH_END("dt.month_end"),
    /** Dates and timestamps with some calendar fields replaced, and business-day arithmetic (see CalendarMoreFunctions). */
    DT_REPLACE("dt.replace"), ADD_BUSINESS_DAYS("dt.add_business_days"), BUSINESS_DAY_COUNT("business_day_count"),
    // value by value in Java (see StringMoreFunctions): literal arguments after the first
    STR_TO_TITLECASE("str.to_titlecase"), STR_NORMALIZE("str.normalize"), STR_REPLACE_MANY("str.replace_many"),
    STR_EXTRACT_MANY("str.extract_many"), STR_EXTRACT_ALL("str.extract_all"), STR_STRPTIME("str.strptime"),
    DT_REPLACE_TIME_ZONE("dt.replace_time_zone"), DT_CONVERT_TIME_ZONE("dt.convert_time_zone"),
    /** {@code (local, original)}: a wall time placed in the zone of the result, keeping the original's offset where two exist. */
    DT_ZONED_FROM_LOCAL("dt.zoned_from_local"),
    DT_CAST_TIME_UNIT("dt.cast_time_unit"), STR_FIND_MANY("str.find_many"),
    // functions of doubles (the analyzer casts numbers to f64): f64 results, NaN and infinities as IEEE 754
    SQRT("sqrt"), CBRT("cbrt"), EXP("exp"), LN("log"), LOG10("log10"), LOG1P("log1p"), SIN("sin"), COS("cos"),
    TAN("tan"), COT("cot"), ARCSIN("arcsin"), ARCCOS("arccos"), ARCTAN("arctan"), SINH("sinh"), COSH("cosh"),
    TANH("tanh"), ARCSINH("arcsinh"), ARCCOSH("arccosh"), ARCTANH("arctanh"), DEGREES("degrees"), RADIANS("radians"),
    FLOOR("floor"), CEIL("ceil"), SIGN("sign"),
    /** f64 ** f64, or i64 ** non-negative i64 (wrapping, as Polars). */
    POW("**"),
    // tests of doubles
    IS_NAN("is_nan"), IS_FINITE("is_finite"), IS_INFINITE("is_infinite"),
    /** A date or timestamp plus an interval literal; keeps the type of the first argument. */
    ADD_INTERVAL("+"),
    /** {@code dt.total_<unit>(x, fractional)} of a duration: whole units (truncated) or a float (see DurationFunctions). */
    DURATION_TOTAL("dt.total"),
    /** The zone's standard offset from UTC, and its daylight-saving offset, at a timestamp: durations in ms. */
    BASE_UTC_OFFSET("dt.base_utc_offset"), DST_OFFSET("dt.dst_offset"),
    // numbers (NumberFunctions): bit counts of an integer's bits (i64 results), the error function of f64
    BITWISE_COUNT_ONES("bitwise_count_ones"), BITWISE_COUNT_ZEROS("bitwise_count_zeros"),
    BITWISE_LEADING_ONES("bitwise_leading_ones"), BITWISE_LEADING_ZEROS("bitwise_leading_zeros"),
    BITWISE_TRAILING_ONES("bitwise_trailing_ones"), BITWISE_TRAILING_ZEROS("bitwise_trailing_zeros"),
    ERF("erf"), ERFC("erfc"),
    /** {@code round_sig_figs(x, digits)} of an f64; digits is a literal. */
    ROUND_SIG_FIGS("round_sig_figs"),
    // bytes of binary (or text) values (BinaryFunctions): a literal pattern, unit or encoding after the first
    BIN_CONTAINS("bin.contains"), BIN_STARTS_WITH("bin.starts_with"), BIN_ENDS_WITH("bin.ends_with"),
    BIN_SIZE("bin.size"), BIN_ENCODE("bin.encode"), BIN_DECODE("bin.decode"),
    BIN_SLICE("bin.slice"), BIN_HEAD("bin.head"), BIN_TAIL("bin.tail"), BIN_GET("bin.get"),
    BIN_REINTERPRET("bin.reinterpret");

    private final String symbol;

    ScalarFn(String symbol) {
        this.symbol = symbol;
    }

    /** How the function prints in plans. */
    public String symbol() {
        return symbol;
    }

    public boolean isBinaryOperator() {
        return switch (this) {
            case ADD, SUB, MUL, DIV, FLOORDIV, MOD, EQ, NE, LT, LE, GT, GE, AND, OR, ADD_INTERVAL -> true;
            default -> false;
        };
    }

    public boolean isComparison() {
        return switch (this) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }

    /** The comparison with its arguments swapped: {@code a < b} is {@code b > a}. */
    public ScalarFn flip() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            case EQ, NE -> this;
            default -> throw new IllegalStateException(this + " is not a comparison");
        };
    }
}
