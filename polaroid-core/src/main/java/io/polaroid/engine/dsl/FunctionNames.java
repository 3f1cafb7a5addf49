package io.polaroid.engine.dsl;

import java.util.List;
import java.util.Map;

/**
 * The names of functions and operators in {@link Expr.Call}, as they travel on the wire. Names
 * follow Polars' method names; string and date functions carry Polars' namespace prefix.
 */
public final class FunctionNames {
    private FunctionNames() {
    }

    // arithmetic
    public static final String ADD = "add";
    public static final String SUB = "sub";
    public static final String MUL = "mul";
    /** {@code /}: always a float result for integers, as in Polars. */
    public static final String TRUEDIV = "truediv";
    /** {@code //}: floor division. */
    public static final String FLOORDIV = "floordiv";
    /** {@code %}: the remainder with the sign of the divisor, as in Python. */
    public static final String MOD = "mod";
    public static final String NEG = "neg";

    // comparison and logic
    public static final String EQ = "eq";
    public static final String NE = "ne";
    public static final String LT = "lt";
    public static final String LE = "le";
    public static final String GT = "gt";
    public static final String GE = "ge";
    public static final String AND = "and";
    public static final String OR = "or";
    public static final String NOT = "not";

    // nulls, sets, ranges
    public static final String IS_NULL = "is_null";
    public static final String IS_NOT_NULL = "is_not_null";
    /** {@code fill_null(x, value)}. */
    public static final String FILL_NULL = "fill_null";
    public static final String COALESCE = "coalesce";
    /** {@code is_in(x, v1, v2, ...)}: the values are literals. */
    public static final String IS_IN = "is_in";
    /** {@code is_between(x, low, high[, closed])}; closed is 'both' (default), 'left', 'right' or 'none'. */
    public static final String IS_BETWEEN = "is_between";

    // math
    public static final String ABS = "abs";
    /** {@code round(x, decimals)}. */
    public static final String ROUND = "round";
    public static final String FLOOR = "floor";
    public static final String CEIL = "ceil";
    public static final String SIGN = "sign";
    /** {@code pow(base, exponent)}: {@code **}. */
    public static final String POW = "pow";
    /** {@code clip(x, lower, upper)}; a null bound is no bound. */
    public static final String CLIP = "clip";
    public static final String SQRT = "sqrt";
    public static final String CBRT = "cbrt";
    public static final String EXP = "exp";
    /** {@code log(x[, base])}: natural logarithm, or to the base. */
    public static final String LOG = "log";
    public static final String LOG10 = "log10";
    public static final String LOG1P = "log1p";
    public static final String SIN = "sin";
    public static final String COS = "cos";
    public static final String TAN = "tan";
    public static final String COT = "cot";
    public static final String ARCSIN = "arcsin";
    public static final String ARCCOS = "arccos";
    public static final String ARCTAN = "arctan";
    public static final String SINH = "sinh";
    public static final String COSH = "cosh";
    public static final String TANH = "tanh";
    public static final String ARCSINH = "arcsinh";
    public static final String ARCCOSH = "arccosh";
    public static final String ARCTANH = "arctanh";
    public static final String DEGREES = "degrees";
    public static final String RADIANS = "radians";
    public static final String IS_NAN = "is_nan";
    public static final String IS_NOT_NAN = "is_not_nan";
    public static final String IS_FINITE = "is_finite";
    public static final String IS_INFINITE = "is_infinite";

