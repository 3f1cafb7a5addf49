package io.polaroid.engine.expr;

/**
 * Which value of a group's sorted values a quantile is, as Polars' {@code quantile(q, interpolation)}:
 * between the values at the positions around {@code q * (n - 1)}, the nearest (half away from
 * zero), the lower, the higher, their midpoint or the linear interpolation; or, equiprobable, the
 * value at {@code ceil(q * n) - 1}. The median is the linear 0.5 quantile.
 */
public record Quantile(double q, Interpolation interpolation) {
    public static final Quantile MEDIAN = new Quantile(0.5, Interpolation.LINEAR);

    public enum Interpolation {
        NEAREST, LOWER, HIGHER, MIDPOINT, LINEAR, EQUIPROBABLE;

        public static Interpolation of(String name) {
            for (Interpolation i : values()) {
                if (i.name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return null;
        }
    }

    /** The quantile of {@code sorted[from..to)} (ascending, at least one value). */
    public double of(double[] sorted, int from, int to) {
        int n = to - from;
        if (interpolation == Interpolation.EQUIPROBABLE) {
            return sorted[from + Math.max(0, (int) Math.ceil(q * n) - 1)];
        }
        double position = q * (n - 1);
        int lower = (int) Math.floor(position);
        int higher = (int) Math.ceil(position);
        double low = sorted[from + lower];
        double high = sorted[from + higher];
        return switch (interpolation) {
            case NEAREST -> sorted[from + (int) Math.round(position)];
            case LOWER -> low;
            case HIGHER -> high;
            case MIDPOINT -> (low + high) / 2;
            default -> low + (high - low) * (position - lower);
        };
    }

    @Override
    public String toString() {
        return q + ", " + interpolation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
