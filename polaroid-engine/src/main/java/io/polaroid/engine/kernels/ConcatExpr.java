package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/** Concatenation of UTF8 arguments; null when any argument is null (as Polars' concat_str). */
public record ConcatExpr(List<PhysicalExpr> args) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.UTF8;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        Operand[] parts = new Operand[args.size()];
        try {
            long estimate = 0;
            for (int k = 0; k < parts.length; k++) {
                parts[k] = Operand.of(args.get(k), batch, allocator);
                estimate += parts[k].isScalar() ? 16L * n : parts[k].data().capacity();
            }
            Utf8Writer out = new Utf8Writer(n, estimate, allocator);
            try {
                for (int i = 0; i < n; i++) {
                    boolean isNull = false;
                    for (Operand p : parts) {
                        isNull |= Choose.isNullAt(p, i);
                    }
                    if (isNull) {
                        out.appendNull();
                        continue;
                    }
                    for (Operand p : parts) {
                        ArrowBuf off = ((BaseVariableWidthVector) p.vector).getOffsetBuffer();
                        int r = i & p.mask;
                        int start = off.getInt((long) r << 2);
                        out.appendPart(p.data(), start, off.getInt((long) (r + 1) << 2) - start);
                    }
                    out.endRow();
                }
                return out.finish();
            } catch (RuntimeException | Error e) {
                out.closeOnError();
                throw e;
            }
        } finally {
            for (Operand p : parts) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "concat_str(" + CaseExpr.join(args) + ")";
    }
}
