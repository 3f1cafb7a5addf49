package io.polaroid.engine.plan;

import io.polaroid.engine.expr.AggCall;
import java.util.Objects;

/** An aggregate and the name of the column it produces. */
public record NamedAgg(String name, AggCall call) {
    public NamedAgg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String toString() {
        return call + " AS " + name;
    }
}
