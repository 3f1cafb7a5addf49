package io.polaroid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make profile's sample summary names the method a recording's CPU time went to. */
class ProfileQueryTest {
    private static volatile long sink;

    @Test
    void theBusiestMethodTopsTheSelfTimeList(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            spinFor(1500);
            recording.stop();
            recording.dump(file);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProfileQuery.printSamples(file);
        } finally {
            System.setOut(stdout);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        String self = text.substring(text.indexOf("self (top frame)"), text.indexOf("total (with callees)"));
        String firstLine = self.lines().skip(1).findFirst().orElse("");
        assertThat(firstLine).contains(ProfileQueryTest.class.getName() + ".spinFor");
        assertThat(text.substring(text.indexOf("total (with callees)"))).contains(ProfileQueryTest.class.getName() + ".theBusiestMethodTopsTheSelfTimeList");
    }

    private static void spinFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }
}
