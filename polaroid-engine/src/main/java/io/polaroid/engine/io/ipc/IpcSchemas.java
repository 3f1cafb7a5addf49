package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Polaroid schemas and the Arrow schemas of IPC data, both ways. Unlike
 * {@link ArrowTypes#toArrow(Schema)}, nullability is kept, so a schema survives a round trip.
 * Reading accepts the Arrow types {@link VectorImport} can bring into the engine's layout, and
 * names the column of any other.
 */
final class IpcSchemas {
    private IpcSchemas() {
    }

    static org.apache.arrow.vector.types.pojo.Schema toArrow(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            if (f.type().isList()) {
                throw PolaroidException.notSupported("column '" + f.name() + "' of type " + f.type()
                        + " cannot be written to Arrow IPC yet: the IPC reader and writer handle flat columns only");
            }
            fields.add(new org.apache.arrow.vector.types.pojo.Field(f.name(),
                    new FieldType(f.nullable(), ArrowTypes.toArrow(f.type()), null), null));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    /** The Polaroid schema of IPC data; NOT_SUPPORTED naming the first column it cannot read. */
    static Schema toPolaroid(org.apache.arrow.vector.types.pojo.Schema arrow) {
        List<Field> fields = new ArrayList<>(arrow.getFields().size());
        for (org.apache.arrow.vector.types.pojo.Field f : arrow.getFields()) {
            fields.add(toPolaroid(f));
        }
        return new Schema(fields);
    }

    private static Field toPolaroid(org.apache.arrow.vector.types.pojo.Field arrow) {
        if (!arrow.getChildren().isEmpty()) {
            // lists are an engine type, but this reader's checks and imports know flat columns only
            throw PolaroidException.notSupported("column '" + arrow.getName() + "' of Arrow type " + arrow.getType()
                    + " cannot be read from Arrow IPC yet: the IPC reader handles flat columns only");
        }
        DataType type;
        try {
            type = ArrowTypes.fromArrow(arrow.getType());
        } catch (PolaroidException e) {
            if (e.code() != ErrorCode.NOT_SUPPORTED) {
                throw e;
            }
            throw PolaroidException.notSupported("column '" + arrow.getName() + "': " + e.getMessage());
        } catch (IllegalArgumentException e) { // a decimal's precision or scale out of range
            throw unsupported(arrow);
        }
        if (VectorImport.conversion(arrow.getType(), type) == null) {
            throw unsupported(arrow);
        }
        return new Field(arrow.getName(), type, arrow.isNullable());
    }

    private static PolaroidException unsupported(org.apache.arrow.vector.types.pojo.Field arrow) {
        return PolaroidException.notSupported("column '" + arrow.getName() + "' has the Arrow type " + arrow.getType()
                + ", which is not supported");
    }
}
