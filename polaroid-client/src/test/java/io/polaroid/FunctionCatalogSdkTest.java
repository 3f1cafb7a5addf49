package io.polaroid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every function of the engine's catalog ({@code testdata/functions.json}) is in the Java SDK
 * where the catalog says: {@code Expr.str().contains} is a method {@code contains} on what
 * {@code Expr.str()} returns, {@code Functions.concatStr} a static method.
 */
class FunctionCatalogSdkTest {
    private static final Pattern JAVA = Pattern.compile("\"name\": \"([^\"]+)\".*?\"java\": \"([^\"]+)\"", Pattern.DOTALL);

    @Test
    void everyCatalogFunctionIsInTheSdk() throws IOException {
        String catalog = Files.readString(Path.of("..", "testdata", "functions.json"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        Matcher m = JAVA.matcher(catalog);
        while (m.find()) {
            checked++;
            if (!exists(m.group(2))) {
                missing.add(m.group(1) + " as " + m.group(2));
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(missing).as("functions of the catalog the Java SDK lacks").isEmpty();
    }

    /** Walks {@code Class.accessor().method}: each {@code name()} step follows a no-argument method's return type. */
    private static boolean exists(String path) {
        String[] parts = path.split("\\.");
        Class<?> type;
        try {
            type = Class.forName("io.polaroid." + parts[0]);
        } catch (ClassNotFoundException e) {
            return false;
        }
        for (int i = 1; i < parts.length - 1; i++) {
            String accessor = parts[i].replace("()", "");
            Method next = Arrays.stream(type.getMethods())
                    .filter(method -> method.getName().equals(accessor) && method.getParameterCount() == 0)
                    .findFirst().orElse(null);
            if (next == null) {
                return false;
            }
            type = next.getReturnType();
        }
        String name = parts[parts.length - 1];
        boolean onClass = parts.length == 2 && !parts[0].equals("Expr");
        return Arrays.stream(type.getMethods()).anyMatch(method -> method.getName().equals(name)
                && Modifier.isPublic(method.getModifiers()) && (!onClass || Modifier.isStatic(method.getModifiers())));
    }
}
