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
            org.apache.arrow.vector.types.pojo.Field field = ArrowTypes.arrowField(f.name(), f.type());
            fields.add(new org.apache.arrow.vector.types.pojo.Field(f.name(),
                    new FieldType(f.nullable(), field.getType(), null), field.getChildren()));
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
            return new Field(arrow.getName(), nested(arrow, arrow.getName()), arrow.isNullable());
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

    /**
     * The type of a nested column: lists whose values are already in the engine's layout, all the way
     * down, since they are moved into the engine as they are. Anything else names the column.
     */
    private static DataType nested(org.apache.arrow.vector.types.pojo.Field arrow, String column) {
        if (arrow.getDictionary() != null) {
            throw PolaroidException.notSupported("column '" + column + "' has dictionary-encoded values inside a list,"
                    + " which are not supported");
        }
        if (arrow.getChildren().isEmpty()) {
            DataType type;
            try {
                type = ArrowTypes.fromArrow(arrow.getType());
            } catch (PolaroidException | IllegalArgumentException e) {
                throw unsupportedInList(column, arrow);
            }
            if (VectorImport.conversion(arrow.getType(), type) != VectorImport.Conversion.TRANSFER) {
                throw unsupportedInList(column, arrow);
            }
            return type;
        }
        if (arrow.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Struct) {
            // a struct's fields move in as they are, like a list's values
            return DataType.struct(arrow.getChildren().stream()
                    .map(child -> Field.of(child.getName(), nested(child, column)))
                    .toList());
        }
        if (!(arrow.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.List) || arrow.getChildren().size() != 1) {
            throw PolaroidException.notSupported("column '" + column + "' has the nested Arrow type " + arrow.getType()
                    + "; of nested types only lists and structs are supported");
        }
        return DataType.list(nested(arrow.getChildren().get(0), column));
    }

    private static PolaroidException unsupportedInList(String column, org.apache.arrow.vector.types.pojo.Field arrow) {
        return PolaroidException.notSupported("column '" + column + "' has values of the Arrow type " + arrow.getType()
                + " inside a list, which are not supported there (large strings and unsigned integers are converted"
                + " only in flat columns)");
    }

    private static PolaroidException unsupported(org.apache.arrow.vector.types.pojo.Field arrow) {
        return PolaroidException.notSupported("column '" + arrow.getName() + "' has the Arrow type " + arrow.getType()
                + ", which is not supported");
    }
}
