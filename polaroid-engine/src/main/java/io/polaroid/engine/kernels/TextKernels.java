package io.polaroid.engine.kernels;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Value-by-value string kernels with Polars' rules: title case, Unicode normal forms, many literal patterns. */
public final class TextKernels {
    private TextKernels() {
    }

    /**
     * Polars' {@code str.to_titlecase}: a character after a non-alphabetic one (or first) takes its
     * title case (full mapping: ß is Ss, ǆ is ǅ), every other character its lower case (a Σ ending a
     * word is ς).
     */
    public static String titlecase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean boundary = true;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (boundary) {
                out.append(title(cp));
            } else if (cp == 'Σ') {
                boolean ends = next >= s.length() || !Character.isAlphabetic(s.codePointAt(next));
                out.append(ends ? 'ς' : 'σ');
            } else {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
            boundary = !Character.isAlphabetic(cp);
            i = next;
        }
        return out.toString();
    }

    private static String title(int cp) {
        int simple = Character.toTitleCase(cp);
        if (simple != Character.toUpperCase(cp)) {
            return new String(Character.toChars(simple)); // a title-case letter of its own: ǅ, ᾼ
        }
        String upper = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
        if (upper.codePointCount(0, upper.length()) == 1) {
            return upper;
        }
        int first = upper.codePointAt(0);
        int rest = Character.charCount(first);
        String tail = upper.substring(rest);
        // ß is Ss, but ŉ is ʼN: the tail of a full mapping is lower case after an upper-case first character
        return new String(Character.toChars(first)) + (Character.isUpperCase(first) ? tail.toLowerCase(Locale.ROOT) : tail);
    }

    public static Normalizer.Form form(String name) {
        return switch (name) {
            case "NFC" -> Normalizer.Form.NFC;
            case "NFKC" -> Normalizer.Form.NFKC;
            case "NFD" -> Normalizer.Form.NFD;
            case "NFKD" -> Normalizer.Form.NFKD;
            default -> null;
        };
    }

    /** Every non-overlapping match of {@code pattern}, left to right (an empty match moves on one character). */
    public static List<String> extractAll(Pattern pattern, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Literal patterns found as Polars' Aho-Corasick finds them: left to right without overlaps,
     * either the match that ends first (ties: the earlier pattern; Polars' default), or with
     * {@code leftmost} the match that starts first (ties: the earlier pattern). Matching may ignore
     * ASCII case.
     */
    public record ManyPatterns(List<String> patterns, boolean asciiCaseInsensitive, boolean leftmost) {
        /** Each match as {start, end, pattern index}. */
        public List<int[]> matches(String s) {
            List<int[]> out = new ArrayList<>();
            int from = 0;
            while (from <= s.length()) {
                int[] m = leftmost ? leftmostFrom(s, from) : earliestEndFrom(s, from);
                if (m == null) {
                    break;
                }
                out.add(m);
                from = m[1] > m[0] ? m[1] : m[1] + 1;
            }
            return out;
        }

        private int[] leftmostFrom(String s, int from) {
            for (int start = from; start <= s.length(); start++) {
                for (int p = 0; p < patterns.size(); p++) {
                    if (at(s, start, patterns.get(p))) {
                        return new int[] {start, start + patterns.get(p).length(), p};
                    }
                }
            }
            return null;
        }

        private int[] earliestEndFrom(String s, int from) {
            for (int end = from; end <= s.length(); end++) {
                for (int p = 0; p < patterns.size(); p++) {
                    int start = end - patterns.get(p).length();
                    if (start >= from && at(s, start, patterns.get(p))) {
                        return new int[] {start, end, p};
                    }
                }
            }
            return null;
        }

        private boolean at(String s, int start, String pattern) {
            return s.regionMatches(false, start, pattern, 0, pattern.length())
                    || asciiCaseInsensitive && asciiEqualIgnoringCase(s, start, pattern);
        }

        private static boolean asciiEqualIgnoringCase(String s, int start, String pattern) {
            if (start + pattern.length() > s.length()) {
                return false;
            }
            for (int i = 0; i < pattern.length(); i++) {
                char a = s.charAt(start + i);
                char b = pattern.charAt(i);
                if (a != b && !(a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b))) {
                    return false;
                }
            }
            return true;
        }

        public String replace(String s, List<String> replacements) {
            StringBuilder out = new StringBuilder();
            int done = 0;
            for (int[] m : matches(s)) {
                out.append(s, done, m[0]).append(replacements.get(m[2]));
                done = m[1];
            }
            return out.append(s.substring(done)).toString();
        }

        /** The UTF-8 byte offset of each match (as i32 values, {@link Long}s). */
        public List<Long> byteOffsets(String s) {
            List<Long> out = new ArrayList<>();
            for (int[] m : matches(s)) {
                out.add((long) s.substring(0, m[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
            return out;
        }

        public List<String> extract(String s) {
            List<String> out = new ArrayList<>();
            for (int[] m : matches(s)) {
                out.add(s.substring(m[0], m[1]));
            }
            return out;
        }
    }
}
