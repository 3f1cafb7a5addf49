package io.polaroid;

import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.vector.Batch;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.ClientToken;
import io.polaroid.remote.ClusterAddress;
import io.polaroid.remote.Transport;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.ipc.IpcWriter;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import io.polaroid.engine.sql.SqlStatements;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A Polaroid session, the entry point: {@code Polaroid.local()} runs queries in this JVM.
 * <pre>{@code
 * try (Polaroid pl = Polaroid.local()) {
 *     DataFrame df = pl.scanParquet("data/lineitem.parquet")
 *             .filter(col("l_quantity").gt(45))
 *             .groupBy("l_returnflag")
 *             .agg(col("l_extendedprice").sum().alias("revenue"), len())
 *             .sort("revenue", true)
 *             .collect();
 *     System.out.println(df);
 * }
 * }</pre>
 */
public final class Polaroid implements AutoCloseable {
    private final Backend backend;
    /** Frames registered for SQL, and the views SQL created, by name. */
    private final Map<String, PlanNode> sqlTables = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    private Polaroid(Backend backend) {
        this.backend = backend;
    }

    /**
     * The engine in this JVM, configured from system properties ({@link EngineConfig#fromSystemProperties()}).
     * Needs {@code io.polaroid:polaroid-local} on the classpath; without it this throws a
     * {@link PolaroidException} ({@code NOT_SUPPORTED}) that names it.
     */
    public static Polaroid local() {
        return local(EngineConfig.fromSystemProperties());
    }

    /** The engine in this JVM, configured by {@code config}; needs {@code io.polaroid:polaroid-local} (see {@link #local()}). */
    public static Polaroid local(EngineConfig config) {
        return new Polaroid(LocalModes.require("Polaroid.local()").backend(config));
    }

    /**
     * A cluster: plans run on the coordinator at {@code url} ({@code grpc://host:50052}) and its
     * workers; results stream back over Arrow Flight. The same API as local mode. The token comes
     * from {@code POLAROID_TOKEN}, {@code POLAROID_TOKEN_FILE} or {@code ~/.polaroid/token}
     * ({@link ClientToken}).
     */
    public static Polaroid connect(String url) {
        return connect(url, ClientToken.find(System.getenv()));
    }

    /**
     * A cluster, presenting {@code token} (a bearer token; null for a cluster without
     * authentication). A {@code grpc+tls://} url trusts the system's CAs, or the PEM file that
     * {@code POLAROID_TLS_CA} (or the system property {@code polaroid.tls.ca}) names.
     */
    public static Polaroid connect(String url, String token) {
        return connect(url, ConnectOptions.defaults().withToken(token));
    }

    /**
     * A cluster, reached as {@code options} say: with {@link ConnectOptions#withRelay relay}, every
     * result comes through the coordinator, for a client that cannot reach the workers.
     */
    public static Polaroid connect(String url, ConnectOptions options) {
        String token = options.token();
        ClusterAddress address = ClusterAddress.parse(url);
        String ca = System.getenv("POLAROID_TLS_CA");
        if (ca == null || ca.isBlank()) {
            ca = System.getProperty("polaroid.tls.ca");
        }
        Transport transport = new Transport(address.tls(), ca == null || ca.isBlank() ? null : java.nio.file.Path.of(ca));
        return new Polaroid(new RemoteBackend(address, Authorization.bearer(token), transport, options.relay(),
                options.progress()));
    }

    /**
     * The backend chosen by the environment: {@code POLAROID_MODE} = {@code local} (or
     * {@code standalone}, {@code portable}, or unset) runs in this JVM; {@code distributed} needs
     * a cluster at {@code POLAROID_URL}.
     */
    public static Polaroid fromEnv() {
        return fromEnv(System.getenv());
    }

    static Polaroid fromEnv(Map<String, String> env) {
        String mode = env.getOrDefault("POLAROID_MODE", "").trim().toLowerCase(Locale.ROOT);
        String url = env.get("POLAROID_URL");
        switch (mode) {
            case "", "local", "standalone", "portable":
                return new Polaroid(LocalModes.require("Polaroid.fromEnv() with POLAROID_MODE " + (mode.isEmpty() ? "unset" : "=" + mode)
                        + " (local mode; POLAROID_MODE=distributed with POLAROID_URL uses a cluster)")
                        .backend(EngineConfig.fromSystemProperties()));
            case "distributed":
                if (url == null || url.isBlank()) {
                    throw PolaroidException.invalidPlan("POLAROID_MODE=distributed needs POLAROID_URL=grpc://host:port");
                }
                return connect(url);
            default:
                throw PolaroidException.invalidPlan("POLAROID_MODE must be local, standalone, portable or distributed, not '"
                        + mode + "'");
        }
    }

    // ---- sources --------------------------------------------------------------------------

