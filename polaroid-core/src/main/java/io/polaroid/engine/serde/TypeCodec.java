package io.polaroid.engine.serde;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Types to and from {@code polaroid.v1.DataType}. */
public final class TypeCodec {
    private TypeCodec() {
    }

    public static io.polaroid.proto.v1.DataType encode(DataType type) {
        io.polaroid.proto.v1.DataType.Builder b = io.polaroid.proto.v1.DataType.newBuilder()
                .setId(io.polaroid.proto.v1.DataType.Id.valueOf(type.kind().name()));
        if (type.kind() == TypeKind.DECIMAL) {
            b.setPrecision(type.precision()).setScale(type.scale());
        }
        if (type.kind() == TypeKind.DURATION) {
            b.setUnit(encode(type.unit()));
        }
        if (type.kind() == TypeKind.TIMESTAMP) {
            b.setUnit(encode(type.unit()));
            if (type.timeZone() != null) {
                b.setTimeZone(type.timeZone());
            }
        }
        if (type.isList()) {
            b.setElement(encode(type.element()));
        }
        if (type.isStruct()) {
            type.fields().forEach(f -> b.addFields(encode(f)));
        }
        return b.build();
    }

    public static DataType decode(io.polaroid.proto.v1.DataType proto, PlanPath where) {
        io.polaroid.proto.v1.DataType.Id id = proto.getId();
        if (id == io.polaroid.proto.v1.DataType.Id.ID_UNSPECIFIED || id == io.polaroid.proto.v1.DataType.Id.UNRECOGNIZED) {
            throw PolaroidException.invalidPlan(where + ": data type has no id");
        }
        TypeKind kind = TypeKind.valueOf(id.name());
        try {
            return switch (kind) {
                case DECIMAL -> DataType.decimal(proto.getPrecision(), proto.getScale());
                case TIMESTAMP -> DataType.timestamp(decode(proto.getUnit(), where), proto.getTimeZone());
                case DURATION -> DataType.duration(decode(proto.getUnit(), where));
                case LIST -> {
                    if (!proto.hasElement()) {
                        throw PolaroidException.invalidPlan(where + ": list type has no element type");
                    }
                    yield DataType.list(decode(proto.getElement(), where.then(".element")));
                }
                case STRUCT -> {
                    if (proto.getFieldsCount() == 0) {
                        throw PolaroidException.invalidPlan(where + ": struct type has no fields");
                    }
                    List<Field> fields = new ArrayList<>();
                    for (io.polaroid.proto.v1.Field f : proto.getFieldsList()) {
                        fields.add(decode(f, where.then(".fields")));
                    }
                    yield DataType.struct(fields);
                }
                default -> DataType.of(kind);
            };
        } catch (IllegalArgumentException e) {
            throw PolaroidException.invalidPlan(where + ": " + e.getMessage());
        }
    }

    public static io.polaroid.proto.v1.DataType.TimeUnit encode(TimeUnit unit) {
        return io.polaroid.proto.v1.DataType.TimeUnit.valueOf(unit.name());
    }

    public static TimeUnit decode(io.polaroid.proto.v1.DataType.TimeUnit unit, PlanPath where) {
        if (unit == io.polaroid.proto.v1.DataType.TimeUnit.TIME_UNIT_UNSPECIFIED
                || unit == io.polaroid.proto.v1.DataType.TimeUnit.UNRECOGNIZED) {
            throw PolaroidException.invalidPlan(where + ": timestamp or duration has no unit");
        }
        return TimeUnit.valueOf(unit.name());
    }

    public static io.polaroid.proto.v1.Field encode(Field field) {
        return io.polaroid.proto.v1.Field.newBuilder()
                .setName(field.name()).setType(encode(field.type())).setNullable(field.nullable()).build();
    }

    public static Field decode(io.polaroid.proto.v1.Field proto, PlanPath where) {
        if (proto.getName().isEmpty()) {
            throw PolaroidException.invalidPlan(where + ": field has no name");
        }
        return new Field(proto.getName(), decode(proto.getType(), where.then("." + proto.getName())), proto.getNullable());
    }

    public static io.polaroid.proto.v1.Schema encode(Schema schema) {
        io.polaroid.proto.v1.Schema.Builder b = io.polaroid.proto.v1.Schema.newBuilder();
        for (Field f : schema.fields()) {
            b.addFields(encode(f));
        }
        return b.build();
    }

    public static Schema decode(io.polaroid.proto.v1.Schema proto, PlanPath where) {
        List<Field> fields = new ArrayList<>();
        for (io.polaroid.proto.v1.Field f : proto.getFieldsList()) {
            fields.add(decode(f, where));
        }
        return new Schema(fields);
    }
}
