package io.polaroid.engine.types;

import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Conversions between Polaroid types and Arrow types, and vector creation. */
public final class ArrowTypes {
    private ArrowTypes() {
    }

    public static ArrowType toArrow(DataType type) {
        return switch (type.kind()) {
            case NULL -> ArrowType.Null.INSTANCE;
            case BOOL -> ArrowType.Bool.INSTANCE;
            case INT8 -> new ArrowType.Int(8, true);
            case INT16 -> new ArrowType.Int(16, true);
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
            case DATE32 -> new ArrowType.Date(DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(toArrow(type.unit()), type.timeZone());
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case LIST -> ArrowType.List.INSTANCE;
            case DURATION -> new ArrowType.Duration(toArrow(type.unit()));
            case TIME -> new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, 64);
            case STRUCT -> ArrowType.Struct.INSTANCE;
        };
    }

    public static DataType fromArrow(ArrowType arrow) {
        switch (arrow.getTypeID()) {
            case Null:
                return DataType.NULL;
            case Bool:
                return DataType.BOOL;
            case Int: {
                ArrowType.Int i = (ArrowType.Int) arrow;
                if (!i.getIsSigned()) {
                    // Unsigned integers are widened so that every value fits.
                    return switch (i.getBitWidth()) {
                        case 8 -> DataType.INT16;
                        case 16 -> DataType.INT32;
                        case 32 -> DataType.INT64;
                        default -> throw PolaroidException.notSupported("unsigned 64-bit integers are not supported");
                    };
                }
                return switch (i.getBitWidth()) {
                    case 8 -> DataType.INT8;
                    case 16 -> DataType.INT16;
                    case 32 -> DataType.INT32;
                    default -> DataType.INT64;
                };
            }
            case FloatingPoint: {
                FloatingPointPrecision p = ((ArrowType.FloatingPoint) arrow).getPrecision();
                return p == FloatingPointPrecision.DOUBLE ? DataType.FLOAT64 : DataType.FLOAT32;
            }
            case Utf8:
            case LargeUtf8:
                return DataType.UTF8;
            case Binary:
            case LargeBinary:
                return DataType.BINARY;
            case Date:
                if (((ArrowType.Date) arrow).getUnit() == DateUnit.DAY) {
                    return DataType.DATE32;
                }
                return DataType.timestamp(TimeUnit.MILLISECOND, null);
            case Timestamp: {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) arrow;
                return DataType.timestamp(fromArrow(ts.getUnit()), ts.getTimezone());
            }
            case Decimal: {
                ArrowType.Decimal d = (ArrowType.Decimal) arrow;
                if (d.getBitWidth() != 128) {
                    throw PolaroidException.notSupported("decimal with " + d.getBitWidth() + " bits; only 128-bit decimals are supported");
                }
                return DataType.decimal(d.getPrecision(), d.getScale());
            }
            case Interval:
                return DataType.INTERVAL;
            case Duration:
                return DataType.duration(fromArrow(((ArrowType.Duration) arrow).getUnit()));
            case Time:
                return DataType.TIME;
            default:
                throw PolaroidException.notSupported("Arrow type " + arrow + " is not supported");
        }
    }

    public static org.apache.arrow.vector.types.TimeUnit toArrow(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> org.apache.arrow.vector.types.TimeUnit.SECOND;
            case MILLISECOND -> org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
            case MICROSECOND -> org.apache.arrow.vector.types.TimeUnit.MICROSECOND;
            case NANOSECOND -> org.apache.arrow.vector.types.TimeUnit.NANOSECOND;
        };
    }

    public static TimeUnit fromArrow(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> TimeUnit.SECOND;
            case MILLISECOND -> TimeUnit.MILLISECOND;
            case MICROSECOND -> TimeUnit.MICROSECOND;
            case NANOSECOND -> TimeUnit.NANOSECOND;
        };
    }

    public static org.apache.arrow.vector.types.pojo.Field toArrow(Field field) {
        return arrowField(field.name(), field.type());
    }

    /**
     * The Arrow field of a column; a list's values are a nullable child named {@code item}, the name
     * pyarrow and Polars give it, so that files and Flight streams read back the same in both.
     */
    public static org.apache.arrow.vector.types.pojo.Field arrowField(String name, DataType type) {
        List<org.apache.arrow.vector.types.pojo.Field> children = type.isList()
                ? List.of(arrowField("item", type.element()))
                : type.isStruct() ? type.fields().stream().map(f -> arrowField(f.name(), f.type())).toList() : null;
        return new org.apache.arrow.vector.types.pojo.Field(name, new FieldType(true, toArrow(type), null), children);
    }

    public static Field fromArrow(org.apache.arrow.vector.types.pojo.Field field) {
        return new Field(field.getName(), typeOf(field), field.isNullable());
    }

    /** The type of an Arrow field, lists (also large lists) and structs included; other nested types are refused. */
    public static DataType typeOf(org.apache.arrow.vector.types.pojo.Field field) {
        ArrowType.ArrowTypeID id = field.getType().getTypeID();
        if ((id == ArrowType.ArrowTypeID.List || id == ArrowType.ArrowTypeID.LargeList) && field.getChildren().size() == 1) {
            return DataType.list(typeOf(field.getChildren().get(0)));
        }
        if (id == ArrowType.ArrowTypeID.Struct && !field.getChildren().isEmpty()) {
            return DataType.struct(field.getChildren().stream().map(ArrowTypes::fromArrow).toList());
        }
        if (!field.getChildren().isEmpty()) {
            throw PolaroidException.notSupported("nested column '" + field.getName() + "' of type "
                    + field.getType() + " is not supported");
        }
        return fromArrow(field.getType());
    }

    public static org.apache.arrow.vector.types.pojo.Schema toArrow(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            fields.add(toArrow(f));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema schema) {
        List<Field> fields = new ArrayList<>(schema.getFields().size());
        for (org.apache.arrow.vector.types.pojo.Field f : schema.getFields()) {
            fields.add(fromArrow(f));
        }
        return new Schema(fields);
    }

    /** A new, empty vector of the given type owned by {@code allocator}. */
    public static FieldVector newVector(String name, DataType type, BufferAllocator allocator) {
        return arrowField(name, type).createVector(allocator);
    }
}
