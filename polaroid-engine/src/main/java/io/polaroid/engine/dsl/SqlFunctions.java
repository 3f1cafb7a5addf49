package io.polaroid.engine.dsl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which function names an expression string may call: every name in {@link FunctionNames}, plus the
 * SQL spellings users reach for first, mapped to the same wire names so that {@code upper(s)} and
 * {@code str.to_uppercase(s)} make the very same plan.
 */
final class SqlFunctions {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("upper", FunctionNames.STR_TO_UPPERCASE),
            Map.entry("lower", FunctionNames.STR_TO_LOWERCASE),
            Map.entry("length", FunctionNames.STR_LEN_CHARS),
            Map.entry("trim", FunctionNames.STR_STRIP_CHARS),
            Map.entry("starts_with", FunctionNames.STR_STARTS_WITH),
            Map.entry("ends_with", FunctionNames.STR_ENDS_WITH),
            Map.entry("contains", FunctionNames.STR_CONTAINS),
            Map.entry("year", FunctionNames.DT_YEAR),
            Map.entry("quarter", FunctionNames.DT_QUARTER),
            Map.entry("month", FunctionNames.DT_MONTH),
            Map.entry("day", FunctionNames.DT_DAY),
            Map.entry("concat", FunctionNames.CONCAT_STR),
            Map.entry("avg", FunctionNames.MEAN));

    /** Read from the constants of {@link FunctionNames} so a function added there is callable here at once. */
    private static final Set<String> KNOWN = knownNames();

    private SqlFunctions() {
    }

    /** The wire name for {@code name} (lower case), or null when there is no such function. */
    static String resolve(String name) {
        String alias = ALIASES.get(name);
        if (alias != null) {
            return alias;
        }
        return KNOWN.contains(name) ? name : null;
    }

    private static Set<String> knownNames() {
        Set<String> names = new HashSet<>();
        for (Field f : FunctionNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
