package io.polaroid.engine.io.parquet;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Feeds parquet-mr one row of a batch at a time. parquet-mr decides where pages and row groups end
 * by counting records and measuring what it buffered, so it has to see rows, not whole batches;
 * a null value is simply a field left out of the record.
 */
final class BatchWriteSupport extends WriteSupport<BatchWriteSupport.Row> {
    /** The row being written; one instance is reused for every row of a file. */
    static final class Row {
        Batch batch;
        int index;
    }

    private final MessageType parquetSchema;
    private final Schema schema;
    private final String[] names;
    private final ParquetValueWriter[] writers;
    private RecordConsumer out;

    BatchWriteSupport(Schema schema, MessageType parquetSchema) {
        this.parquetSchema = parquetSchema;
        this.schema = schema;
        this.names = schema.names().toArray(new String[0]);
        this.writers = new ParquetValueWriter[schema.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = ParquetValueWriter.of(schema.field(c));
        }
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, Map.of(ArrowSchemaHint.KEY, ArrowSchemaHint.encode(schema)));
    }

    @Override
    public String getName() {
        return "polaroid";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        out.startMessage();
        for (int c = 0; c < writers.length; c++) {
            FieldVector v = row.batch.column(c);
            if (!v.isNull(row.index)) {
                out.startField(names[c], c);
                writers[c].write(out, v, row.index);
                out.endField(names[c], c);
            }
        }
        out.endMessage();
    }
}
