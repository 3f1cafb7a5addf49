package io.polaroid;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.types.Schema;

/** Where plans run: in this process ({@code LocalBackend}, in polaroid-local) or on a cluster. */
public interface Backend extends AutoCloseable {
    Schema schema(PlanNode plan);

    String explain(PlanNode plan);

    DataFrame collect(PlanNode plan);

    /** Runs the plan, counting what each operator does; see {@link LazyFrame#profile()}. */
    LazyFrame.Profile profile(PlanNode plan);

    /** The result one batch per frame, in order, as the batches arrive. */
    java.util.stream.Stream<DataFrame> stream(PlanNode plan);

    /** A plan node for rows held in memory (an Arrow IPC stream), as this backend can carry them. */
    PlanNode inMemory(DataFrame frame);

    void writeParquet(DataFrame frame, String path);

    void writeCsv(DataFrame frame, String path);

    void writeIpc(DataFrame frame, String path);

    @Override
    void close();
}
