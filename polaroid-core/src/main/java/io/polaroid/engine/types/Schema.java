package io.polaroid.engine.types;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An ordered list of uniquely named fields. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    public Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.indexByName = new HashMap<>(fields.size() * 2);
        for (int i = 0; i < this.fields.size(); i++) {
            String name = this.fields.get(i).name();
            if (indexByName.putIfAbsent(name, i) != null) {
                throw new PolaroidException(ErrorCode.DUPLICATE_COLUMN,
                        "column '" + name + "' appears more than once in " + names()
                                + "; give one of them another name with alias() or rename()");
            }
        }
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public List<String> names() {
        return fields.stream().map(Field::name).collect(Collectors.toList());
    }

    public List<DataType> types() {
        return fields.stream().map(Field::type).collect(Collectors.toList());
    }

    public boolean contains(String name) {
        return indexByName.containsKey(name);
    }

    /** Index of the named column, or -1. */
    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    /** The named field; an error that lists the columns that exist if there is none. */
    public Field field(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw columnNotFound(name);
        }
        return fields.get(index);
    }

    public PolaroidException columnNotFound(String name) {
        return new PolaroidException(ErrorCode.COLUMN_NOT_FOUND,
                "column '" + name + "' not found; available columns: " + names());
    }

    public Schema select(List<String> names) {
        List<Field> selected = new ArrayList<>(names.size());
        for (String name : names) {
            selected.add(field(name));
        }
        return new Schema(selected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
