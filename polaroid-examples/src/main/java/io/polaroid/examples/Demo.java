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

                    The cluster keeps serving until Ctrl-C (or make cluster-stop). Every call needs its token,
                    which the coordinator wrote to %3$s (mode 600); the SDKs read it from there,
                    or from POLAROID_TOKEN:  export POLAROID_TOKEN=$(cat %3$s)
                      Java:     try (Polaroid pl = Polaroid.connect("%1$s")) { ... }   // or connect(url, token)
                      pyarrow:  import json, os, pyarrow as pa, pyarrow.flight as fl
                                auth = fl.FlightCallOptions(headers=[(b"authorization", b"Bearer " + os.environ["POLAROID_TOKEN"].encode())])
                                plan = {"root": {"scan": {"format": "PARQUET", "paths": ["%2$s"]}}}
                                info = fl.connect("%1$s").get_flight_info(fl.FlightDescriptor.for_command(json.dumps(plan)), auth)
                                table = pa.concat_tables(fl.connect(e.locations[0]).do_get(e.ticket, auth).read_all()
                                                         for e in info.endpoints)
                      Python:   pip install ./python, then
                                import polaroid as pl; pl.connect("%1$s")   # or token=...
                                print(pl.scan_parquet("%2$s").head(5).collect())
                      health:   http://127.0.0.1:8080/actuator/health
                    """.formatted(url, lineitem, tokenFile()));
        }
    }

    /** Where the cluster's client token is: POLAROID_TOKEN_FILE, or the coordinator's default. */
    private static String tokenFile() {
        String named = System.getenv("POLAROID_TOKEN_FILE");
        return named != null && !named.isBlank() ? named
                : Path.of(System.getProperty("user.home"), ".polaroid", "token").toString();
    }
}