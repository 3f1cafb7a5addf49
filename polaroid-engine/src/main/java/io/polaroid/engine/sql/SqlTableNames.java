package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a table name in FROM means, first match wins: a view the script created, a table the query
 * carries, a table of the catalog. Names match without regard to case; a qualified name
 * ({@code polaroid.public.t}) is read as its last part. {@code read_parquet('path')},
 * {@code read_csv('path')} and {@code read_ipc('path')} scan files.
 */
final class SqlTableNames {
    static final String CATALOG = "polaroid";
    static final String SCHEMA = "public";

    private final Map<String, PlanNode> tables;
    private final SqlTables catalog;
    private final Map<String, SqlRelation> views = new LinkedHashMap<>();

    SqlTableNames(Map<String, PlanNode> tables, SqlTables catalog) {
        this.tables = tables;
        this.catalog = catalog;
    }

    void createView(String name, SqlRelation view, boolean orReplace) {
        String existing = find(views.keySet(), name);
        if (existing != null && !orReplace) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "view '" + name + "' already exists; use CREATE OR REPLACE VIEW");
        }
        if (existing != null) {
            views.remove(existing);
        }
        views.put(name, view);
    }

    void dropView(String name, boolean ifExists) {
        String existing = find(views.keySet(), name);
        if (existing == null && !ifExists) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no view '" + name + "' to drop; the views are " + views.keySet());
        }
        views.remove(existing);
    }

    /** A view of the script, or null. */
    SqlRelation view(List<String> qualified) {
        String name = find(views.keySet(), last(qualified));
        return name == null ? null : views.get(name);
    }

    /** A table the query carries or the catalog has; fails naming the tables there are. */
    PlanNode table(List<String> qualified) {
        checkQualifier(qualified);
        String name = last(qualified);
        String own = find(tables.keySet(), name);
        if (own != null) {
            return tables.get(own);
        }
        String inCatalog = find(catalog.names(), name);
        if (inCatalog != null) {
            return catalog.table(inCatalog).orElseThrow();
        }
        throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "table '" + String.join(".", qualified) + "' not found; the tables are "
                + names() + " (or read files with read_parquet('path'), read_csv('path'))");
    }

    /** Every name a query can use, sorted. */
    List<String> names() {
        TreeSet<String> all = new TreeSet<>(tables.keySet());
        all.addAll(catalog.names());
        all.addAll(views.keySet());
        return new ArrayList<>(all);
    }

    /** {@code read_parquet('path')} and its kin: a scan of the file, folder or glob. */
    static PlanNode tableFunction(String function, List<String> paths) {
        ScanFormat format = switch (function) {
            case "read_parquet", "parquet_scan" -> ScanFormat.PARQUET;
            case "read_csv", "read_csv_auto" -> ScanFormat.CSV;
            case "read_ipc", "read_arrow" -> ScanFormat.IPC;
            default -> throw PolaroidException.notSupported("the table function " + function
                    + "(); the table functions are read_parquet, read_csv and read_ipc");
        };
        if (paths.isEmpty()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, function + "() needs a path");
        }
        return new PlanNode.Scan(format, paths, null);
    }

    private static void checkQualifier(List<String> qualified) {
        if (qualified.size() > 3) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "table name " + String.join(".", qualified) + " has too many parts");
        }
        if (qualified.size() >= 2 && !qualified.get(qualified.size() - 2).equalsIgnoreCase(SCHEMA)) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no schema '" + qualified.get(qualified.size() - 2)
                    + "'; the tables are in " + CATALOG + "." + SCHEMA);
        }
        if (qualified.size() == 3 && !qualified.get(0).equalsIgnoreCase(CATALOG)) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no catalog '" + qualified.get(0) + "'; the catalog is " + CATALOG);
        }
    }

    private static String last(List<String> qualified) {
        return qualified.get(qualified.size() - 1);
    }

    /** The name in {@code names} that {@code name} means: the same, or the only one equal without regard to case. */
    private static String find(Iterable<String> names, String name) {
        String folded = null;
        for (String n : names) {
            if (n.equals(name)) {
                return n;
            }
            if (n.equalsIgnoreCase(name)) {
                folded = n;
            }
        }
        return folded;
    }
}
