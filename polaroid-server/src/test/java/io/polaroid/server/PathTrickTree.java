package io.polaroid.server;

import io.polaroid.Polaroid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files an attacker's paths aim at, in one temp folder {@code base}: the data root
 * {@code base/data} with real Parquet and CSV files (column {@code who}, value {@code inside}),
 * symbolic links that stay inside it and, under {@code data/traps}, links to outside at several
 * depths (absolute and relative, to files and folders, dangling, to {@code /etc}, to the sibling
 * {@code data2}); and outside it {@code base/outside} and {@code base/data2}, whose files have the
 * column {@code leaked} with the value {@code LEAKED}, so any answer that carries them is seen.
 */
final class PathTrickTree {
    static final String LEAK_MARKER = "leaked";

    final Path base;
    final Path data;
    final Path outside;
    final Path sibling;

    PathTrickTree(Path base) {
        this.base = base.toAbsolutePath().normalize();
        this.data = this.base.resolve("data");
        this.outside = this.base.resolve("outside");
        this.sibling = this.base.resolve("data2");
        try (Polaroid local = Polaroid.local()) {
            inside(local, "in", 3);
            inside(local, "clean/a", 2);
            inside(local, "clean/nested/b", 1);
            leaked(local, outside, "o");
            leaked(local, outside, "deep/o2");
            leaked(local, outside, "deep/deeper/o3");
            leaked(local, sibling, "s");
            link("clean/link-in.parquet", data.resolve("in.parquet"));
            link("inlink-dir", data.resolve("clean"));
            link("traps/lnk-file.parquet", outside.resolve("o.parquet"));
            link("traps/lnk-csv.csv", outside.resolve("o.csv"));
            link("traps/lnk-dangling.parquet", outside.resolve("missing.parquet"));
            link("traps/lnk-dir", outside);
            link("traps/lnk-rel", Path.of("../../outside"));
            link("traps/lnk-etc", Path.of("/etc"));
            link("traps/lnk-sibling", sibling);
            link("traps/deep/er/lnk-deep.parquet", outside.resolve("deep/o2.parquet"));
            link("traps/deep/er/lnk-up", Path.of("../../../../outside/deep"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code data/<name>.csv} and {@code .parquet} with {@code rows} rows of {@code who=inside}. */
    private void inside(Polaroid local, String name, int rows) throws IOException {
        write(local, data, name, "who", "inside", rows);
    }

    private static void leaked(Polaroid local, Path folder, String name) throws IOException {
        write(local, folder, name, LEAK_MARKER, "LEAKED", 4);
    }

    private static void write(Polaroid local, Path folder, String name, String column, String value, int rows)
            throws IOException {
        Path csv = folder.resolve(name + ".csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, column + "\n" + (value + "\n").repeat(rows));
        local.readCsv(csv.toString()).writeParquet(folder.resolve(name + ".parquet").toString());
    }

    private void link(String name, Path target) throws IOException {
        Path link = data.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }
}