    // strings
    /** {@code str.contains(s, literal)}: substring test. */
    public static final String STR_CONTAINS = "str.contains";
    /** {@code str.contains_regex(s, pattern)}: RE2 regular expression (linear time), found anywhere. */
    public static final String STR_CONTAINS_REGEX = "str.contains_regex";
    public static final String STR_STARTS_WITH = "str.starts_with";
    public static final String STR_ENDS_WITH = "str.ends_with";
    /** {@code str.like(s, pattern)}: SQL LIKE, {@code %} any characters, {@code _} one character. */
    public static final String STR_LIKE = "str.like";
    /** {@code str.slice(s, offset[, length])}: characters from a 0-based offset (negative: from the end). */
    public static final String STR_SLICE = "str.slice";
    public static final String STR_LEN_CHARS = "str.len_chars";
    public static final String STR_TO_UPPERCASE = "str.to_uppercase";
    public static final String STR_TO_LOWERCASE = "str.to_lowercase";
    /** {@code str.strip_chars(s[, characters])}: whitespace, or the given characters, from both ends. */
    public static final String STR_STRIP_CHARS = "str.strip_chars";
    /** {@code str.to_date(s)}: parses ISO dates (YYYY-MM-DD); null where it does not parse. */
    public static final String STR_TO_DATE = "str.to_date";
    /** {@code str.replace(s, pattern, value[, literal])}: the first match (RE2 syntax; {@code $1} is a group). */
    public static final String STR_REPLACE = "str.replace";
    /** {@code str.replace_all(s, pattern, value[, literal])}: every match. */
    public static final String STR_REPLACE_ALL = "str.replace_all";
    public static final String STR_REVERSE = "str.reverse";
    /** {@code str.pad_start(s, length[, fill_char])}. */
    public static final String STR_PAD_START = "str.pad_start";
    public static final String STR_PAD_END = "str.pad_end";
    /** {@code str.zfill(s, length)}: zeros after a leading sign. */
    public static final String STR_ZFILL = "str.zfill";
    public static final String STR_HEAD = "str.head";
    public static final String STR_TAIL = "str.tail";
    /** {@code str.split(s, by)}: the parts of s between each literal {@code by}, a list of strings. */
    public static final String STR_SPLIT = "str.split";

    // lists
    public static final String LIST_LEN = "list.len";
    /** {@code list.get(l, index[, null_on_oob])}: negative indexes count from the end. */
    public static final String LIST_GET = "list.get";
    public static final String LIST_FIRST = "list.first";
    public static final String LIST_LAST = "list.last";
    public static final String LIST_CONTAINS = "list.contains";
    public static final String LIST_SUM = "list.sum";
    public static final String LIST_MIN = "list.min";
    public static final String LIST_MAX = "list.max";
    public static final String LIST_MEAN = "list.mean";
    public static final String LIST_JOIN = "list.join";
    public static final String LIST_UNIQUE = "list.unique";
    public static final String LIST_N_UNIQUE = "list.n_unique";
    public static final String LIST_SORT = "list.sort";
    public static final String LIST_REVERSE = "list.reverse";
    public static final String LIST_SLICE = "list.slice";
    public static final String LIST_HEAD = "list.head";
    public static final String LIST_TAIL = "list.tail";
    // more lists (ListMoreFunctions)
    public static final String LIST_ALL = "list.all";
    public static final String LIST_ANY = "list.any";
    public static final String LIST_ARG_MAX = "list.arg_max";
    public static final String LIST_ARG_MIN = "list.arg_min";
    public static final String LIST_COUNT_MATCHES = "list.count_matches";
    /** {@code list.diff(l[, n = 1[, null_behavior = "ignore" | "drop"]])}. */
    public static final String LIST_DIFF = "list.diff";
    public static final String LIST_DROP_NULLS = "list.drop_nulls";
    /** {@code list.gather(l, indices: list[int][, null_on_oob])}: negative indexes count from the end. */
    public static final String LIST_GATHER = "list.gather";
    public static final String LIST_GATHER_EVERY = "list.gather_every";
    public static final String LIST_ITEM = "list.item";
    public static final String LIST_MEDIAN = "list.median";
    public static final String LIST_STD = "list.std";
    public static final String LIST_VAR = "list.var";
    public static final String LIST_SHIFT = "list.shift";
    public static final String LIST_SET_UNION = "list.set_union";
    public static final String LIST_SET_INTERSECTION = "list.set_intersection";
    public static final String LIST_SET_DIFFERENCE = "list.set_difference";
    public static final String LIST_SET_SYMMETRIC_DIFFERENCE = "list.set_symmetric_difference";
    /** {@code list.concat(l, other, ...)}: {@code concat_list} with the list first. */
    public static final String LIST_CONCAT = "list.concat";
    /** {@code concat_list(a, b, ...)}: lists and values (a value is a list of one) joined; null if a list is null. */
    public static final String CONCAT_LIST = "concat_list";
    /** {@code list.eval(l, f)}: f, an element-wise expression of the column "element()" (Polars' pl.element()), of each value. */
    public static final String LIST_EVAL = "list.eval";
    /** {@code list.filter(l, p)}: the values for which p, a bool expression of the column "element()", is true. */
    public static final String LIST_FILTER = "list.filter";
    /** {@code struct(v1, ..., vn, name1, ..., namen)}: a struct of the values, its fields named by the string literals. */
    public static final String STRUCT = "struct";
    /** {@code struct.field(s, name)}: the field {@code name} (a literal) of each struct; null where the struct is. */
    public static final String STRUCT_FIELD = "struct.field";
    /** {@code struct.rename_fields(s, name1, ..., namen)}: the same values under new field names, one per field. */
    public static final String STRUCT_RENAME_FIELDS = "struct.rename_fields";
    /** {@code struct.json_encode(s)}: each struct as Polars' JSON text. */
    public static final String STRUCT_JSON_ENCODE = "struct.json_encode";
    /**
     * {@code struct.with_fields(s, v1, ..., vn, name1, ..., namen)}: s with the fields of those names
     * replaced by the values, or added after its own; null where s is.
     */
    public static final String STRUCT_WITH_FIELDS = "struct.with_fields";
    public static final String STR_STRIP_CHARS_START = "str.strip_chars_start";
    public static final String STR_STRIP_CHARS_END = "str.strip_chars_end";
    /** {@code concat_str(a, b, ...)}: null if any part is null. */
    public static final String CONCAT_STR = "concat_str";

