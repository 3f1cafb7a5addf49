package io.polaroid.engine.io.parquet;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The Arrow schema Arrow writers (pyarrow, Polars, Polaroid) keep in a Parquet file's key-value
 * metadata under {@code ARROW:schema}: Parquet itself keeps no time zone name (a zoned timestamp is
 * only "adjusted to UTC") and has no duration type. Reading takes the zone of a timestamp and the
 * duration type of an INT64 from it; everything else comes from the Parquet schema, which is what
 * the decoders follow.
 */
final class ArrowSchemaHint {
    static final String KEY = "ARROW:schema";

    private ArrowSchemaHint() {
    }

    /** {@code schema} (read from the Parquet schema) with the zones and durations the hint names. */
    static Schema apply(Schema schema, Map<String, String> keyValueMetadata) {
        String encoded = keyValueMetadata == null ? null : keyValueMetadata.get(KEY);
        if (encoded == null) {
            return schema;
        }
        org.apache.arrow.vector.types.pojo.Schema arrow = decode(encoded);
        if (arrow == null) {
            return schema;
        }
        List<Field> fields = new ArrayList<>(schema.size());
        for (Field field : schema.fields()) {
            ArrowType hinted = arrowType(arrow, field.name());
            fields.add(hinted == null ? field : new Field(field.name(), refine(field.type(), hinted), field.nullable()));
        }
        return new Schema(fields);
    }

    /**
     * The base64 text of {@code schema} as an Arrow IPC schema message, as pyarrow writes it, with the
     * types as written (Parquet has no seconds: those timestamps are written in milliseconds).
     */
    static String encode(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(schema.size());
        for (Field field : schema.fields()) {
            DataType t = field.type();
            boolean seconds = t.kind() == TypeKind.TIMESTAMP && t.unit() == io.polaroid.engine.types.TimeUnit.SECOND;
            fields.add(ArrowTypes.toArrow(seconds ? new Field(field.name(),
                    DataType.timestamp(io.polaroid.engine.types.TimeUnit.MILLISECOND, t.timeZone()), field.nullable()) : field));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)),
                    new org.apache.arrow.vector.types.pojo.Schema(fields));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static DataType refine(DataType read, ArrowType hinted) {
        if (read.kind() == TypeKind.TIMESTAMP && hinted instanceof ArrowType.Timestamp ts && read.timeZone() != null
                && ts.getTimezone() != null) {
            return DataType.timestamp(read.unit(), ts.getTimezone());
        }
        if (read.kind() == TypeKind.INT64 && hinted instanceof ArrowType.Duration d) {
            return DataType.duration(ArrowTypes.fromArrow(d.getUnit()));
        }
        return read;
    }

    private static ArrowType arrowType(org.apache.arrow.vector.types.pojo.Schema arrow, String name) {
        for (org.apache.arrow.vector.types.pojo.Field f : arrow.getFields()) {
            if (f.getName().equals(name)) {
                return f.getType();
            }
        }
        return null;
    }

    /** The schema, or null when the text is not one (a hint that cannot be read is no hint). */
    private static org.apache.arrow.vector.types.pojo.Schema decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
