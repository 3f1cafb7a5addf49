package io.polaroid.engine.types;

import java.util.Objects;

/** A named, typed column. */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable);
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
