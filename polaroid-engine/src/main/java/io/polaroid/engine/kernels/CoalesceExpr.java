package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** The first non-null argument, per row. */
public record CoalesceExpr(List<PhysicalExpr> args, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        Operand[] sources = new Operand[args.size()];
        try {
            for (int k = 0; k < sources.length; k++) {
                sources[k] = Operand.of(args.get(k), batch, allocator);
            }
            int[] choice = new int[n];
            for (int i = 0; i < n; i++) {
                int c = -1;
                for (int k = 0; k < sources.length; k++) {
                    if (!Choose.isNullAt(sources[k], i)) {
                        c = k;
                        break;
                    }
                }
                choice[i] = c;
            }
            return Choose.choose(type, sources, choice, n, allocator);
        } finally {
            for (Operand o : sources) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "coalesce(" + CaseExpr.join(args) + ")";
    }
}
