package io.polaroid.engine.types;

/** Durations (a count of a {@link TimeUnit}) to and from Java, in other units, and as Polars prints them. */
public final class Durations {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private Durations() {
    }

    /** Nanoseconds in one {@code unit}. */
    public static long nanosPer(TimeUnit unit) {
        return 1_000_000_000L / unit.perSecond();
    }

    /** A Java duration as a count of {@code unit}, truncated toward zero. */
    public static long toUnit(java.time.Duration d, TimeUnit unit) {
        long perSecond = unit.perSecond();
        return Math.addExact(Math.multiplyExact(d.getSeconds(), perSecond), d.getNano() / nanosPer(unit));
    }

    public static java.time.Duration toJava(long value, TimeUnit unit) {
        long perSecond = unit.perSecond();
        return java.time.Duration.ofSeconds(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * nanosPer(unit));
    }

    /** Polars' text of a duration: {@code 1d 12h}, {@code 366d 1s 500µs}, {@code -12h}, {@code 0µs}. */
    public static String format(long value, TimeUnit unit) {
        if (value == 0) {
            return "0" + unit.symbol().replace('μ', 'µ');
        }
        String sign = value < 0 ? "-" : "";
        long rest = Math.abs(value);
        long[] sizes = {NANOS_PER_DAY, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms", "µs", "ns"};
        StringBuilder out = new StringBuilder();
        long nanosPerUnit = nanosPer(unit);
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < nanosPerUnit) {
                break;
            }
            long size = sizes[i] / nanosPerUnit;
            long count = rest / size;
            rest %= size;
            if (count != 0) {
                out.append(out.length() == 0 ? "" : " ").append(sign).append(count).append(names[i]);
            }
        }
        return out.toString();
    }
}
