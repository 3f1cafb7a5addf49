package io.polaroid.engine.exec;

import io.polaroid.engine.memory.MemoryLimits;
import java.util.Arrays;
import java.util.List;

/**
 * Where and how much an engine spills to disk. From system properties ({@link #fromSystemProperties()}):
 * <ul>
 *   <li>{@code polaroid.spill.dir}: the folders spill files go to, comma-separated (files are spread
 *       over them in turn); default the system temp folder;</li>
 *   <li>{@code polaroid.spill.max-bytes}: the process' disk quota for spill files, bytes or with a
 *       k/m/g suffix; past it a query fails with RESOURCE_EXHAUSTED; default no quota;</li>
 *   <li>{@code polaroid.spill.operator-bytes}: a fixed amount an operator holds in memory before it
 *       spills, whatever else the query holds; default none (the engine's SpillArbiter shares the
 *       query's memory among the plan's spilling operators and reclaims it under pressure).</li>
 * </ul>
 *
 * @param dirs          the folders spill files go to
 * @param maxBytes      the process' disk quota for spill files
 * @param operatorBytes a fixed amount an operator holds before it spills; 0 for none (shares of the query's memory)
 */
public record SpillSettings(List<String> dirs, long maxBytes, long operatorBytes) {
    public static final SpillSettings DEFAULT = new SpillSettings(List.of(System.getProperty("java.io.tmpdir")), Long.MAX_VALUE, 0);

    public SpillSettings {
        dirs = List.copyOf(dirs);
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("polaroid.spill.dir needs at least one folder");
        }
        if (maxBytes < 0 || operatorBytes < 0) {
            throw new IllegalArgumentException("spill sizes must be >= 0");
        }
    }

    public static SpillSettings fromSystemProperties() {
        String dir = System.getProperty("polaroid.spill.dir");
        String max = System.getProperty("polaroid.spill.max-bytes");
        String op = System.getProperty("polaroid.spill.operator-bytes");
        return new SpillSettings(dir == null ? DEFAULT.dirs() : Arrays.stream(dir.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                max == null ? DEFAULT.maxBytes() : MemoryLimits.parse(max), op == null ? 0 : MemoryLimits.parse(op));
    }

    public SpillSettings withDirs(List<String> value) {
        return new SpillSettings(value, maxBytes, operatorBytes);
    }

    public SpillSettings withMaxBytes(long value) {
        return new SpillSettings(dirs, value, operatorBytes);
    }

    public SpillSettings withOperatorBytes(long value) {
        return new SpillSettings(dirs, maxBytes, value);
    }
}
