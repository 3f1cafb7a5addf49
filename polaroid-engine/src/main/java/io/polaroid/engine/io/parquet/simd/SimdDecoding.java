package io.polaroid.engine.io.parquet.simd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch for SIMD decoding ({@link VectorUnpacker}): off unless the JVM runs with
 * {@code -Dpolaroid.simd=true} and {@code --add-modules jdk.incubator.vector}. With the property
 * but without the module (or with vectors too narrow), it stays off and says why once.
 */
public final class SimdDecoding {
    private static final Logger LOG = LoggerFactory.getLogger(SimdDecoding.class);
    private static final boolean AVAILABLE = Boolean.getBoolean("polaroid.simd") && load();
    private static volatile boolean enabled = AVAILABLE;

    private SimdDecoding() {
    }

    private static boolean load() {
        try {
            if (VectorUnpacker.usable()) {
                return true;
            }
            LOG.warn("polaroid.simd is set but this machine's vectors hold fewer than 8 ints: SIMD decoding stays off");
        } catch (LinkageError e) {
            LOG.warn("polaroid.simd is set but the JVM lacks --add-modules jdk.incubator.vector: SIMD decoding stays off");
        }
        return false;
    }

    /** Whether SIMD decoding can be switched on in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether bit-packed values of {@code width} bits unpack with vectors now. */
    public static boolean unpacks(int width) {
        return enabled && width > 0 && width <= VectorUnpacker.MAX_WIDTH;
    }

    /** Switches SIMD decoding on or off (on only where {@link #available}), for a benchmark's A/B. */
    public static void setEnabled(boolean on) {
        enabled = on && AVAILABLE;
    }
}
