package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.types.Schema;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Some messages of IPC data read as one stream (see {@link IpcLayout}): a record batch with the
 * schema and dictionaries before it, or a whole file in the stream format. Only these bytes are read.
 */
public final class IpcMorsel implements Morsel {
    private final String name;
    private final IpcData data;
    private final List<IpcLayout.Range> ranges;
    private final Schema schema;
    private final long rows;

    /** {@code ranges}: byte ranges {@code [start, end)} of {@code data}, read as one stream. */
    IpcMorsel(String name, IpcData data, List<IpcLayout.Range> ranges, Schema schema, long rows) {
        this.name = name;
        this.data = data;
        this.ranges = List.copyOf(ranges);
        this.schema = schema;
        this.rows = rows;
    }

    /** The messages at {@code ranges} (pairs of start and end offsets) of {@code data}. */
    public static IpcMorsel of(String name, IpcData data, long[] ranges, Schema schema, long rows) {
        List<IpcLayout.Range> list = new java.util.ArrayList<>(ranges.length / 2);
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            list.add(new IpcLayout.Range(ranges[i], ranges[i + 1]));
        }
        return new IpcMorsel(name, data, list, schema, rows);
    }

    public String name() {
        return name;
    }

    public IpcData data() {
        return data;
    }

    /** Its byte ranges as pairs of start and end offsets. */
    public long[] ranges() {
        long[] out = new long[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            out[2 * i] = ranges.get(i).start();
            out[2 * i + 1] = ranges.get(i).end();
        }
        return out;
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
    public BatchReader open(List<String> columns, ScanContext ctx) {
        return IpcBatchReader.open(name, allocator -> new ArrowStreamReader(
                new CheckedMessageReader(new RangesChannel(data.open(), ranges), allocator), allocator),
                schema, columns, ctx, data::error);
    }

    @Override
    public String toString() {
        return name;
    }
}
