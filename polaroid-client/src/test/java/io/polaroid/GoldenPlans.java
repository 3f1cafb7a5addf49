package io.polaroid;

import static io.polaroid.Functions.coalesce;
import static io.polaroid.Functions.col;
import static io.polaroid.Functions.concatStr;
import static io.polaroid.Functions.date;
import static io.polaroid.Functions.days;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.months;
import static io.polaroid.Functions.nullOf;
import static io.polaroid.Functions.when;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sample plans of the wire contract: each is built here with the Java API and checked in as
 * JSON under {@code testdata/golden-plans}. Together they use every plan node and every
 * expression kind (and every literal form).
 */
final class GoldenPlans {
    private GoldenPlans() {
    }

    static Map<String, Function<Polaroid, LazyFrame>> all() {
        Map<String, Function<Polaroid, LazyFrame>> plans = new LinkedHashMap<>();
        plans.put("01_scan_parquet", pl -> pl.scanParquet("data/trades.parquet"));
        plans.put("02_scan_parquet_glob", pl -> pl.scanParquet("data/trades/*.parquet", "s3a://bucket/more/"));
        plans.put("03_scan_csv_options", pl -> pl.scanCsv(List.of("data/prices.csv"), CsvOptions.DEFAULT
                .withDelimiter(';').withQuote('\'').withHasHeader(false).withNullValues(List.of("NA", ""))
                .withInferSchemaLength(500).withIgnoreErrors(true)
                .withSchemaOverrides(List.of(Field.of("price", DataType.decimal(10, 2)), Field.of("day", DataType.DATE32)))));
        plans.put("04_scan_ipc", pl -> pl.scanIpc("data/events.arrow"));
        plans.put("05_filter_compare", pl -> pl.scanParquet("t.parquet").filter(col("price").gt(100).and(col("symbol").eq("AAPL"))));
        plans.put("06_filter_string", pl -> pl.scanParquet("t.parquet").filter("price > 100 and symbol = 'AAPL'"));
        plans.put("07_select_arithmetic", pl -> pl.scanParquet("t.parquet").select(
                col("a").add(1).alias("a1"), col("a").sub(col("b")).mul(2.5).alias("x"), col("a").div(col("b")).alias("ratio"),
                col("a").floordiv(3).alias("fd"), col("a").mod(3).alias("m"), col("a").neg().alias("neg"),
                col("a").abs().round(2).alias("r")));
        plans.put("08_with_columns_cast", pl -> pl.scanParquet("t.parquet").withColumns(
                col("qty").cast(DataType.INT64).alias("qty64"), col("s").cast(DataType.decimal(15, 2), true).alias("amount")));
        plans.put("09_literals", pl -> pl.scanParquet("t.parquet").select(
                lit(true).alias("b"), lit(7).alias("i"), lit(3_000_000_000L).alias("big"), lit(1.5).alias("f"),
                lit("text").alias("s"), date("1994-01-01").alias("d"), lit(new BigDecimal("12.30")).alias("dec"),
                lit(LocalDateTime.of(2024, 5, 6, 7, 8, 9)).alias("ts"), lit((byte) 5).alias("i8"),
                lit(2.5f).alias("f32"), nullOf(DataType.UTF8).alias("n"), lit(null).alias("untyped")));
        plans.put("10_when_then_otherwise", pl -> pl.scanParquet("t.parquet").select(
                when(col("x").gt(0)).then(lit("pos")).when(col("x").lt(0)).then(lit("neg")).otherwise(lit("zero")).alias("sign"),
                when(col("x").isNull()).then(0).alias("no_otherwise")));
        plans.put("11_null_handling", pl -> pl.scanParquet("t.parquet").select(
                col("a").isNull().alias("na"), col("a").isNotNull().alias("nn"), col("a").fillNull(0).alias("filled"),
                coalesce(col("a"), col("b"), 0).alias("c")));
        plans.put("12_sets_and_ranges", pl -> pl.scanParquet("t.parquet").filter(
                col("k").isIn(1, 2, 3).or(col("d").isBetween(date("1994-01-01"), date("1994-12-31"))).and(col("s").isIn("a", "b").not())));
        plans.put("13_strings", pl -> pl.scanParquet("t.parquet").select(
                col("s").str().contains("x"), col("s").str().startsWith("a").alias("sw"), col("s").str().endsWith("z").alias("ew"),
                col("s").str().like("%a_b%").alias("lk"), col("s").str().slice(1, 3).alias("sub"), col("s").str().lenChars().alias("n"),
                col("s").str().toUppercase().alias("up"), col("s").str().toLowercase().alias("lo"), col("s").str().stripChars().alias("st"),
                concatStr(col("s"), lit("-"), col("t")).alias("cat"), col("s").str().containsRegex("^a.*z$").alias("re")));
        plans.put("14_dates", pl -> pl.scanParquet("t.parquet").select(
                col("d").dt().year().alias("y"), col("d").dt().month().alias("m"), col("d").dt().day().alias("dd"),
                col("d").dt().extract("quarter").alias("q"), col("d").add(lit(java.time.Duration.ofDays(30))).alias("later"),
                col("d").add(months(-3)).alias("earlier"), col("ds").str().toDate().alias("parsed")));
        plans.put("15_group_by_agg", pl -> pl.scanParquet("t.parquet").groupBy("symbol").agg(
                col("price").sum().alias("sum"), col("price").mean().alias("mean"), col("price").min().alias("min"),
                col("price").max().alias("max"), col("price").count().alias("count"), len().alias("len"),
                col("trader").nUnique().alias("traders"), col("price").first().alias("first"), col("price").last().alias("last"),
                col("price").median().alias("median"), col("price").std().alias("std"), col("price").var().alias("var")));
        plans.put("16_group_by_expressions", pl -> pl.scanParquet("t.parquet").groupByStable("a", "b")
                .agg(col("x").sum().div(col("y").sum()).alias("ratio")));
        plans.put("17_global_aggregate", pl -> pl.scanParquet("t.parquet").select(col("x").sum(), len()));
        plans.put("18_joins", pl -> pl.scanParquet("a.parquet")
                .join(pl.scanParquet("b.parquet"), "id")
                .join(pl.scanParquet("c.parquet"), "cid", "id", "left")
                .join(pl.scanParquet("d.parquet"), List.of("x", "y"), "full"));
        plans.put("19_semi_anti_right_cross", pl -> pl.scanParquet("a.parquet")
                .join(pl.scanParquet("b.parquet"), "id", "semi")
                .join(pl.scanParquet("c.parquet"), "id", "anti")
                .join(pl.scanParquet("d.parquet"), List.of("k1", "k2"), List.of("j1", "j2"), "right")
                .crossJoin(pl.scanParquet("e.parquet")));
        plans.put("20_join_expressions_suffix", pl -> pl.scanParquet("a.parquet").join(pl.scanParquet("b.parquet"),
                List.of(col("key").str().toLowercase().node()), List.of(col("KEY").str().toLowercase().node()), "inner", "_b"));
        plans.put("21_sort", pl -> pl.scanParquet("t.parquet")
                .sort(List.of(col("a"), col("b").abs()), new boolean[] {true, false}, true));
        plans.put("22_slice_head", pl -> pl.scanParquet("t.parquet").sort("a").slice(10, 5).head(3).slice(1));
        plans.put("23_unique_rename_drop", pl -> pl.scanParquet("t.parquet")
                .unique(List.of("a", "b"), "first", true).unique().rename("a", "alpha").drop("b", "c"));
        plans.put("24_concat", pl -> LazyFrame.concat(pl.scanParquet("2023.parquet"), pl.scanParquet("2024.parquet"),
                pl.scanCsv("2025.csv")));
        plans.put("25_in_memory", pl -> InMemoryFixture.frame(pl));
        plans.put("26_timestamp_types", pl -> pl.scanParquet("t.parquet").filter(
                col("ts").ge(lit(LocalDateTime.of(2024, 1, 1, 0, 0))).and(col("ts").cast(DataType.timestamp(TimeUnit.MILLISECOND, "UTC")).dt().hour().eq(12))));
        plans.put("27_calendar_more", pl -> pl.scanParquet("t.parquet").select(
                col("d").dt().replace(2000, null, col("day"), null, null, null, null).alias("r"),
                col("t").dt().replace(null, 11, 1, 1, null, null, 5, "earliest").alias("rt"),
                col("d").dt().addBusinessDays(col("n"), new boolean[] {true, true, true, true, true, true, false},
                        List.of(LocalDate.of(2024, 1, 16)), "forward").alias("b"),
                col("d").dt().addBusinessDays(2).alias("b2"),
                Functions.businessDayCount("d", "e").alias("c"),
                Functions.rollingCov("x", "y", 3, 2, 0).alias("cov"), Functions.rollingCorr("x", col("y"), 4).alias("corr")));
        plans.put("28_scan_storage_options", pl -> pl.scanParquet(List.of("s3://bucket/t.parquet"), Map.of(
                "aws_region", "eu-west-1", "aws_endpoint_url", "http://127.0.0.1:9000", "aws_access_key_id", "AKIDEXAMPLE",
                "aws_secret_access_key", "example-secret")));
        plans.put("29_sql", pl -> pl.scanParquet("t.parquet").sql("SELECT a, sum(b) AS s FROM self WHERE c > 1 GROUP BY a")
                .filter(col("s").gt(10)));
        return plans;
    }
}
