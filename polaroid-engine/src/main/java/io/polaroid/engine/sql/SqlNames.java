package io.polaroid.engine.sql;

import java.util.HashSet;
import java.util.Set;

/**
 * Unique column names in the plan of one SQL statement. Every column a FROM item brings, and
 * every value the query computes, gets a name no other has, so joins never collide and a
 * correlated subquery's columns can stand beside the outer query's.
 */
final class SqlNames {
    private final Set<String> used = new HashSet<>();

    /** {@code name} if no column has it yet, else {@code name:2}, {@code name:3}, ... */
    String fresh(String name) {
        if (used.add(name)) {
            return name;
        }
        int i = 2;
        while (!used.add(name + ":" + i)) {
            i++;
        }
        return name + ":" + i;
    }
}
