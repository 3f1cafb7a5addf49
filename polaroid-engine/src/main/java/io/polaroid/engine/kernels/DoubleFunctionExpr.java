package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.function.DoubleUnaryOperator;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** A function of an f64 to an f64 (sqrt, exp, log, floor, ...), row by row; nulls stay null. */
public record DoubleFunctionExpr(ScalarFn fn, PhysicalExpr input) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.FLOAT64;
    }

    static DoubleUnaryOperator operator(ScalarFn fn) {
        return switch (fn) {
            case SQRT -> Math::sqrt;
            case CBRT -> Math::cbrt;
            case EXP -> Math::exp;
            case LN -> Math::log;
            case LOG10 -> Math::log10;
            case LOG1P -> Math::log1p;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case COT -> x -> 1.0 / Math.tan(x);
            case ARCSIN -> Math::asin;
            case ARCCOS -> Math::acos;
            case ARCTAN -> Math::atan;
            case SINH -> Math::sinh;
            case COSH -> Math::cosh;
            case TANH -> Math::tanh;
            case ARCSINH -> x -> Double.isInfinite(x) ? x : Math.log(x + Math.sqrt(x * x + 1.0));
            case ARCCOSH -> x -> Math.log(x + Math.sqrt(x * x - 1.0));
            case ARCTANH -> x -> 0.5 * Math.log((1.0 + x) / (1.0 - x));
            case DEGREES -> Math::toDegrees;
            case RADIANS -> Math::toRadians;
            case FLOOR -> Math::floor;
            case CEIL -> Math::ceil;
            case SIGN -> Math::signum;
            default -> throw PolaroidException.internal(fn + " is not a function of a double");
        };
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        DoubleUnaryOperator op = operator(fn);
        return RowWise.apply(input, DataType.FLOAT64, batch, allocator, (in, out, n) -> {
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                o.setDouble((long) i << 3, op.applyAsDouble(x.getDouble((long) i << 3)));
            }
        });
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ")";
    }
}
