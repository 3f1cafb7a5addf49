package io.polaroid.engine.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The process' direct-memory budget, and parsing of memory sizes. */
public final class MemoryLimits {
    private MemoryLimits() {
    }

    /** {@code -XX:MaxDirectMemorySize}, or the maximum heap when it is not set (the JVM's own default). */
    public static long maxDirectMemory() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long value = Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
            if (value > 0) {
                return value;
            }
        } catch (RuntimeException ignored) {
            // not a HotSpot JVM: fall back to the heap size, as the JVM itself does
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** Parses {@code 1073741824}, {@code 512m}, {@code 4g}, or a fraction of direct memory such as {@code 0.5}. */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.contains(".")) {
                double fraction = Double.parseDouble(t);
                if (fraction <= 0 || fraction > 1) {
                    throw new IllegalArgumentException("a memory fraction must be in (0, 1]: " + text);
                }
                return (long) (maxDirectMemory() * fraction);
            }
            long unit = 1;
            char last = t.charAt(t.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
                unit = switch (last) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    default -> 1L << 40;
                };
                t = t.substring(0, t.length() - 1);
            }
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a memory size: '" + text + "' (examples: 536870912, 512m, 4g, 0.5)");
        }
    }
}
