package io.polaroid.engine.sql;

/**
 * A column as SQL sees it: the name of the table or alias it comes from ({@code qualifier}, null
 * for a computed column), its SQL name, and the unique name it has in the plan ({@code internal}).
 */
record SqlColumn(String qualifier, String name, String internal) {
}
