package io.polaroid.engine.testing;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Parquet file DuckDB writes from a query, an engine of two threads to read it, and DuckDB to answer
 * the same questions over it: the fixture of the tests that compare the engine with DuckDB on a file.
 */
public final class ParquetVsDuckDb implements AutoCloseable {
    public final DuckDb duck = new DuckDb();
    public final QueryEngine engine;
    public final String file;

    public ParquetVsDuckDb(Path dir, String select, int rowGroupRows, int batchRows) {
        file = dir.resolve("t.parquet").toString();
        duck.execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE " + rowGroupRows + ")");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(batchRows).withHadoop(Map.of()));
    }

    /** The rows of a plan on the engine (which must hold no memory afterwards). */
    public List<List<Object>> run(PlanNode plan) {
        return EngineRows.of(engine, plan);
    }

    /** The rows of a DuckDB query, in which {@code $file} stands for the file. */
    public List<List<Object>> query(String sql) {
        return duck.query(sql.replace("$file", "'" + file + "'"));
    }

    @Override
    public void close() {
        engine.close();
        duck.close();
    }
}
