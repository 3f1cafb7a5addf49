package io.polaroid.server.coordinator.flightsql;

import io.polaroid.server.coordinator.QueryManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;

/**
 * The coordinator's catalog as SQL clients browse it: one catalog, {@value #CATALOG}, with one
 * schema, {@value #SCHEMA}, whose tables are the {@code polaroid.catalog.*} entries (the names
 * the SQL translator resolves, also as {@code public.t} and {@code polaroid.public.t}).
 */
final class CatalogMetadata {
    static final String CATALOG = "polaroid";
    static final String SCHEMA = "public";
    static final String TABLE_TYPE = "TABLE";

    private final QueryManager queries;

    CatalogMetadata(QueryManager queries) {
        this.queries = queries;
    }

    List<Object[]> catalogs() {
        return List.<Object[]>of(new Object[] {CATALOG});
    }

    List<Object[]> schemas(CommandGetDbSchemas command) {
        boolean match = (!command.hasCatalog() || command.getCatalog().equals(CATALOG))
                && LikePattern.of(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern()).matches(SCHEMA);
        return match ? List.<Object[]>of(new Object[] {CATALOG, SCHEMA}) : List.of();
    }

    /** The matching tables; with {@code include_schema}, each one's Arrow schema as an IPC message, planned now. */
    List<Object[]> tables(CommandGetTables command) {
        List<Object[]> rows = new ArrayList<>();
        if ((command.hasCatalog() && !command.getCatalog().equals(CATALOG))
                || !LikePattern.of(command.hasDbSchemaFilterPattern(), command.getDbSchemaFilterPattern()).matches(SCHEMA)
                || (command.getTableTypesCount() > 0 && command.getTableTypesList().stream().noneMatch(TABLE_TYPE::equalsIgnoreCase))) {
            return rows;
        }
        LikePattern names = LikePattern.of(command.hasTableNameFilterPattern(), command.getTableNameFilterPattern());
        for (String table : queries.catalog().names()) {
            if (!names.matches(table)) {
                continue;
            }
            if (command.getIncludeSchema()) {
                byte[] schema = queries.schema(queries.catalog().tablePlan(table)).serializeAsMessage();
                rows.add(new Object[] {CATALOG, SCHEMA, table, TABLE_TYPE, schema});
            } else {
                rows.add(new Object[] {CATALOG, SCHEMA, table, TABLE_TYPE});
            }
        }
        return rows;
    }

    List<Object[]> tableTypes() {
        return List.<Object[]>of(new Object[] {TABLE_TYPE});
    }
}