    /** Parquet files, folders or globs, read lazily. */
    public LazyFrame scanParquet(String... paths) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.PARQUET, List.of(paths), null));
    }

    /**
     * Parquet files on an object store reached with these settings alone, under Polars' key names
     * ({@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_region},
     * {@code aws_endpoint_url}, ...; see {@link StorageOptions}).
     */
    public LazyFrame scanParquet(List<String> paths, Map<String, String> storageOptions) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.PARQUET, paths, null, new StorageOptions(storageOptions)));
    }

    public DataFrame readParquet(String... paths) {
        return scanParquet(paths).collect();
    }

    /** CSV files with a header row, comma-separated, types inferred. */
    public LazyFrame scanCsv(String... paths) {
        return scanCsv(List.of(paths), CsvOptions.DEFAULT);
    }

    public LazyFrame scanCsv(List<String> paths, CsvOptions options) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.CSV, paths, options));
    }

    /** CSV files on an object store reached with {@code storageOptions} (see {@link #scanParquet(List, Map)}). */
    public LazyFrame scanCsv(List<String> paths, CsvOptions options, Map<String, String> storageOptions) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.CSV, paths, options, new StorageOptions(storageOptions)));
    }

    public DataFrame readCsv(String... paths) {
        return scanCsv(paths).collect();
    }

    public DataFrame readCsv(List<String> paths, CsvOptions options) {
        return scanCsv(paths, options).collect();
    }

    /** Arrow IPC files on an object store reached with {@code storageOptions} (see {@link #scanParquet(List, Map)}). */
    public LazyFrame scanIpc(List<String> paths, Map<String, String> storageOptions) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.IPC, paths, null, new StorageOptions(storageOptions)));
    }

    /** Arrow IPC (Feather v2) files. */
    public LazyFrame scanIpc(String... paths) {
        return new LazyFrame(backend, new PlanNode.Scan(ScanFormat.IPC, List.of(paths), null));
    }

    public DataFrame readIpc(String... paths) {
        return scanIpc(paths).collect();
    }

    /** The rows of an Arrow {@link VectorSchemaRoot} (copied into the plan), as a lazy frame. */
    public LazyFrame fromArrow(VectorSchemaRoot root) {
        Schema schema = ArrowTypes.fromArrow(root.getSchema());
        List<FieldVector> shared = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            shared.add(Vectors.share(v));
        }
        // Arrow moves buffers only within one allocator tree: write with the vectors' own allocator.
        try (Batch batch = new Batch(schema, shared, root.getRowCount(), 0);
             BufferAllocator own = shared.isEmpty() ? new RootAllocator() : null) {
            BufferAllocator allocator = own != null ? own : shared.get(0).getAllocator();
            return new LazyFrame(backend, new PlanNode.InMemory(IpcWriter.toStreamBytes(schema, List.of(batch), allocator)));
        }
    }

    /**
     * A frame from a {@code polaroid.v1} plan in its canonical JSON form, as {@link LazyFrame#toJson()} and
     * the Python client write it: a plan built elsewhere runs here unchanged.
     */
    public LazyFrame fromPlanJson(String json) {
        return new LazyFrame(backend, io.polaroid.engine.serde.PlanJson.fromJson(json));
    }

    /** Makes {@code frame} a table named {@code name} for {@link #sql}; a name registered before is replaced. */
    public Polaroid register(String name, LazyFrame frame) {
        sqlTables.put(name, frame.plan());
        return this;
    }

    /** Forgets the table {@code name}; true if there was one. */
    public boolean unregister(String name) {
        return sqlTables.remove(name) != null;
    }

    /** The names {@link #sql} knows besides a cluster's catalog, in the order they were registered. */
    public List<String> tables() {
        synchronized (sqlTables) {
            return List.copyOf(sqlTables.keySet());
        }
    }

    /**
     * A SQL query (DuckDB's dialect and meaning) over the registered tables, a cluster's catalog,
     * and files ({@code read_parquet('path')}, {@code read_csv('path')}), as a lazy frame that runs
     * where this session runs. A text of several statements may create views for its last query;
     * a text of only {@code CREATE VIEW} and {@code DROP VIEW} statements changes this session's
     * tables, as DuckDB's views do. Errors (syntax, unknown names, types) surface when the frame
     * is collected or its schema asked for.
     */
    public LazyFrame sql(String query) {
        List<SqlStatements.Statement> statements = SqlStatements.split(query);
        boolean viewsOnly = !statements.isEmpty() && statements.stream().allMatch(st -> st.kind() == SqlStatements.Kind.CREATE_VIEW
                || st.kind() == SqlStatements.Kind.DROP_VIEW);
        if (!viewsOnly) {
            return new LazyFrame(backend, new PlanNode.Sql(query, snapshot()));
        }
        String response = null;
        for (SqlStatements.Statement st : statements) {
            if (st.kind() == SqlStatements.Kind.CREATE_VIEW) {
                register(st.name(), sqlView(st));
                response = "CREATE VIEW";
            } else if (!unregister(st.name()) && !st.ifExists()) {
                throw new io.polaroid.engine.error.PolaroidException(io.polaroid.engine.error.ErrorCode.FILE_NOT_FOUND,
                        "no view '" + st.name() + "' to drop; the tables are " + tables());
            } else {
                response = "DROP VIEW";
            }
        }
        return new LazyFrame(backend, new PlanNode.Sql("SELECT '" + response + "' AS \"Response\"", Map.of()));
    }

    /** A view: its query over the tables as they are now, under the column names it gives. */
    private LazyFrame sqlView(SqlStatements.Statement st) {
        LazyFrame view = new LazyFrame(backend, new PlanNode.Sql(st.body(), snapshot()));
        if (st.columns().isEmpty()) {
            return view;
        }
        String columns = String.join(", ", st.columns().stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
        Map<String, PlanNode> inner = new java.util.LinkedHashMap<>(Map.of("__view", view.plan()));
        return new LazyFrame(backend, new PlanNode.Sql("SELECT * FROM __view AS v (" + columns + ")", inner));
    }

    private Map<String, PlanNode> snapshot() {
        synchronized (sqlTables) {
            return new java.util.LinkedHashMap<>(sqlTables);
        }
    }

    /** Rows of every frame in turn; all have the same columns in the same order. */
    public static LazyFrame concat(LazyFrame first, LazyFrame... others) {
        return LazyFrame.concat(first, others);
    }

    /** Closes the session; results still open are freed with it. */
    @Override
    public void close() {
        backend.close();
    }
}
