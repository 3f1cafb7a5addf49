package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.PlanNode;
import java.util.Optional;
import java.util.Set;

/**
 * Tables a SQL query can name besides those it carries: a server's catalog. Local mode has none;
 * a coordinator offers its {@code polaroid.catalog.<name>} tables.
 */
public interface SqlTables {
    SqlTables NONE = new SqlTables() {
        @Override
        public Optional<PlanNode> table(String name) {
            return Optional.empty();
        }

        @Override
        public Set<String> names() {
            return Set.of();
        }
    };

    /** The plan that reads table {@code name}, if there is one. */
    Optional<PlanNode> table(String name);

    /** Every table name, for errors that list them. */
    Set<String> names();
}
