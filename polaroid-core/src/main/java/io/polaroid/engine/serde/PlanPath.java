package io.polaroid.engine.serde;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where in a plan a decoder is ({@code root.filter.input.scan}), kept as a link to the parent and
 * rendered only when an error names it. Concatenating the path at every level instead costs time
 * and memory quadratic in the depth: 10,000 chained {@code and()} made gigabytes of path strings.
 */
public final class PlanPath {
    private final PlanPath parent;
    private final String segment;

    private PlanPath(PlanPath parent, String segment) {
        this.parent = parent;
        this.segment = segment;
    }

    /** The root of a path, e.g. {@code root}. */
    public static PlanPath of(String root) {
        return new PlanPath(null, root);
    }

    /** This path followed by {@code segment}, written as it reads: {@code .input}, {@code [3]}. */
    public PlanPath then(String segment) {
        return new PlanPath(this, segment);
    }

    @Override
    public String toString() {
        Deque<String> segments = new ArrayDeque<>();
        for (PlanPath p = this; p != null; p = p.parent) {
            segments.push(p.segment);
        }
        return String.join("", segments);
    }
}
