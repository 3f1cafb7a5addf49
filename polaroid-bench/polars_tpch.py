"""TPC-H in Polars, for `make bench`: the same 22 queries as polaroid-tpch's TpchQueries.

Usage: python polars_tpch.py <data folder> <output.json> [runs]
Writes {"1": median seconds, ...}. Decimal columns are read as Float64, as Polars' own PDS-H
benchmark data has them. Threads come from POLARS_MAX_THREADS (bench.sh sets 2).
"""
import json
import statistics
import sys
import time
from datetime import date

import polars as pl

TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]


def load(folder):
    return {
        name: pl.scan_parquet(f"{folder}/{name}.parquet").with_columns(pl.col(pl.Decimal).cast(pl.Float64))
        for name in TABLES
    }


def disc():
    return pl.col("l_extendedprice") * (1 - pl.col("l_discount"))


def q1(t):
    return (t["lineitem"].filter(pl.col("l_shipdate") <= date(1998, 9, 2))
            .group_by("l_returnflag", "l_linestatus")
            .agg(pl.col("l_quantity").sum().alias("sum_qty"),
                 pl.col("l_extendedprice").sum().alias("sum_base_price"),
                 disc().sum().alias("sum_disc_price"),
                 (disc() * (1 + pl.col("l_tax"))).sum().alias("sum_charge"),
                 pl.col("l_quantity").mean().alias("avg_qty"),
                 pl.col("l_extendedprice").mean().alias("avg_price"),
                 pl.col("l_discount").mean().alias("avg_disc"),
                 pl.len().alias("count_order"))
            .sort("l_returnflag", "l_linestatus"))


def q2(t):
    europe = (t["region"].filter(pl.col("r_name") == "EUROPE")
              .join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
              .join(t["supplier"], left_on="n_nationkey", right_on="s_nationkey")
              .join(t["partsupp"], left_on="s_suppkey", right_on="ps_suppkey"))
    brass = (t["part"].filter((pl.col("p_size") == 15) & pl.col("p_type").str.ends_with("BRASS"))
             .join(europe, left_on="p_partkey", right_on="ps_partkey"))
    cheapest = brass.group_by("p_partkey").agg(pl.col("ps_supplycost").min())
    return (brass.join(cheapest, on=["p_partkey", "ps_supplycost"])
            .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
            .sort(["s_acctbal", "n_name", "s_name", "p_partkey"], descending=[True, False, False, False])
            .head(100))


def q3(t):
    return (t["customer"].filter(pl.col("c_mktsegment") == "BUILDING")
            .join(t["orders"].filter(pl.col("o_orderdate") < date(1995, 3, 15)), left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"].filter(pl.col("l_shipdate") > date(1995, 3, 15)), left_on="o_orderkey", right_on="l_orderkey")
            .group_by("o_orderkey", "o_orderdate", "o_shippriority")
            .agg(disc().sum().alias("revenue"))
            .select(pl.col("o_orderkey").alias("l_orderkey"), "revenue", "o_orderdate", "o_shippriority")
            .sort(["revenue", "o_orderdate"], descending=[True, False])
            .head(10))


def q4(t):
    late = t["lineitem"].filter(pl.col("l_commitdate") < pl.col("l_receiptdate"))
    return (t["orders"].filter(pl.col("o_orderdate").is_between(date(1993, 7, 1), date(1993, 10, 1), closed="left"))
            .join(late, left_on="o_orderkey", right_on="l_orderkey", how="semi")
            .group_by("o_orderpriority").agg(pl.len().alias("order_count"))
            .sort("o_orderpriority"))


def q5(t):
    return (t["region"].filter(pl.col("r_name") == "ASIA")
            .join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
            .join(t["customer"], left_on="n_nationkey", right_on="c_nationkey")
            .join(t["orders"].filter(pl.col("o_orderdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")),
                  left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
            .join(t["supplier"], left_on=["l_suppkey", "n_nationkey"], right_on=["s_suppkey", "s_nationkey"])
            .group_by("n_name").agg(disc().sum().alias("revenue"))
            .sort("revenue", descending=True))


def q6(t):
    return (t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")
                                 & pl.col("l_discount").is_between(0.05, 0.07) & (pl.col("l_quantity") < 24))
            .select((pl.col("l_extendedprice") * pl.col("l_discount")).sum().alias("revenue")))


def q7(t):
    nations = t["nation"].select("n_nationkey", "n_name")
    return (t["customer"].join(nations, left_on="c_nationkey", right_on="n_nationkey").rename({"n_name": "cust_nation"})
            .join(t["orders"], left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1995, 1, 1), date(1996, 12, 31))),
                  left_on="o_orderkey", right_on="l_orderkey")
            .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
            .join(nations, left_on="s_nationkey", right_on="n_nationkey").rename({"n_name": "supp_nation"})
            .filter(((pl.col("supp_nation") == "FRANCE") & (pl.col("cust_nation") == "GERMANY"))
                    | ((pl.col("supp_nation") == "GERMANY") & (pl.col("cust_nation") == "FRANCE")))
            .group_by("supp_nation", "cust_nation", pl.col("l_shipdate").dt.year().alias("l_year"))
            .agg(disc().sum().alias("revenue"))
            .sort("supp_nation", "cust_nation", "l_year"))


