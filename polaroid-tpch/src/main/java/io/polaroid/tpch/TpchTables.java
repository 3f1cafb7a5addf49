package io.polaroid.tpch;

import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import java.nio.file.Path;

/**
 * The eight TPC-H tables of one data folder ({@code <folder>/<table>.parquet}) as lazy frames; the
 * folder is a local path or a URI such as {@code s3a://bucket/tpch}.
 */
public final class TpchTables {
    private final Polaroid pl;
    private final String folder;

    public TpchTables(Polaroid pl, Path dir) {
        this(pl, dir.toString());
    }

    public TpchTables(Polaroid pl, String folder) {
        this.pl = pl;
        this.folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }

    /** The eight tables registered by name in the session, for {@code Polaroid.sql}; the session. */
    public Polaroid registerForSql() {
        for (String name : java.util.List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region")) {
            pl.register(name, table(name));
        }
        return pl;
    }

    private LazyFrame table(String name) {
        return pl.scanParquet(folder + "/" + name + ".parquet");
    }

    public LazyFrame lineitem() {
        return table("lineitem");
    }

    public LazyFrame orders() {
        return table("orders");
    }

    public LazyFrame customer() {
        return table("customer");
    }

    public LazyFrame part() {
        return table("part");
    }

    public LazyFrame partsupp() {
        return table("partsupp");
    }

    public LazyFrame supplier() {
        return table("supplier");
    }

    public LazyFrame nation() {
        return table("nation");
    }

    public LazyFrame region() {
        return table("region");
    }
}
