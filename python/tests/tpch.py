"""TPC-H Q1, Q3, Q5, Q6 and Q10 written with the Python API, as polaroid-tpch's TpchQueries writes them in Java."""
import datetime as dt
from decimal import Decimal

import polaroid as pl


def tables(data, backend=None):
    return {name: pl.scan_parquet("%s/%s.parquet" % (data, name), backend=backend)
            for name in ("lineitem", "orders", "customer", "nation", "region", "supplier")}


def discounted():
    return pl.col("l_extendedprice") * (1 - pl.col("l_discount"))


def q1(t):
    return (t["lineitem"].filter(pl.col("l_shipdate") <= dt.date(1998, 12, 1) - dt.timedelta(days=90))
            .group_by("l_returnflag", "l_linestatus")
            .agg(pl.col("l_quantity").sum().alias("sum_qty"),
                 pl.col("l_extendedprice").sum().alias("sum_base_price"),
                 discounted().sum().alias("sum_disc_price"),
                 (discounted() * (1 + pl.col("l_tax"))).sum().alias("sum_charge"),
                 pl.col("l_quantity").mean().alias("avg_qty"),
                 pl.col("l_extendedprice").mean().alias("avg_price"),
                 pl.col("l_discount").mean().alias("avg_disc"),
                 pl.len().alias("count_order"))
            .sort("l_returnflag", "l_linestatus"))


def q3(t):
    return (t["customer"].filter(pl.col("c_mktsegment") == "BUILDING")
            .join(t["orders"].filter(pl.col("o_orderdate") < dt.date(1995, 3, 15)), left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"].filter(pl.col("l_shipdate") > dt.date(1995, 3, 15)), left_on="o_orderkey", right_on="l_orderkey")
            .group_by("o_orderkey", "o_orderdate", "o_shippriority")
            .agg(discounted().sum().alias("revenue"))
            .select(pl.col("o_orderkey").alias("l_orderkey"), "revenue", "o_orderdate", "o_shippriority")
            .sort("revenue", "o_orderdate", descending=[True, False])
            .head(10))


def q5(t):
    return (t["region"].filter(pl.col("r_name") == "ASIA")
            .join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
            .join(t["customer"], left_on="n_nationkey", right_on="c_nationkey")
            .join(t["orders"].filter((pl.col("o_orderdate") >= dt.date(1994, 1, 1)) & (pl.col("o_orderdate") < dt.date(1995, 1, 1))),
                  left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
            .join(t["supplier"], left_on=["l_suppkey", "n_nationkey"], right_on=["s_suppkey", "s_nationkey"])
            .group_by("n_name")
            .agg(discounted().sum().alias("revenue"))
            .sort("revenue", descending=True))


def q6(t):
    return (t["lineitem"].filter((pl.col("l_shipdate") >= dt.date(1994, 1, 1))
                                 & (pl.col("l_shipdate") < dt.date(1995, 1, 1))
                                 & pl.col("l_discount").is_between(Decimal("0.05"), Decimal("0.07"))
                                 & (pl.col("l_quantity") < 24))
            .select((pl.col("l_extendedprice") * pl.col("l_discount")).sum().alias("revenue")))


def q10(t):
    return (t["customer"]
            .join(t["orders"].filter((pl.col("o_orderdate") >= dt.date(1993, 10, 1)) & (pl.col("o_orderdate") < dt.date(1994, 1, 1))),
                  left_on="c_custkey", right_on="o_custkey")
            .join(t["lineitem"].filter(pl.col("l_returnflag") == "R"), left_on="o_orderkey", right_on="l_orderkey")
            .join(t["nation"], left_on="c_nationkey", right_on="n_nationkey")
            .group_by("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
            .agg(discounted().sum().alias("revenue"))
            .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
            .sort("revenue", descending=True)
            .head(20))


QUERIES = {1: q1, 3: q3, 5: q5, 6: q6, 10: q10}
