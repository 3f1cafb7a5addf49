package io.polaroid.examples;

import io.polaroid.tpch.TpchGenerator;
import java.nio.file.Path;

/** {@code make run}: makes the demo data if it is missing, then runs the README's quick start on it. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        double sf = Double.parseDouble(System.getProperty("polaroid.demo.sf", "0.1"));
        Path dir = TpchGenerator.folder(Path.of("data"), sf);
        TpchGenerator.generate(sf, dir);
        System.out.println("Polaroid, local mode: the README example on TPC-H SF" + TpchGenerator.format(sf)
                + " (" + dir.resolve("lineitem.parquet") + ")\n");
        long start = System.nanoTime();
        QuickStart.main(new String[] {dir.resolve("lineitem.parquet").toString()});
        System.out.printf("%nfirst run, including JVM warm-up: %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }
}
