package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Results the coordinator serves itself (catalogs, tables, types: small, and known without the
 * workers): the FlightInfo has one endpoint without a location, which tells the client to fetch
 * it from this same service, with the command itself as the ticket.
 */
final class MetadataResults {
    private MetadataResults() {
    }

    static FlightInfo info(Message command, Schema schema, FlightDescriptor descriptor) {
        return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))), -1, -1);
    }

    /**
     * Sends {@code rows} (one value per field of {@code schema}, null where none) as one batch.
     * Values: String for utf8, Integer for int32, Boolean for bool, byte[] for binary.
     */
    static void send(Schema schema, List<Object[]> rows, BufferAllocator allocator, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        set(root.getVector(c), r, row[c]);
                    }
                }
            }
            root.setRowCount(rows.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    private static void set(FieldVector v, int row, Object value) {
        if (v instanceof VarCharVector s) {
            s.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof IntVector i) {
            i.setSafe(row, (Integer) value);
        } else if (v instanceof BitVector b) {
            b.setSafe(row, (Boolean) value ? 1 : 0);
        } else if (v instanceof VarBinaryVector b) {
            b.setSafe(row, (byte[]) value);
        } else {
            throw new IllegalStateException("no metadata value of " + v.getField() + " is written: " + value);
        }
    }
}