def q8(t):
    n1 = t["nation"].select("n_nationkey", "n_regionkey")
    n2 = t["nation"].select("n_nationkey", "n_name")
    return (t["part"].filter(pl.col("p_type") == "ECONOMY ANODIZED STEEL")
            .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
            .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
            .join(t["orders"].filter(pl.col("o_orderdate").is_between(date(1995, 1, 1), date(1996, 12, 31))),
                  left_on="l_orderkey", right_on="o_orderkey")
            .join(t["customer"], left_on="o_custkey", right_on="c_custkey")
            .join(n1, left_on="c_nationkey", right_on="n_nationkey")
            .join(t["region"].filter(pl.col("r_name") == "AMERICA"), left_on="n_regionkey", right_on="r_regionkey")
            .join(n2, left_on="s_nationkey", right_on="n_nationkey")
            .select(pl.col("o_orderdate").dt.year().alias("o_year"), disc().alias("volume"), pl.col("n_name").alias("nation"))
            .group_by("o_year")
            .agg((pl.when(pl.col("nation") == "BRAZIL").then(pl.col("volume")).otherwise(0).sum()
                  / pl.col("volume").sum()).alias("mkt_share"))
            .sort("o_year"))


def q9(t):
    return (t["part"].filter(pl.col("p_name").str.contains("green", literal=True))
            .join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
            .join(t["supplier"], left_on="ps_suppkey", right_on="s_suppkey")
            .join(t["lineitem"], left_on=["p_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"])
            .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
            .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
            .select(pl.col("n_name").alias("nation"), pl.col("o_orderdate").dt.year().alias("o_year"),
                    (disc() - pl.col("ps_supplycost") * pl.col("l_quantity")).alias("amount"))
            .group_by("nation", "o_year").agg(pl.col("amount").sum().alias("sum_profit"))
            .sort(["nation", "o_year"], descending=[False, True]))


def q10(t):
    return (t["customer"]
            .join(t["orders"].filter(pl.col("o_orderdate").is_between(date(1993, 10, 1), date(1994, 1, 1), closed="left")),
                  left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"].filter(pl.col("l_returnflag") == "R"), left_on="o_orderkey", right_on="l_orderkey")
            .join(t["nation"], left_on="c_nationkey", right_on="n_nationkey")
            .group_by("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
            .agg(disc().sum().alias("revenue"))
            .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
            .sort("revenue", descending=True).head(20))


def q11(t):
    german = (t["partsupp"].join(t["supplier"], left_on="ps_suppkey", right_on="s_suppkey")
              .join(t["nation"].filter(pl.col("n_name") == "GERMANY"), left_on="s_nationkey", right_on="n_nationkey"))
    value = pl.col("ps_supplycost") * pl.col("ps_availqty")
    threshold = german.select((value.sum() * 0.0001).alias("threshold"))
    return (german.group_by("ps_partkey").agg(value.sum().alias("value"))
            .join(threshold, how="cross").filter(pl.col("value") > pl.col("threshold"))
            .select("ps_partkey", "value").sort("value", descending=True))


def q12(t):
    urgent = pl.col("o_orderpriority").is_in(["1-URGENT", "2-HIGH"])
    return (t["orders"]
            .join(t["lineitem"].filter(pl.col("l_shipmode").is_in(["MAIL", "SHIP"])
                                       & (pl.col("l_commitdate") < pl.col("l_receiptdate"))
                                       & (pl.col("l_shipdate") < pl.col("l_commitdate"))
                                       & pl.col("l_receiptdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left")),
                  left_on="o_orderkey", right_on="l_orderkey")
            .group_by("l_shipmode")
            .agg(pl.when(urgent).then(1).otherwise(0).sum().alias("high_line_count"),
                 pl.when(~urgent).then(1).otherwise(0).sum().alias("low_line_count"))
            .sort("l_shipmode"))


def q13(t):
    orders = t["orders"].filter(~pl.col("o_comment").str.contains("special.*requests"))
    return (t["customer"].join(orders, left_on="c_custkey", right_on="o_custkey", how="left")
            .group_by("c_custkey").agg(pl.col("o_orderkey").count().alias("c_count"))
            .group_by("c_count").agg(pl.len().alias("custdist"))
            .sort(["custdist", "c_count"], descending=[True, True]))


def q14(t):
    return (t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1995, 9, 1), date(1995, 10, 1), closed="left"))
            .join(t["part"], left_on="l_partkey", right_on="p_partkey")
            .select((100.0 * pl.when(pl.col("p_type").str.starts_with("PROMO")).then(disc()).otherwise(0).sum()
                     / disc().sum()).alias("promo_revenue")))


