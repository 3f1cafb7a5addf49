package io.polaroid.engine.types;

/** A calendar interval: months and days are calendar units, nanos an exact duration. */
public record Interval(int months, int days, long nanos) {
    public static Interval ofDays(int days) {
        return new Interval(0, days, 0);
    }

    public static Interval ofMonths(int months) {
        return new Interval(months, 0, 0);
    }

    public Interval negate() {
        return new Interval(-months, -days, -nanos);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (months != 0) {
            sb.append(months).append("mo");
        }
        if (days != 0) {
            sb.append(days).append('d');
        }
        if (nanos != 0 || sb.length() == 0) {
            sb.append(nanos).append("ns");
        }
        return sb.toString();
    }
}