    // dates and timestamps
    public static final String DT_YEAR = "dt.year";
    public static final String DT_QUARTER = "dt.quarter";
    public static final String DT_MONTH = "dt.month";
    public static final String DT_DAY = "dt.day";
    /** ISO weekday: Monday 1 .. Sunday 7 (as Polars). */
    public static final String DT_WEEKDAY = "dt.weekday";
    public static final String DT_ORDINAL_DAY = "dt.ordinal_day";
    public static final String DT_HOUR = "dt.hour";
    public static final String DT_MINUTE = "dt.minute";
    public static final String DT_SECOND = "dt.second";
    /** {@code dt.truncate(x, every)}, every a Polars duration of one unit: "1mo", "2w", "15m". */
    public static final String DT_TRUNCATE = "dt.truncate";
    public static final String DT_DATE = "dt.date";
    public static final String DT_MILLISECOND = "dt.millisecond";
    public static final String DT_MICROSECOND = "dt.microsecond";
    public static final String DT_NANOSECOND = "dt.nanosecond";
    public static final String DT_MONTH_START = "dt.month_start";
    public static final String DT_MONTH_END = "dt.month_end";

    // more of the str and dt namespaces (StringMoreFunctions)
    public static final String STR_TO_TITLECASE = "str.to_titlecase";
    /** {@code str.normalize(s, form)}: NFC, NFKC, NFD or NFKD. */
    public static final String STR_NORMALIZE = "str.normalize";
    /** {@code str.replace_many(s, ascii_case_insensitive, leftmost, pattern1, replacement1, ...)}: literal patterns. */
    public static final String STR_REPLACE_MANY = "str.replace_many";
    /** {@code str.extract_many(s, ascii_case_insensitive, leftmost, pattern1, ...)}: the literal patterns found. */
    public static final String STR_EXTRACT_MANY = "str.extract_many";
    /** {@code str.extract_all(s, pattern)}: every match of a regular expression, as a list. */
    public static final String STR_EXTRACT_ALL = "str.extract_all";
    /** {@code str.find_many(s, ascii_case_insensitive, leftmost, pattern1, ...)}: the UTF-8 byte offset of each match. */
    public static final String STR_FIND_MANY = "str.find_many";
    /** {@code str.strptime(s, kind, format, unit, time_zone, strict, exact, ambiguous)}: chrono's format syntax. */
    public static final String STR_STRPTIME = "str.strptime";
    /** {@code dt.replace_time_zone(x, time_zone, ambiguous, non_existent)}: the wall time kept. */
    public static final String DT_REPLACE_TIME_ZONE = "dt.replace_time_zone";
    /** {@code dt.convert_time_zone(x, time_zone)}: the instant kept (a naive datetime is taken as UTC). */
    public static final String DT_CONVERT_TIME_ZONE = "dt.convert_time_zone";
    /** {@code dt.cast_time_unit(x, unit)}: ns, us or ms, rounded down; the time zone kept. */
    public static final String DT_CAST_TIME_UNIT = "dt.cast_time_unit";
    /** {@code dt.round(x, every)}: {@code dt.truncate(x + every / 2, every)}, a month counting 28 days (Polars). */
    public static final String DT_ROUND = "dt.round";
    /** {@code dt.replace(x, year, month, day, hour, minute, second, microsecond, ambiguous)}: null keeps a field. */
    public static final String DT_REPLACE = "dt.replace";
    /** {@code dt.add_business_days(x, n, week_mask "1111100", holidays "2024-01-01,...", roll)}. */
    public static final String DT_ADD_BUSINESS_DAYS = "dt.add_business_days";
    /** {@code business_day_count(start, end, week_mask, holidays)}: business days in [start, end). */
    public static final String BUSINESS_DAY_COUNT = "business_day_count";