def q15(t):
    revenue = (t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1996, 1, 1), date(1996, 4, 1), closed="left"))
               .group_by("l_suppkey").agg(disc().sum().alias("total_revenue"))
               .rename({"l_suppkey": "supplier_no"}))
    best = revenue.select(pl.col("total_revenue").max().alias("max_revenue"))
    return (t["supplier"].join(revenue, left_on="s_suppkey", right_on="supplier_no")
            .join(best, how="cross").filter(pl.col("total_revenue") == pl.col("max_revenue"))
            .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue").sort("s_suppkey"))


def q16(t):
    complainers = t["supplier"].filter(pl.col("s_comment").str.contains(".*Customer.*Complaints.*")).select("s_suppkey")
    return (t["part"].filter((pl.col("p_brand") != "Brand#45") & ~pl.col("p_type").str.starts_with("MEDIUM POLISHED")
                             & pl.col("p_size").is_in([49, 14, 23, 45, 19, 3, 36, 9]))
            .join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
            .join(complainers, left_on="ps_suppkey", right_on="s_suppkey", how="anti")
            .group_by("p_brand", "p_type", "p_size").agg(pl.col("ps_suppkey").n_unique().alias("supplier_cnt"))
            .sort(["supplier_cnt", "p_brand", "p_type", "p_size"], descending=[True, False, False, False]))


def q17(t):
    parts = (t["part"].filter((pl.col("p_brand") == "Brand#23") & (pl.col("p_container") == "MED BOX"))
             .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey"))
    threshold = parts.group_by("p_partkey").agg((0.2 * pl.col("l_quantity").mean()).alias("avg_quantity"))
    return (parts.join(threshold, on="p_partkey").filter(pl.col("l_quantity") < pl.col("avg_quantity"))
            .select((pl.col("l_extendedprice").sum() / 7.0).alias("avg_yearly")))


def q18(t):
    big = (t["lineitem"].group_by("l_orderkey").agg(pl.col("l_quantity").sum().alias("sum_quantity"))
           .filter(pl.col("sum_quantity") > 300))
    return (t["orders"].join(big, left_on="o_orderkey", right_on="l_orderkey", how="semi")
            .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
            .join(t["customer"], left_on="o_custkey", right_on="c_custkey")
            .group_by("c_name", "o_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
            .agg(pl.col("l_quantity").sum().alias("sum_quantity"))
            .select("c_name", pl.col("o_custkey").alias("c_custkey"), "o_orderkey", "o_orderdate", "o_totalprice",
                    "sum_quantity")
            .sort(["o_totalprice", "o_orderdate"], descending=[True, False]).head(100))


def q19(t):
    def brand(name, containers, lo, hi, size):
        return ((pl.col("p_brand") == name) & pl.col("p_container").is_in(containers)
                & pl.col("l_quantity").is_between(lo, hi) & pl.col("p_size").is_between(1, size))
    return (t["lineitem"].filter(pl.col("l_shipmode").is_in(["AIR", "AIR REG"])
                                 & (pl.col("l_shipinstruct") == "DELIVER IN PERSON"))
            .join(t["part"], left_on="l_partkey", right_on="p_partkey")
            .filter(brand("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 11, 5)
                    | brand("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 20, 10)
                    | brand("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 30, 15))
            .select(disc().sum().alias("revenue")))


def q20(t):
    shipped = (t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
               .group_by("l_partkey", "l_suppkey").agg((0.5 * pl.col("l_quantity").sum()).alias("sum_quantity")))
    forest = t["part"].filter(pl.col("p_name").str.starts_with("forest")).select("p_partkey")
    available = (t["partsupp"].join(forest, left_on="ps_partkey", right_on="p_partkey", how="semi")
                 .join(shipped, left_on=["ps_suppkey", "ps_partkey"], right_on=["l_suppkey", "l_partkey"])
                 .filter(pl.col("ps_availqty") > pl.col("sum_quantity")))
    return (t["supplier"].join(t["nation"].filter(pl.col("n_name") == "CANADA"), left_on="s_nationkey", right_on="n_nationkey")
            .join(available, left_on="s_suppkey", right_on="ps_suppkey", how="semi")
            .select("s_name", "s_address").sort("s_name"))


def q21(t):
    late = t["lineitem"].filter(pl.col("l_receiptdate") > pl.col("l_commitdate")).select("l_orderkey", "l_suppkey")
    multi = (t["lineitem"].group_by("l_orderkey").agg(pl.col("l_suppkey").n_unique().alias("suppliers"))
             .filter(pl.col("suppliers") > 1))
    late_in_multi = late.join(multi, on="l_orderkey", how="semi")
    only_late = (late_in_multi.group_by("l_orderkey").agg(pl.col("l_suppkey").n_unique().alias("late_suppliers"))
                 .filter(pl.col("late_suppliers") == 1))
    return (late_in_multi.join(only_late, on="l_orderkey", how="semi")
            .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
            .join(t["nation"].filter(pl.col("n_name") == "SAUDI ARABIA"), left_on="s_nationkey", right_on="n_nationkey")
            .join(t["orders"].filter(pl.col("o_orderstatus") == "F"), left_on="l_orderkey", right_on="o_orderkey")
            .group_by("s_name").agg(pl.len().alias("numwait"))
            .sort(["numwait", "s_name"], descending=[True, False]).head(100))


def q22(t):
    customers = (t["customer"].with_columns(pl.col("c_phone").str.slice(0, 2).alias("cntrycode"))
                 .filter(pl.col("cntrycode").is_in(["13", "31", "23", "29", "30", "18", "17"])))
    average = customers.filter(pl.col("c_acctbal") > 0.0).select(pl.col("c_acctbal").mean().alias("avg_acctbal"))
    return (customers.join(t["orders"], left_on="c_custkey", right_on="o_custkey", how="anti")
            .join(average, how="cross").filter(pl.col("c_acctbal") > pl.col("avg_acctbal"))
            .group_by("cntrycode").agg(pl.col("c_acctbal").count().alias("numcust"),
                                       pl.col("c_acctbal").sum().alias("totacctbal"))
            .sort("cntrycode"))


QUERIES = [q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15, q16, q17, q18, q19, q20, q21, q22]


# The window queries of WindowBench.java, under the same numbers (101-104).
def w1(t):
    lineitem = t["lineitem"]
    return lineitem.filter(pl.col("l_quantity") > pl.col("l_quantity").mean().over("l_partkey")).select(pl.len().alias("n"))


def w2(t):
    share = pl.col("l_extendedprice") / pl.col("l_extendedprice").sum().over("l_orderkey")
    return t["lineitem"].select(share.alias("share")).select(pl.col("share").max().alias("m"))


def w3(t):
    rank = pl.col("l_extendedprice").rank("min", descending=True).over("l_suppkey")
    return t["lineitem"].filter(rank <= 3).select(pl.len().alias("n"))


def w4(t):
    running = pl.col("l_quantity").cum_sum().over("l_orderkey", order_by="l_linenumber")
    return t["lineitem"].select(running.alias("running")).select(pl.col("running").max().alias("m"))


NUMBERED = list(enumerate(QUERIES, start=1)) + [(101, w1), (102, w2), (103, w3), (104, w4)]


def main():
    folder, output = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    tables = load(folder)
    results = {}
    for n, query in NUMBERED:
        try:
            query(tables).collect()
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                query(tables).collect()
                times.append(time.perf_counter() - start)
            results[str(n)] = statistics.median(times)
            print(f"  Q{n:<2} polars {results[str(n)]:.3f} s", flush=True)
        except Exception as e:  # one failing query must not hide the others
            print(f"  Q{n:<2} polars failed: {e}", flush=True)
    with open(output, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
