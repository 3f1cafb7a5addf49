package io.polaroid.tpch;

import io.polaroid.engine.testing.DuckDb;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** DuckDB over a TPC-H data folder: the oracle the TPC-H tests compare with. */
public final class TpchDuckDb {
    private TpchDuckDb() {
    }

    /** A DuckDB with one view per table over the folder's Parquet files. */
    public static DuckDb over(Path data) {
        DuckDb duck = new DuckDb();
        for (TpchTable<?> t : TpchTable.getTables()) {
            duck.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('"
                    + data.resolve(t.getTableName() + ".parquet") + "')");
        }
        return duck;
    }

    /** DuckDB's answer to the official text of query {@code q}: Q15 creates a view first; the last statement is the query. */
    public static List<List<Object>> answer(DuckDb duck, int q) {
        List<String> parts = TpchSql.statements(q);
        for (int i = 0; i < parts.size() - 1; i++) {
            duck.execute(parts.get(i));
        }
        return duck.query(parts.get(parts.size() - 1));
    }

    /** 1 to 22. */
    public static List<Integer> queries() {
        return IntStream.rangeClosed(1, 22).boxed().toList();
    }
}