    // durations and times of day (DurationFunctions)
    /** {@code dt.total_days(x, fractional)} .. {@code dt.total_nanoseconds}: a duration in whole units, or as a float. */
    public static final String DT_TOTAL_DAYS = "dt.total_days";
    public static final String DT_TOTAL_HOURS = "dt.total_hours";
    public static final String DT_TOTAL_MINUTES = "dt.total_minutes";
    public static final String DT_TOTAL_SECONDS = "dt.total_seconds";
    public static final String DT_TOTAL_MILLISECONDS = "dt.total_milliseconds";
    public static final String DT_TOTAL_MICROSECONDS = "dt.total_microseconds";
    public static final String DT_TOTAL_NANOSECONDS = "dt.total_nanoseconds";
    /** {@code dt.base_utc_offset(x)}, {@code dt.dst_offset(x)}: of a timestamp with a time zone, duration[ms]. */
    public static final String DT_BASE_UTC_OFFSET = "dt.base_utc_offset";
    public static final String DT_DST_OFFSET = "dt.dst_offset";

    // the bin namespace, and str.encode/str.decode (BinaryFunctions)
    /** {@code bin.contains(b, pattern)}, {@code bin.starts_with}, {@code bin.ends_with}: a bytes literal pattern. */
    public static final String BIN_CONTAINS = "bin.contains";
    public static final String BIN_STARTS_WITH = "bin.starts_with";
    public static final String BIN_ENDS_WITH = "bin.ends_with";
    /** {@code bin.size(b, unit)}: bytes as i64 ("b"), or kb, mb, gb, tb as f64 (units of 1024). */
    public static final String BIN_SIZE = "bin.size";
    /** {@code bin.encode(b, encoding)}: "hex" (lower case) or "base64" text. */
    public static final String BIN_ENCODE = "bin.encode";
    /** {@code bin.decode(b, encoding, strict)}: the bytes "hex" or "base64" bytes spell; bad ones fail or, not strict, are null. */
    public static final String BIN_DECODE = "bin.decode";
    /** {@code bin.slice(b, offset, length)}: a negative offset counts from the end; a null length runs to the end. */
    public static final String BIN_SLICE = "bin.slice";
    /** {@code bin.head(b, n)}, {@code bin.tail(b, n)}: the first (last) n bytes; a negative n leaves out n at the other end. */
    public static final String BIN_HEAD = "bin.head";
    public static final String BIN_TAIL = "bin.tail";
    /** {@code bin.get(b, index, null_on_oob)}: one byte as i64 (Polars' u8); out of range fails, or is null. */
    public static final String BIN_GET = "bin.get";
    /**
     * {@code bin.reinterpret(b, type, little_endian)}: the bytes as an integer or float of {@code type} (a typed null
     * literal); a value of another length is null.
     */
    public static final String BIN_REINTERPRET = "bin.reinterpret";
    /** {@code str.encode(s, encoding)}: the hex or base64 text of a string's UTF-8 bytes. */
    public static final String STR_ENCODE = "str.encode";
    /** {@code str.decode(s, encoding, strict)}: the bytes hex or base64 text spells, as binary. */
    public static final String STR_DECODE = "str.decode";

