package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.Schema;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Some messages of IPC data read as one stream (see {@link IpcLayout}): a record batch with the
 * schema and dictionaries before it, or a whole file in the stream format. Only these bytes are read.
 */
final class IpcMorsel implements Morsel {
    private final String name;
    private final Supplier<SeekableByteChannel> source;
    private final List<IpcLayout.Range> ranges;
    private final Schema schema;
    private final long rows;
    private final Function<Throwable, PolaroidException> errors;

    /** {@code source} opens the data, {@code errors} says what a failure reading it means (see {@link IpcErrors}). */
    IpcMorsel(String name, Supplier<SeekableByteChannel> source, List<IpcLayout.Range> ranges, Schema schema, long rows,
              Function<Throwable, PolaroidException> errors) {
        this.name = name;
        this.source = source;
        this.ranges = List.copyOf(ranges);
        this.schema = schema;
        this.rows = rows;
        this.errors = errors;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public BatchReader open(List<String> columns, TaskContext ctx) {
        return IpcBatchReader.open(name, allocator -> new ArrowStreamReader(
                new CheckedMessageReader(new RangesChannel(source.get(), ranges), allocator), allocator),
                schema, columns, ctx, errors);
    }

    @Override
    public String toString() {
        return name;
    }
}
