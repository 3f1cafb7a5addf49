package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.types.DataType;

/** String functions of an expression ({@code expr.str()}), named as Polars names them. */
public final class StringFunctions {
    private final Expr expr;

    StringFunctions(Expr expr) {
        this.expr = expr;
    }

    /** Whether the string contains {@code literal} (not a pattern). */
    public Expr contains(String literal) {
        return expr.call(FunctionNames.STR_CONTAINS, literal);
    }

    /** Whether a Java regular expression matches somewhere in the string. */
    public Expr containsRegex(String pattern) {
        return expr.call(FunctionNames.STR_CONTAINS_REGEX, pattern);
    }

    public Expr startsWith(String prefix) {
        return expr.call(FunctionNames.STR_STARTS_WITH, prefix);
    }

    public Expr endsWith(String suffix) {
        return expr.call(FunctionNames.STR_ENDS_WITH, suffix);
    }

    /** SQL LIKE: {@code %} matches any characters, {@code _} one character. */
    public Expr like(String pattern) {
        return expr.call(FunctionNames.STR_LIKE, pattern);
    }

    /** {@code length} characters from the 0-based {@code offset} (negative: from the end). */
    public Expr slice(long offset, long length) {
        return expr.call(FunctionNames.STR_SLICE, offset, length);
    }

    /** Characters from the 0-based {@code offset} to the end. */
    public Expr slice(long offset) {
        return expr.call(FunctionNames.STR_SLICE, offset);
    }

    /** The parts between each occurrence of {@code by} (a literal), as a list of strings. */
    public Expr split(String by) {
        return expr.call(FunctionNames.STR_SPLIT, by);
    }

    /** Length in characters. */
    public Expr lenChars() {
        return expr.call(FunctionNames.STR_LEN_CHARS);
    }

    public Expr toUppercase() {
        return expr.call(FunctionNames.STR_TO_UPPERCASE);
    }

    public Expr toLowercase() {
        return expr.call(FunctionNames.STR_TO_LOWERCASE);
    }

    /** Strips whitespace from both ends. */
    public Expr stripChars() {
        return expr.call(FunctionNames.STR_STRIP_CHARS);
    }

    /** Strips any of {@code characters} from both ends. */
    public Expr stripChars(String characters) {
        return expr.call(FunctionNames.STR_STRIP_CHARS, characters);
    }

    /** Parses ISO dates (YYYY-MM-DD); a text that is not one fails the query, as in Polars (strict). */
    public Expr toDate() {
        return toDate("");
    }

    /** Parses numbers, booleans, dates... by casting to {@code type}; null where it does not parse. */
    public Expr parse(DataType type) {
        return expr.cast(type, false);
    }

    /** The first match of the RE2 {@code pattern} replaced by {@code value} ({@code $1} is a group). */
    public Expr replace(String pattern, String value) {
        return replace(pattern, value, false);
    }

    /** With {@code literal}, {@code pattern} and {@code value} are plain text. */
    public Expr replace(String pattern, String value, boolean literal) {
        return expr.call(FunctionNames.STR_REPLACE, pattern, value, literal);
    }

    public Expr replaceAll(String pattern, String value) {
        return replaceAll(pattern, value, false);
    }

    public Expr replaceAll(String pattern, String value, boolean literal) {
        return expr.call(FunctionNames.STR_REPLACE_ALL, pattern, value, literal);
    }

    public Expr reverse() {
        return expr.call(FunctionNames.STR_REVERSE);
    }

    public Expr padStart(int length) {
        return padStart(length, " ");
    }

    public Expr padStart(int length, String fillChar) {
        return expr.call(FunctionNames.STR_PAD_START, length, fillChar);
    }

    public Expr padEnd(int length) {
        return padEnd(length, " ");
    }

    public Expr padEnd(int length, String fillChar) {
        return expr.call(FunctionNames.STR_PAD_END, length, fillChar);
    }

    /** Zeros in front (after a leading sign) up to {@code length} characters. */
    public Expr zfill(int length) {
        return expr.call(FunctionNames.STR_ZFILL, length);
    }

    /** The first {@code n} characters; a negative {@code n} all but the last {@code -n}. */
    public Expr head(int n) {
        return expr.call(FunctionNames.STR_HEAD, n);
    }

    /** The last {@code n} characters; a negative {@code n} all but the first {@code -n}. */
    public Expr tail(int n) {
        return expr.call(FunctionNames.STR_TAIL, n);
    }

    public Expr stripCharsStart() {
        return expr.call(FunctionNames.STR_STRIP_CHARS_START);
    }

