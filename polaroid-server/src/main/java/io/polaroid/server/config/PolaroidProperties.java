package io.polaroid.server.config;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.*}: what this process is, and the tables it knows by name.
 *
 * @param role coordinator, worker or standalone (both in one process); env {@code POLAROID_ROLE}
 * @param catalog named tables, {@code polaroid.catalog.<name>=<file, folder or glob>}: Flight
 *     {@code for_path(name)} reads the whole table, {@code ListFlights} lists them, and a plan can
 *     scan one by name; the format follows the extension ({@code .csv}, {@code .arrow}/{@code .ipc},
 *     otherwise Parquet). The paths must lie under the data roots like any other.
 * @param hadoop raw Hadoop FileSystem settings, {@code polaroid.hadoop.<key>=<value>}, e.g.
 *     {@code polaroid.hadoop.fs.s3a.connection.maximum=64}; applied after {@code polaroid.s3.*}
 */
@ConfigurationProperties(prefix = "polaroid")
public record PolaroidProperties(Role role, Map<String, String> catalog, Map<String, String> hadoop) {
    public PolaroidProperties {
        role = role == null ? Role.STANDALONE : role;
        catalog = catalog == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(catalog));
        hadoop = hadoop == null ? Map.of() : Map.copyOf(hadoop);
    }
}
