package io.polaroid.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.FunctionNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code testdata/functions.json}, which the SDK tests check themselves against, is what the
 * function families say; regenerate it on purpose with {@code -Dpolaroid.functions.update=true}.
 */
class FunctionCatalogTest {
    static final Path CATALOG = Path.of("..", "testdata", "functions.json");

    @Test
    void theCheckedInCatalogIsTheFamiliesCatalog() throws IOException {
        String current = FunctionCatalog.json();
        if (Boolean.getBoolean("polaroid.functions.update")) {
            Files.writeString(CATALOG, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CATALOG, StandardCharsets.UTF_8))
                .as("testdata/functions.json is stale: run the engine tests with -Dpolaroid.functions.update=true")
                .isEqualTo(current);
    }

    @Test
    void everyWireNameHasAFamilyAndEveryFamilyFunctionAWireName() throws IllegalAccessException {
        Set<String> wireNames = new HashSet<>();
        for (Field f : FunctionNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                wireNames.add((String) f.get(null));
            }
        }
        Set<String> defined = new HashSet<>();
        FunctionRegistry.families().forEach(family -> family.functions().forEach(fn -> defined.add(fn.name())));
        assertThat(defined).isEqualTo(wireNames);
    }

    @Test
    void sqlSpellingsMeanTheirFunction() {
        assertThat(FunctionRegistry.wireName("upper")).isEqualTo(FunctionNames.STR_TO_UPPERCASE);
        assertThat(FunctionRegistry.wireName("avg")).isEqualTo(FunctionNames.MEAN);
        assertThat(FunctionRegistry.wireName("str.slice")).isEqualTo(FunctionNames.STR_SLICE);
        assertThat(FunctionRegistry.wireName("teleport")).isNull();
    }

    /** The spellings the expression parser knows without the engine (polaroid-core) are the families' own. */
    @Test
    void theCoreSpellingsAreTheFamiliesSpellings() {
        java.util.Map<String, String> families = new java.util.LinkedHashMap<>();
        FunctionRegistry.families().forEach(family -> family.functions().forEach(fn -> fn.sql().forEach(alias -> families.put(alias, fn.name()))));
        assertThat(FunctionNames.SQL_SPELLINGS).isEqualTo(families);
        FunctionRegistry.families().forEach(family -> family.functions().forEach(fn -> {
            assertThat(FunctionNames.wireName(fn.name())).isEqualTo(FunctionRegistry.wireName(fn.name()));
        }));
        assertThat(FunctionNames.wireName("teleport")).isNull();
    }
}