    public Expr stripCharsStart(String characters) {
        return expr.call(FunctionNames.STR_STRIP_CHARS_START, characters);
    }

    public Expr stripCharsEnd() {
        return expr.call(FunctionNames.STR_STRIP_CHARS_END);
    }

    public Expr stripCharsEnd(String characters) {
        return expr.call(FunctionNames.STR_STRIP_CHARS_END, characters);
    }

    // ---- more of Polars' str namespace (the engine's StringMoreFunctions) ----

    /** Polars' title case: a letter after a non-letter upper (title) case, every other letter lower case. */
    public Expr toTitlecase() {
        return expr.call(FunctionNames.STR_TO_TITLECASE);
    }

    /** The Unicode normal form {@code form}: NFC, NFKC, NFD or NFKD. */
    public Expr normalize(String form) {
        return expr.call(FunctionNames.STR_NORMALIZE, form);
    }

    /** Each literal pattern (a key) replaced by its value, left to right without overlaps, as Polars. */
    public Expr replaceMany(java.util.Map<String, String> replacements) {
        return replaceMany(new java.util.ArrayList<>(replacements.keySet()), new java.util.ArrayList<>(replacements.values()),
                false, false);
    }

    /** {@code patterns[i]} replaced by {@code replacements[i]} (one replacement: for every pattern). */
    public Expr replaceMany(java.util.List<String> patterns, java.util.List<String> replacements,
                            boolean asciiCaseInsensitive, boolean leftmost) {
        if (replacements.size() != patterns.size() && replacements.size() != 1) {
            throw new IllegalArgumentException("replaceMany needs one replacement, or one per pattern");
        }
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(asciiCaseInsensitive, leftmost));
        for (int i = 0; i < patterns.size(); i++) {
            args.add(patterns.get(i));
            args.add(replacements.get(replacements.size() == 1 ? 0 : i));
        }
        return expr.call(FunctionNames.STR_REPLACE_MANY, args.toArray());
    }

    /** The literal patterns found, left to right without overlaps, as a list of strings. */
    public Expr extractMany(java.util.List<String> patterns, boolean asciiCaseInsensitive, boolean leftmost) {
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(asciiCaseInsensitive, leftmost));
        args.addAll(patterns);
        return expr.call(FunctionNames.STR_EXTRACT_MANY, args.toArray());
    }

    /** The UTF-8 byte offset of each literal pattern found, left to right without overlaps, as a list. */
    public Expr findMany(java.util.List<String> patterns, boolean asciiCaseInsensitive, boolean leftmost) {
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(asciiCaseInsensitive, leftmost));
        args.addAll(patterns);
        return expr.call(FunctionNames.STR_FIND_MANY, args.toArray());
    }

    /** Every match of the RE2 {@code pattern}, as a list of strings. */
    public Expr extractAll(String pattern) {
        return expr.call(FunctionNames.STR_EXTRACT_ALL, pattern);
    }

    /**
     * Parsed with a format in Polars' (chrono's) syntax ({@code %Y-%m-%d %H:%M:%S%.f}; empty: ISO forms) as
     * a date ({@code kind} "date") or a datetime of {@code unit} (ns, us, ms) in {@code timeZone} (empty:
     * none); a text that does not parse fails the query when {@code strict}, else is null.
     */
    public Expr strptime(String kind, String format, String unit, String timeZone, boolean strict, boolean exact) {
        return expr.call(FunctionNames.STR_STRPTIME, kind, format, unit, timeZone, strict, exact, "raise");
    }

    /** A date in {@code format} (chrono's syntax); a text that does not parse fails the query. */
    public Expr toDate(String format) {
        return strptime("date", format, "us", "", true, true);
    }

    /** A naive datetime (microseconds) in {@code format} (chrono's syntax); a text that does not parse fails the query. */
    public Expr toDatetime(String format) {
        String unit = format.contains("9f") ? "ns" : format.contains("3f") ? "ms" : "us";
        return strptime("datetime", format, unit, format.contains("z") ? "UTC" : "", true, true);
    }

    /** The "hex" (lower case) or "base64" text of each string's UTF-8 bytes. */
    public Expr encode(String encoding) {
        return expr.call(FunctionNames.STR_ENCODE, encoding);
    }

    /** The bytes (binary) that "hex" or "base64" text spells; text that does not decode fails the query. */
    public Expr decode(String encoding) {
        return decode(encoding, true);
    }

    /** As {@link #decode(String)}; not {@code strict}, text that does not decode gives null. */
    public Expr decode(String encoding, boolean strict) {
        return expr.call(FunctionNames.STR_DECODE, encoding, strict);
    }
}
