package io.polaroid.tpch;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the answers of TPC-H queries in local mode as Parquet files, for other clients (the
 * Python tests) to compare with: {@code TpchResults <data folder> <out folder> <query>...}. Makes
 * the data first when the folder has none ({@code --sf} sets its scale factor, 0.05 by default).
 */
public final class TpchResults {
    private TpchResults() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.exists(data.resolve("lineitem.parquet"))) {
            TpchGenerator.generate(Double.parseDouble(System.getProperty("sf", "0.05")), data);
        }
        Files.createDirectories(out);
        try (Polaroid pl = Polaroid.local()) {
            TpchTables tables = new TpchTables(pl, data);
            for (int i = 2; i < args.length; i++) {
                int q = Integer.parseInt(args[i]);
                try (DataFrame df = TpchQueries.query(q, tables).collect()) {
                    df.writeParquet(out.resolve("q" + q + ".parquet").toString());
                }
            }
        }
    }
}
