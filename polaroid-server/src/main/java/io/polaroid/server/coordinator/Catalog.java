package io.polaroid.server.coordinator;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.Scan;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tables known by name ({@code polaroid.catalog.<name>=<path>}). A plan that scans a table by
 * name is rewritten, before anything plans it, into a scan of the path the catalog gives, so the
 * workers and the engine only ever see paths (still confined to the data roots).
 */
public final class Catalog {
    private final Map<String, String> tables;

    /**
     * A catalog whose every path passes {@code pathCheck} (the engine's: well-formed and inside
     * the data roots), checked now so that a bad entry stops the server at start rather than
     * failing every query that names the table.
     */
    public Catalog(Map<String, String> tables, Consumer<String> pathCheck) {
        this.tables = Map.copyOf(tables);
        new java.util.TreeMap<>(this.tables).forEach((name, path) -> {
            try {
                pathCheck.accept(path);
            } catch (PolaroidException e) {
                throw new IllegalStateException("polaroid.catalog." + name + ": " + e.getMessage(), e);
            }
        });
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(tables.keySet());
    }

    /** The catalog's tables as SQL sees them. */
    public io.polaroid.engine.sql.SqlTables sqlTables() {
        return new io.polaroid.engine.sql.SqlTables() {
            @Override
            public java.util.Optional<io.polaroid.engine.dsl.PlanNode> table(String name) {
                return tables.containsKey(name)
                        ? java.util.Optional.of(io.polaroid.engine.serde.PlanCodec.decodePlan(tablePlan(name)))
                        : java.util.Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Catalog.this.names();
            }
        };
    }

    /** A plan that reads the whole table {@code name}. */
    public Plan tablePlan(String name) {
        return Plan.newBuilder().setRoot(Relation.newBuilder().setScan(scan(name))).build();
    }

    /** {@code plan} with every scan of a table by name replaced by a scan of its path. */
    public Plan resolve(Plan plan) {
        return (Plan) resolve((Message) plan);
    }

    private Message resolve(Message m) {
        if (m instanceof Scan s && !s.getTable().isEmpty()) {
            return scan(s.getTable());
        }
        Message.Builder changed = null;
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                List<?> items = (List<?>) e.getValue();
                for (int i = 0; i < items.size(); i++) {
                    Message r = resolve((Message) items.get(i));
                    if (r != items.get(i)) {
                        changed = changed == null ? m.toBuilder() : changed;
                        changed.setRepeatedField(f, i, r);
                    }
                }
            } else {
                Message r = resolve((Message) e.getValue());
                if (r != e.getValue()) {
                    changed = changed == null ? m.toBuilder() : changed;
                    changed.setField(f, r);
                }
            }
        }
        return changed == null ? m : changed.build();
    }

    private Scan scan(String name) {
        String path = tables.get(name);
        if (path == null) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no table '" + name + "' in the catalog; it has "
                    + names() + " (set polaroid.catalog." + name + "=<path> on the coordinator)");
        }
        return Scan.newBuilder().setFormat(formatOf(path)).addPaths(path).build();
    }

    private static Scan.Format formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
            return Scan.Format.CSV;
        }
        if (p.endsWith(".arrow") || p.endsWith(".ipc") || p.endsWith(".feather")) {
            return Scan.Format.IPC;
        }
        return Scan.Format.PARQUET;
    }
}
