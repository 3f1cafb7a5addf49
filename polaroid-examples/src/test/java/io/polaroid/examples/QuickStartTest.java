package io.polaroid.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.tpch.TpchGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is QuickStart.java, and it runs. */
class QuickStartTest {
    @Test
    void theReadmeShowsQuickStartAsItIs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("a java block in README.md").isTrue();
        String source = Files.readString(Path.of("src/main/java/io/polaroid/examples/QuickStart.java"));
        assertThat(block.group(1)).isEqualTo(source.replaceFirst("package [^;]+;\n\n", ""));
    }

    @Test
    void itPrintsTheResultTable(@TempDir Path dir) throws Exception {
        TpchGenerator.generate(0.01, dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[] {dir.resolve("lineitem.parquet").toString()});
        } finally {
            System.setOut(stdout);
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("shape: (4, 6)");
        assertThat(table).contains("l_returnflag", "sum_qty", "revenue", "avg_disc", "orders", "\"A\"", "\"R\"");
    }
}
