package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** The Polaroid type of each Parquet column, from its physical type and logical annotation. */
final class ParquetTypes {
    private ParquetTypes() {
    }

    static Schema toPolaroid(MessageType message, String file) {
        List<Field> fields = new ArrayList<>();
        for (Type t : message.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw PolaroidException.notSupported("nested or repeated column '" + t.getName() + "' in " + file);
            }
            fields.add(new Field(t.getName(), toPolaroid(t.asPrimitiveType(), file), !t.isRepetition(Type.Repetition.REQUIRED)));
        }
        return new Schema(fields);
    }

    static DataType toPolaroid(PrimitiveType p, String file) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return DataType.decimal(d.getPrecision(), d.getScale());
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return DataType.BOOL;
            case INT32:
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DataType.DATE32;
                }
                if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                    if (!i.isSigned()) {
                        return i.getBitWidth() == 8 ? DataType.INT16 : i.getBitWidth() == 16 ? DataType.INT32 : DataType.INT64;
                    }
                    return i.getBitWidth() == 8 ? DataType.INT8 : i.getBitWidth() == 16 ? DataType.INT16 : DataType.INT32;
                }
                if (a != null) {
                    throw unsupported(p, file);
                }
                return DataType.INT32;
            case INT64:
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    TimeUnit unit = switch (ts.getUnit()) {
                        case MILLIS -> TimeUnit.MILLISECOND;
                        case MICROS -> TimeUnit.MICROSECOND;
                        case NANOS -> TimeUnit.NANOSECOND;
                    };
                    return DataType.timestamp(unit, ts.isAdjustedToUTC() ? "UTC" : null);
                }
                if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    throw unsupported(p, file);
                }
                if (a != null && !(a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
                    throw unsupported(p, file);
                }
                return DataType.INT64;
            case INT96:
                return DataType.timestamp(TimeUnit.NANOSECOND, null);
            case FLOAT:
                return DataType.FLOAT32;
            case DOUBLE:
                return DataType.FLOAT64;
            case BINARY:
                if (a == null || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return DataType.UTF8;
                }
                throw unsupported(p, file);
            default:
                throw unsupported(p, file);
        }
    }

    private static PolaroidException unsupported(PrimitiveType p, String file) {
        return PolaroidException.notSupported("column '" + p.getName() + "' of Parquet type " + p + " in " + file);
    }
}
