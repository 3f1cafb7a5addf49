package io.polaroid.server.coordinator.http;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.ResultRelay;
import io.polaroid.server.security.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query's result as one Arrow IPC stream on an HTTP response: the schema (the first partition's,
 * as its worker sent it; every other partition must have the same columns), then each result
 * partition's batches in result order, read from the worker that makes it as they arrive (through
 * the {@link ResultRelay}, as the cluster) and written on in the buffers they arrived in, then the
 * end-of-stream marker. Memory stays bounded: a batch is read from the worker
 * only when the previous one was written to the client.
 *
 * <p>A failure after the stream began cannot change the response's status: the stream then stops
 * without its end-of-stream marker and the connection is cut, and the query's status (which the
 * client reads next) says why.
 */
final class ArrowHttpStream {
    private final ResultRelay relay;
    private final QueryExecution query;
    private final Caller caller;
    /** The schema the stream began with: the first partition's, as its worker sent it. */
    private Schema written;

    ArrowHttpStream(ResultRelay relay, QueryExecution query, Caller caller) {
        this.relay = relay;
        this.query = query;
        this.caller = caller;
    }

    /** What {@link #writeTo} reports: the rows written, and whether the client went away before the end. */
    record Written(long rows, boolean clientGone) {
    }

    /**
     * Writes the whole result to {@code out}, flushing after each batch. Throws a PolaroidException
     * when reading the result failed (the stream then lacks its end marker).
     */
    Written writeTo(OutputStream out) {
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));
        long rows = 0;
        try {
            for (QueryExecution.Endpoint e : query.endpoints()) {
                long partitionRows = copyPartition(e, channel, out);
                if (partitionRows < 0) {
                    return new Written(rows, true);
                }
                rows += partitionRows;
            }
            if (written == null) { // no partition: the plan's columns, and no rows
                MessageSerializer.serialize(channel, ArrowTypes.toArrow(query.plan().schema()), IpcOption.DEFAULT);
            }
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
            out.flush();
            return new Written(rows, false);
        } catch (IOException clientGone) {
            return new Written(rows, true);
        }
    }

    /** One partition's batches onto the stream; its rows, or -1 when the client went away. */
    private long copyPartition(QueryExecution.Endpoint e, WriteChannel channel, OutputStream out) {
        FlightStream in = null;
        long rows = 0;
        try {
            in = relay.open(e.address(), e.ticket(), caller);
            VectorSchemaRoot root = in.getRoot();
            checkNoDictionaries(root.getSchema());
            if (written == null) {
                written = root.getSchema();
                MessageSerializer.serialize(channel, written, IpcOption.DEFAULT);
                out.flush();
            } else {
                checkSameColumns(e, root.getSchema());
            }
            VectorUnloader unloader = new VectorUnloader(root);
            while (in.next()) {
                try (ArrowRecordBatch batch = unloader.getRecordBatch()) {
                    MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
                }
                rows += root.getRowCount();
                out.flush();
            }
            return rows;
        } catch (IOException clientGone) {
            in.cancel("the HTTP client went away", null);
            return -1;
        } catch (RuntimeException failed) {
            if (in != null) {
                in.cancel("the result could not be read", null);
            }
            throw ResultRelay.failure(e.address(), failed);
        } finally {
            close(in);
        }
    }

    /** The batches of every partition go out under the first one's schema: their columns must be its. */
    private void checkSameColumns(QueryExecution.Endpoint e, Schema schema) {
        List<Field> expected = written.getFields();
        List<Field> actual = schema.getFields();
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).getType().equals(actual.get(i).getType());
        }
        if (!same) {
            throw PolaroidException.internal("a result partition from " + e.address() + " has the columns " + schema
                    + ", not " + written + " as the first one");
        }
    }

    private static void checkNoDictionaries(Schema schema) {
        for (Field f : schema.getFields()) {
            if (f.getDictionary() != null) {
                throw PolaroidException.internal("result column '" + f.getName() + "' arrived dictionary-encoded;"
                        + " the HTTP stream carries plain columns only");
            }
        }
    }

    private static void close(FlightStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (Exception alreadyBroken) {
                // a cancelled or failed stream holds nothing more
            }
        }
    }
}
