package io.polaroid.examples;

import io.polaroid.tpch.TpchGenerator;
import java.nio.file.Path;

/**
 * {@code make run}: {@code Demo data} makes the demo data if it is missing; {@code Demo} runs the
 * README's quick start on it (on the cluster when {@code POLAROID_MODE=distributed}) and says how
 * to connect.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        double sf = Double.parseDouble(System.getProperty("polaroid.demo.sf", "0.1"));
        Path dir = TpchGenerator.folder(Path.of("data"), sf);
        if (args.length > 0 && args[0].equals("data")) {
            TpchGenerator.generate(sf, dir);
            return;
        }
        String url = System.getenv("POLAROID_URL");
        boolean cluster = "distributed".equals(System.getenv("POLAROID_MODE"));
        Path lineitem = dir.resolve("lineitem.parquet").toAbsolutePath();
        System.out.println("Polaroid, " + (cluster ? "cluster mode (" + url + ")" : "local mode")
                + ": the README example on TPC-H SF" + TpchGenerator.format(sf) + " (" + lineitem + ")\n");
        long start = System.nanoTime();
        QuickStart.main(new String[] {lineitem.toString()});
        System.out.printf("%nfirst run, including JVM warm-up: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        if (cluster) {
            System.out.println("""

                    The cluster keeps serving until Ctrl-C (or make cluster-stop). Connect to it:
                      Java:     try (Polaroid pl = Polaroid.connect("%1$s")) { ... }
                      pyarrow:  import json, pyarrow as pa, pyarrow.flight as fl
                                plan = {"root": {"scan": {"format": "PARQUET", "paths": ["%2$s"]}}}
                                info = fl.connect("%1$s").get_flight_info(fl.FlightDescriptor.for_command(json.dumps(plan)))
                                table = pa.concat_tables(fl.connect(e.locations[0]).do_get(e.ticket).read_all()
                                                         for e in info.endpoints)
                      Python:   pip install ./python, then
                                import polaroid as pl; pl.connect("%1$s")
                                print(pl.scan_parquet("%2$s").head(5).collect())
                      metrics:  http://127.0.0.1:8080/actuator/prometheus
                    """.formatted(url, lineitem));
        }
    }
}
