package io.polaroid.tpch;

import io.polaroid.engine.io.parquet.ParquetWriteOptions;

import java.nio.file.Path;

/** Test fixtures: the cached TPC-H data folder. */
public final class TpchData {
    /** Scale factor of the data the tests use: small enough for a quick {@code make test}. */
    public static final double TEST_SCALE_FACTOR = Double.parseDouble(System.getProperty("polaroid.tpch.sf", "0.05"));

    private TpchData() {
    }

    /** The git-ignored data folder at the repository root (tests run in a module folder). */
    public static Path root() {
        String configured = System.getProperty("polaroid.data.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "data").toAbsolutePath().normalize();
    }

    /** Generates the test data if missing and returns its folder. */
    public static synchronized Path testData() {
        Path dir = TpchGenerator.folder(root(), TEST_SCALE_FACTOR);
        try {
            TpchGenerator.generate(TEST_SCALE_FACTOR, dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate TPC-H data in " + dir, e);
        }
        return dir;
    }

    /**
     * The same tables in row groups of about 256 KiB, so that every table has several: a
     * distributed plan then splits each scan into several tasks.
     */
    public static synchronized Path splitTestData() {
        Path dir = root().resolve("tpch-sf" + TpchGenerator.format(TEST_SCALE_FACTOR) + "-small-row-groups");
        try {
            TpchGenerator.generate(TEST_SCALE_FACTOR, dir, ParquetWriteOptions.DEFAULT.withRowGroupBytes(256 << 10));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate TPC-H data in " + dir, e);
        }
        return dir;
    }

}
