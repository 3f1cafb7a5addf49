package io.polaroid.tpch;

import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import java.nio.file.Path;

/** The eight TPC-H tables of one data folder ({@code <dir>/<table>.parquet}) as lazy frames. */
public final class TpchTables {
    private final Polaroid pl;
    private final Path dir;

    public TpchTables(Polaroid pl, Path dir) {
        this.pl = pl;
        this.dir = dir;
    }

    private LazyFrame table(String name) {
        return pl.scanParquet(dir.resolve(name + ".parquet").toString());
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
