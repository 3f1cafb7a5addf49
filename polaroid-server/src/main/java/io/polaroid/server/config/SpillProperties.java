package io.polaroid.server.config;

import io.polaroid.engine.exec.SpillSettings;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code polaroid.spill.*}: where this process' queries spill to disk when an operator outgrows its
 * memory share.
 *
 * @param dir           the folders spill files go to, in turn (default the system temp folder)
 * @param maxBytes      the process' disk quota for spill files (default none)
 * @param operatorBytes a fixed amount an operator holds in memory before it spills (default none: the
 *                      query's SpillArbiter shares {@code polaroid.engine.query-memory} and reclaims it)
 */
@ConfigurationProperties(prefix = "polaroid.spill")
public record SpillProperties(List<String> dir, DataSize maxBytes, DataSize operatorBytes) {
    public SpillSettings settings() {
        return new SpillSettings(dir == null || dir.isEmpty() ? SpillSettings.DEFAULT.dirs() : dir,
                maxBytes == null ? SpillSettings.DEFAULT.maxBytes() : maxBytes.toBytes(),
                operatorBytes == null ? 0 : operatorBytes.toBytes());
    }
}
