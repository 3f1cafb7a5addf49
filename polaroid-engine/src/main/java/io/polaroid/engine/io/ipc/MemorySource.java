package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * A table carried inside a plan as an Arrow IPC stream ({@link IpcWriter#toStreamBytes}, or
 * pyarrow's stream writer). The stream is indexed once, reading and checking message metadata
 * only ({@link IpcLayout}); each record batch is a morsel that reads just its own messages. The
 * array is shared, not copied: it must not change while the source is in use.
 */
public final class MemorySource implements DataSource {
    private final byte[] bytes;
    private final IpcLayout layout;
    private final Schema schema;

    public MemorySource(byte[] arrowIpcStream) {
        this.bytes = arrowIpcStream;
        try {
            this.layout = IpcLayout.scanStream(new ByteArrayReadableSeekableByteChannel(arrowIpcStream));
        } catch (IOException | RuntimeException e) {
            throw invalid(e);
        }
        this.schema = IpcSchemas.toPolaroid(layout.schema());
    }

    /** What a failure while reading the stream means to the user: the plan carried bad bytes (see {@link IpcErrors}). */
    static PolaroidException invalid(Throwable failure) {
        return IpcErrors.of(failure, "in-memory table", (problem, cause) -> new PolaroidException(ErrorCode.INVALID_PLAN,
                "in-memory table is not a valid Arrow IPC stream: " + problem, cause));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "in-memory [" + layout.rows() + " rows]";
    }

    /** Exact: rows from the batches' headers, bytes of their bodies (what the vectors will hold). */
    @Override
    public Statistics statistics() {
        return new Statistics(layout.rows(), layout.bodyBytes());
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        schema.select(columns); // fails now, naming the column, rather than in every morsel
        List<Morsel> morsels = new ArrayList<>(layout.blocks().size());
        IpcData data = new IpcData.InPlan(bytes);
        for (int b = 0; b < layout.blocks().size(); b++) {
            morsels.add(new IpcMorsel("in-memory batch " + b, data, layout.rangesOf(b), schema, layout.blocks().get(b).rows()));
        }
        return morsels;
    }

    @Override
    public String toString() {
        return describe();
    }
}
