package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** {@code when c1 then v1 ... otherwise v}: the value of the first true condition, per row. */
public record CaseExpr(List<PhysicalExpr> conditions, List<PhysicalExpr> values, PhysicalExpr otherwise, DataType type)
        implements PhysicalExpr {
    /**
     * Conditions are evaluated in order and each is closed once it has claimed its rows, so a
     * when() of 10,000 branches holds one condition vector at a time; rows are decided 64 at once.
     */
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        int branches = conditions.size();
        Operand[] sources = new Operand[branches + 1];
        try {
            int[] choice = new int[n];
            Arrays.fill(choice, branches);
            long[] undecided = Bits.ones(n);
            for (int b = 0; b < branches; b++) {
                try (Operand condition = Operand.of(conditions.get(b), batch, allocator)) {
                    claim(condition, b, undecided, choice, n);
                }
                sources[b] = Operand.of(values.get(b), batch, allocator);
            }
            sources[branches] = Operand.of(otherwise, batch, allocator);
            return Choose.choose(type, sources, choice, n, allocator);
        } finally {
            for (Operand o : sources) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    /** Gives branch {@code b} the undecided rows where its condition is true. */
    private static void claim(Operand condition, int b, long[] undecided, int[] choice, int n) {
        for (int w = 0; w < undecided.length; w++) {
            long valid = undecided[w] == 0 ? 0 : undecided[w] & condition.validWord(w, n);
            if (valid == 0) {
                continue;
            }
            long hit = valid & condition.dataWord(w, n);
            undecided[w] &= ~hit;
            for (; hit != 0; hit &= hit - 1) {
                choice[(w << 6) + Long.numberOfTrailingZeros(hit)] = b;
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
