package io.polaroid.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Substring search (eight bytes at a time) and LIKE, against Java's {@code String.indexOf} and a
 * regular expression, on random texts over a three-letter alphabet, so that partial and
 * overlapping matches are common, placed at every offset of a buffer (words that straddle the
 * text's end are never read past it: the text is the buffer's last bytes).
 */
class StringSearchTest {
    private static final Random RANDOM = new Random(20261206);

    private static String random(int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = RANDOM.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            sb.append("abc".charAt(RANDOM.nextInt(3)));
        }
        return sb.toString();
    }

    @Test
    void indexOfFindsWhatStringIndexOfFinds() {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int trial = 0; trial < 20_000; trial++) {
                String text = random(40);
                String needle = random(5);
                if (needle.isEmpty()) {
                    needle = "a";
                }
                int from = RANDOM.nextInt(text.length() + 1);
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                try (ArrowBuf buf = allocator.buffer(Math.max(1, bytes.length))) {
                    long start = buf.capacity() - bytes.length;
                    buf.setBytes(start, bytes);
                    int found = StringKernels.indexOf(buf, start, bytes.length, needle.getBytes(StandardCharsets.UTF_8), from);
                    assertThat(found).as("'%s' in '%s' from %d", needle, text, from).isEqualTo(text.indexOf(needle, from));
                }
            }
        }
    }

    @Test
    void likeMatchesWhatARegularExpressionMatches() {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int trial = 0; trial < 20_000; trial++) {
                String text = random(30);
                StringBuilder like = new StringBuilder();
                StringBuilder regex = new StringBuilder();
                int parts = 1 + RANDOM.nextInt(4);
                for (int p = 0; p < parts; p++) {
                    switch (RANDOM.nextInt(4)) {
                        case 0 -> {
                            like.append('%');
                            regex.append(".*");
                        }
                        case 1 -> {
                            like.append('_');
                            regex.append('.');
                        }
                        default -> {
                            String literal = random(4);
                            like.append(literal);
                            regex.append(Pattern.quote(literal));
                        }
                    }
                }
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                try (ArrowBuf buf = allocator.buffer(Math.max(1, bytes.length))) {
                    long start = buf.capacity() - bytes.length;
                    buf.setBytes(start, bytes);
                    boolean matches = new LikePattern(like.toString()).matches(buf, start, bytes.length);
                    assertThat(matches).as("'%s' like '%s'", text, like).isEqualTo(text.matches(regex.toString()));
                }
            }
        }
    }
}
