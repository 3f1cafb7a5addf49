package io.polaroid.engine.kernels;

import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * {@code list.eval} and {@code list.filter}: {@code element} (compiled over a batch of one column,
 * {@code element()}, the values of every list of the batch one after another) runs once over all the values; each
 * list then takes its own results back ({@code list.eval}) or keeps the values whose result is true
 * ({@code list.filter}). A null list stays null, an empty one empty.
 */
public record ListElementsExpr(ScalarFn fn, PhysicalExpr list, PhysicalExpr element, DataType type) implements PhysicalExpr {
    /** The column that is each value of the list (Polars' {@code pl.element()}). */
    public static final String ELEMENT = io.polaroid.engine.dsl.ExprWalk.ELEMENT;

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = list.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                if (in instanceof ListVector lists) {
                    fill(lists, n, out, allocator);
                } else {
                    for (int i = 0; i < n; i++) {
                        Values.set(out, i, null, type);
                    }
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private void fill(ListVector lists, int n, FieldVector out, BufferAllocator allocator) {
        DataType valueType = list.type().element();
        FieldVector values = lists.getDataVector();
        int count = n == 0 ? 0 : lists.getElementEndIndex(n - 1);
        Batch elements = new Batch(Schema.of(new Field(ELEMENT, valueType, true)), List.of(values), count, 0);
        try (FieldVector results = element.eval(elements, allocator)) {
            for (int i = 0; i < n; i++) {
                if (lists.isNull(i)) {
                    Values.set(out, i, null, type);
                    continue;
                }
                List<Object> row = new ArrayList<>();
                for (int j = lists.getElementStartIndex(i); j < lists.getElementEndIndex(i); j++) {
                    if (fn == ScalarFn.LIST_EVAL) {
                        row.add(Values.get(results, j, element.type()));
                    } else if (Boolean.TRUE.equals(Values.get(results, j, element.type()))) {
                        row.add(Values.get(values, j, valueType));
                    }
                }
                Values.set(out, i, row, type);
            }
        }
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + list + ", " + element + ")";
    }
}
