package io.polaroid.engine.plan;

import io.polaroid.engine.expr.WindowCall;
import java.util.Objects;

/** A window function and the name of the column it adds. */
public record NamedWindowCall(String name, WindowCall call) {
    public NamedWindowCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public String toString() {
        return call + " AS " + name;
    }
}
