package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Polars' exponentially weighted functions {@code ewm_mean}, {@code ewm_std}, {@code ewm_var} and
 * {@code ewm_sum}, over the partition's rows in window order, as Polars computes them: a null row
 * gets null and, unless {@code ignoreNulls}, still ages the earlier values' weights; a row gets a
 * value once {@code minSamples} non-null values have been seen.
 */
final class EwmFunction implements WindowFunction {
    private final WindowFn fn;
    private final WindowOptions.Ewm ewm;
    private final ArgValues x;
    private final Column out;

    EwmFunction(WindowFn fn, WindowOptions.Ewm ewm, FieldVector arg, DataType argType, DataType type, int n) {
        this.fn = fn;
        this.ewm = ewm;
        this.x = ArgValues.read(arg, argType, n, false);
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        switch (fn) {
            case EWM_MEAN -> mean(rows, from, to);
            case EWM_SUM -> sum(rows, from, to);
            default -> variance(rows, from, to, fn == WindowFn.EWM_STD);
        }
    }

    private boolean emit(int row, int seen, double value) {
        if (!x.isValid(row) || seen < Math.max(1, ewm.minSamples())) {
            out.isNull[row] = true;
            return false;
        }
        out.doubles[row] = value;
        return true;
    }

    /** Polars' {@code ewm_mean}: the weighted mean so far, of weights {@code (1 - alpha)^age}. */
    private void mean(int[] rows, int from, int to) {
        double alpha = ewm.alpha();
        double newWeight = ewm.adjust() ? 1 : alpha;
        double oldWeight = 1;
        double average = 0;
        boolean started = false;
        int seen = 0;
        for (int p = from; p < to; p++) {
            int row = rows[p];
            boolean valid = x.isValid(row);
            double v = valid ? x.doubles()[row] : 0;
            seen += valid ? 1 : 0;
            if (!started) {
                started = valid;
                average = v;
            } else if (valid || !ewm.ignoreNulls()) {
                oldWeight *= 1 - alpha;
                if (valid) {
                    if (average != v) {
                        average = (oldWeight * average + newWeight * v) / (oldWeight + newWeight);
                    }
                    oldWeight = ewm.adjust() ? oldWeight + newWeight : 1;
                }
            }
            emit(row, seen, average);
        }
    }

    /** Polars' {@code ewm_sum}: the sum so far of each value times {@code (1 - alpha)^age}. */
    private void sum(int[] rows, int from, int to) {
        double decay = 1 - ewm.alpha();
        double total = 0;
        double pending = 1;
        boolean started = false;
        int seen = 0;
        for (int p = from; p < to; p++) {
            int row = rows[p];
            boolean valid = x.isValid(row);
            if (valid) {
                double v = x.doubles()[row];
                total = started ? total * pending * decay + v : v;
                pending = 1;
                started = true;
                seen++;
            } else if (started && !ewm.ignoreNulls()) {
                pending *= decay;
            }
            emit(row, seen, total);
        }
    }

    /** Polars' {@code ewm_var} (and its square root, {@code ewm_std}): the weighted covariance of the values with themselves. */
    private void variance(int[] rows, int from, int to, boolean sqrt) {
        double alpha = ewm.alpha();
        double oldFactor = 1 - alpha;
        double newWeight = ewm.adjust() ? 1 : alpha;
        double sumWeights = 1;
        double sumWeights2 = 1;
        double oldWeight = 1;
        double mean = 0;
        boolean started = false;
        double cov = 0;
        int seen = 0;
        for (int p = from; p < to; p++) {
            int row = rows[p];
            boolean valid = x.isValid(row);
            double v = valid ? x.doubles()[row] : 0;
            seen += valid ? 1 : 0;
            if (!started) {
                if (valid) {
                    mean = v;
                    started = true;
                }
            } else if (valid || !ewm.ignoreNulls()) {
                sumWeights *= oldFactor;
                sumWeights2 *= oldFactor * oldFactor;
                oldWeight *= oldFactor;
                if (valid) {
                    double oldMean = mean;
                    if (mean != v) {
                        mean = (oldWeight * oldMean + newWeight * v) / (oldWeight + newWeight);
                    }
                    cov = (oldWeight * (cov + (oldMean - mean) * (oldMean - mean)) + newWeight * (v - mean) * (v - mean))
                            / (oldWeight + newWeight);
                    sumWeights += newWeight;
                    sumWeights2 += newWeight * newWeight;
                    oldWeight += newWeight;
                    if (!ewm.adjust()) {
                        sumWeights /= oldWeight;
                        sumWeights2 /= oldWeight * oldWeight;
                        oldWeight = 1;
                    }
                }
            }
            double result = cov;
            if (!ewm.bias()) {
                double numerator = sumWeights * sumWeights;
                double denominator = numerator - sumWeights2;
                if (!(denominator > 0)) {
                    out.isNull[row] = true;
                    continue;
                }
                result = numerator / denominator * cov;
            }
            emit(row, seen, sqrt ? Math.sqrt(result) : result);
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
