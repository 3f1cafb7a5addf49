package io.polaroid.examples;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.date;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;

public class QuickStart {
    public static void main(String[] args) {
        String lineitem = args.length > 0 ? args[0] : "data/tpch-sf0.1/lineitem.parquet";
        try (Polaroid pl = Polaroid.fromEnv();
             DataFrame df = pl.scanParquet(lineitem)
                     .filter(col("l_shipdate").le(date("1998-09-02")))
                     .groupBy("l_returnflag", "l_linestatus")
                     .agg(col("l_quantity").sum().alias("sum_qty"),
                          col("l_extendedprice").mul(lit(1).sub(col("l_discount"))).sum().alias("revenue"),
                          col("l_discount").mean().alias("avg_disc"),
                          len().alias("orders"))
                     .sort("l_returnflag", "l_linestatus")
                     .collect()) {
            System.out.println(df);
        }
    }
}