    // aggregates
    public static final String SUM = "sum";
    public static final String MEAN = "mean";
    public static final String MIN = "min";
    public static final String MAX = "max";
    /** Non-null values. */
    public static final String COUNT = "count";
    /** Rows; takes no argument. */
    public static final String LEN = "len";
    public static final String N_UNIQUE = "n_unique";
    public static final String FIRST = "first";
    public static final String LAST = "last";
    public static final String MEDIAN = "median";
    /** Sample standard deviation (ddof = 1), as Polars. */
    public static final String STD = "std";
    /** Sample variance (ddof = 1), as Polars. */
    public static final String VAR = "var";
    /** {@code implode(x)}: the values of x of each group as one list, in row order, nulls kept (Polars). */
    public static final String IMPLODE = "implode";

    // order-dependent functions: each row's value from the rows of its window, in order
    public static final String RANK = "rank";
    public static final String CUM_SUM = "cum_sum";
    public static final String CUM_PROD = "cum_prod";
    public static final String CUM_MIN = "cum_min";
    public static final String CUM_MAX = "cum_max";
    public static final String CUM_COUNT = "cum_count";
    public static final String SHIFT = "shift";
    public static final String DIFF = "diff";
    public static final String PCT_CHANGE = "pct_change";
    public static final String IS_FIRST_DISTINCT = "is_first_distinct";
    public static final String IS_LAST_DISTINCT = "is_last_distinct";
    /** {@code int_range(start, len())}: row numbers. */
    public static final String INT_RANGE = "int_range";
    public static final String FORWARD_FILL = "forward_fill";
    public static final String BACKWARD_FILL = "backward_fill";
    public static final String REVERSE = "reverse";
    public static final String RLE_ID = "rle_id";
    public static final String ROLLING_SUM = "rolling_sum";
    public static final String ROLLING_MEAN = "rolling_mean";
    public static final String ROLLING_MIN = "rolling_min";
    public static final String ROLLING_MAX = "rolling_max";
    public static final String ROLLING_STD = "rolling_std";
    public static final String ROLLING_VAR = "rolling_var";
    public static final String ROLLING_MEDIAN = "rolling_median";
    public static final String ROLLING_QUANTILE = "rolling_quantile";
    public static final String INTERPOLATE = "interpolate";
    // more order-dependent functions (WindowMoreFunctions): exponentially weighted, over a window of the values of a `by` column
    public static final String EWM_MEAN = "ewm_mean";
    public static final String EWM_STD = "ewm_std";
    public static final String EWM_VAR = "ewm_var";
    public static final String EWM_SUM = "ewm_sum";
    public static final String ROLLING_SUM_BY = "rolling_sum_by";
    public static final String ROLLING_MEAN_BY = "rolling_mean_by";
    public static final String ROLLING_MIN_BY = "rolling_min_by";
    public static final String ROLLING_MAX_BY = "rolling_max_by";
    public static final String ROLLING_STD_BY = "rolling_std_by";
    public static final String ROLLING_VAR_BY = "rolling_var_by";
    public static final String ROLLING_MEDIAN_BY = "rolling_median_by";
    public static final String ROLLING_QUANTILE_BY = "rolling_quantile_by";
    public static final String INTERPOLATE_BY = "interpolate_by";
    public static final String EWM_MEAN_BY = "ewm_mean_by";

    // row sets: change the number of rows, so only alone in a select
    /** {@code unique(x)}: the distinct values of x, in no particular order. */
    public static final String UNIQUE = "unique";
    /** Polars' row-set expressions: a column of their own length, from the rows of their window (see RowSets). */
    public static final String SORT = "sort";
    public static final String SORT_BY = "sort_by";
    public static final String ARG_SORT = "arg_sort";
    public static final String HEAD = "head";
    public static final String TAIL = "tail";
    public static final String SLICE = "slice";
    public static final String TOP_K = "top_k";
    public static final String BOTTOM_K = "bottom_k";
    public static final String TOP_K_BY = "top_k_by";
    public static final String BOTTOM_K_BY = "bottom_k_by";
    public static final String GATHER = "gather";
    public static final String GATHER_EVERY = "gather_every";
    public static final String DROP_NULLS = "drop_nulls";
    public static final String DROP_NANS = "drop_nans";
    public static final String ARG_TRUE = "arg_true";
    public static final String FILTER = "filter";

    /** {@code quantile(x, q, interpolation)}, with Polars' interpolation methods. */
    public static final String QUANTILE = "quantile";

