package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code str.split(by)}: the parts of each string between occurrences of the literal {@code by},
 * empty parts kept ({@code "a,,b"} is {@code [a, "", b]}, {@code ""} is {@code [""]}); an empty
 * {@code by} splits into characters. A null string gives a null list. As Polars.
 */
public record StringSplitExpr(PhysicalExpr input, String by) implements PhysicalExpr {
    private static final DataType LIST_OF_STRINGS = DataType.list(DataType.UTF8);

    @Override
    public DataType type() {
        return LIST_OF_STRINGS;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(LIST_OF_STRINGS, "", n, allocator);
            try {
                for (int i = 0; i < n; i++) {
                    Values.set(out, i, in.isNull(i) ? null : split(Values.string(in, i)), LIST_OF_STRINGS);
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        if (by.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(by, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + by.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    @Override
    public String toString() {
        return "str.split(" + input + ", '" + by + "')";
    }
}
