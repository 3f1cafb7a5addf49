package io.polaroid.engine.physical.expr;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.types.DataType;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** {@code when c1 then v1 ... otherwise v}: the value of the first true condition, per row. */
public record CaseExpr(List<PhysicalExpr> conditions, List<PhysicalExpr> values, PhysicalExpr otherwise, DataType type)
        implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        int branches = conditions.size();
        Operand[] conds = new Operand[branches];
        Operand[] sources = new Operand[branches + 1];
        try {
            for (int b = 0; b < branches; b++) {
                conds[b] = Operand.of(conditions.get(b), batch, allocator);
                sources[b] = Operand.of(values.get(b), batch, allocator);
            }
            sources[branches] = Operand.of(otherwise, batch, allocator);
            int[] choice = new int[n];
            for (int i = 0; i < n; i++) {
                int c = branches;
                for (int b = 0; b < branches; b++) {
                    if (Choose.isTrue(conds[b], i)) {
                        c = b;
                        break;
                    }
                }
                choice[i] = c;
            }
            return Choose.choose(type, sources, choice, n, allocator);
        } finally {
            for (Operand o : conds) {
                if (o != null) {
                    o.close();
                }
            }
            for (Operand o : sources) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("case(");
        for (int i = 0; i < conditions.size(); i++) {
            sb.append(conditions.get(i)).append(" -> ").append(values.get(i)).append(", ");
        }
        return sb.append("else ").append(otherwise).append(")").toString();
    }

    static String join(List<PhysicalExpr> exprs) {
        return exprs.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