    // numbers (NumberFunctions): bit counts of integers, the error function, significant figures
    public static final String BITWISE_COUNT_ONES = "bitwise_count_ones";
    public static final String BITWISE_COUNT_ZEROS = "bitwise_count_zeros";
    public static final String BITWISE_LEADING_ONES = "bitwise_leading_ones";
    public static final String BITWISE_LEADING_ZEROS = "bitwise_leading_zeros";
    public static final String BITWISE_TRAILING_ONES = "bitwise_trailing_ones";
    public static final String BITWISE_TRAILING_ZEROS = "bitwise_trailing_zeros";
    public static final String ERF = "erf";
    public static final String ERFC = "erfc";
    public static final String ROUND_SIG_FIGS = "round_sig_figs";
    /** {@code lower_bound(x)} / {@code upper_bound(x)}: the smallest / largest value of x's type. */
    public static final String LOWER_BOUND = "lower_bound";
    public static final String UPPER_BOUND = "upper_bound";
    /** {@code to_physical(x)}: a date's days (i32), a datetime's count of its unit (i64); other types as they are. */
    public static final String TO_PHYSICAL = "to_physical";
    // aggregations of numbers: each group's values in row order reduced to one (ReduceAccumulator)
    public static final String PRODUCT = "product";
    public static final String BITWISE_AND = "bitwise_and";
    public static final String BITWISE_OR = "bitwise_or";
    public static final String BITWISE_XOR = "bitwise_xor";
    public static final String ARG_MIN = "arg_min";
    public static final String ARG_MAX = "arg_max";
    /** {@code approx_quantile(x, q)}: computed exactly (Polars' nearest quantile), in the type of x. */
    public static final String APPROX_QUANTILE = "approx_quantile";

    public static final List<String> AGGREGATES = List.of(SUM, MEAN, MIN, MAX, COUNT, LEN, N_UNIQUE, FIRST, LAST,
            MEDIAN, STD, VAR, QUANTILE, IMPLODE, PRODUCT, BITWISE_AND, BITWISE_OR, BITWISE_XOR, ARG_MIN, ARG_MAX,
            APPROX_QUANTILE);

    /** The date parts {@code extract} accepts, mapped to the function of each. */
    public static String extractFunction(String part) {
        return switch (part.toLowerCase(java.util.Locale.ROOT)) {
            case "year" -> DT_YEAR;
            case "quarter" -> DT_QUARTER;
            case "month" -> DT_MONTH;
            case "day" -> DT_DAY;
            case "weekday", "dow", "isodow" -> DT_WEEKDAY;
            case "ordinal_day", "doy", "dayofyear" -> DT_ORDINAL_DAY;
            case "hour" -> DT_HOUR;
            case "minute" -> DT_MINUTE;
            case "second" -> DT_SECOND;
            default -> null;
        };
    }

    /**
     * The other names an expression string or SQL may use for a function (lower case), and the
     * function each means. The engine's function families declare the same spellings; its
     * {@code FunctionCatalogTest} holds the two together. Here so that an expression string parses
     * where the engine is not (a remote-only client).
     */
    public static final Map<String, String> SQL_SPELLINGS = Map.ofEntries(
            Map.entry("contains", "str.contains"),
            Map.entry("starts_with", "str.starts_with"),
            Map.entry("ends_with", "str.ends_with"),
            Map.entry("length", "str.len_chars"),
            Map.entry("upper", "str.to_uppercase"),
            Map.entry("lower", "str.to_lowercase"),
            Map.entry("trim", "str.strip_chars"),
            Map.entry("concat", "concat_str"),
            Map.entry("day", "dt.day"),
            Map.entry("month", "dt.month"),
            Map.entry("quarter", "dt.quarter"),
            Map.entry("year", "dt.year"),
            Map.entry("avg", "mean"));

    /** The wire name for a name in an expression string or SQL (lower case), or null if none. */
    public static String wireName(String name) {
        String alias = SQL_SPELLINGS.get(name);
        return alias != null ? alias : Wire.NAMES.contains(name) ? name : null;
    }

    /** Every wire name: the string constants of this class. */
    private static final class Wire {
        static final java.util.Set<String> NAMES = names();

        private static java.util.Set<String> names() {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (java.lang.reflect.Field f : FunctionNames.class.getFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    try {
                        names.add((String) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return java.util.Set.copyOf(names);
        }
    }
}
