"""The 22 PDS-H (TPC-H derived) queries written in the Polars style, as the Polars project writes its
benchmark: functions of LazyFrames using ``pl.sum``, ``pl.len()``, ``.over()``, ``unique()`` and
``group_by().len()``. ``pl`` is whichever library runs them (``polars`` or ``polaroid``): the same
text must give the same answer under both."""
from datetime import date


def q1(pl, t):
    lineitem = t["lineitem"]
    return (
        lineitem.filter(pl.col("l_shipdate") <= date(1998, 9, 2))
        .group_by("l_returnflag", "l_linestatus")
        .agg(
            pl.sum("l_quantity").alias("sum_qty"),
            pl.sum("l_extendedprice").alias("sum_base_price"),
            (pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).sum().alias("sum_disc_price"),
            (pl.col("l_extendedprice") * (1 - pl.col("l_discount")) * (1 + pl.col("l_tax"))).sum().alias("sum_charge"),
            pl.mean("l_quantity").alias("avg_qty"),
            pl.mean("l_extendedprice").alias("avg_price"),
            pl.mean("l_discount").alias("avg_disc"),
            pl.len().alias("count_order"),
        )
        .sort("l_returnflag", "l_linestatus")
    )


def q2(pl, t):
    europe = (
        t["part"].join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
        .join(t["supplier"], left_on="ps_suppkey", right_on="s_suppkey")
        .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
        .join(t["region"], left_on="n_regionkey", right_on="r_regionkey")
        .filter(pl.col("p_size") == 15)
        .filter(pl.col("p_type").str.ends_with("BRASS"))
        .filter(pl.col("r_name") == "EUROPE")
    )
    return (
        europe.filter(pl.col("ps_supplycost") == pl.col("ps_supplycost").min().over("p_partkey"))
        .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
        .sort("s_acctbal", "n_name", "s_name", "p_partkey", descending=[True, False, False, False])
        .head(100)
    )


def q3(pl, t):
    return (
        t["customer"].filter(pl.col("c_mktsegment") == "BUILDING")
        .join(t["orders"], left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .filter(pl.col("o_orderdate") < date(1995, 3, 15))
        .filter(pl.col("l_shipdate") > date(1995, 3, 15))
        .with_columns((pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).alias("revenue"))
        .group_by("o_orderkey", "o_orderdate", "o_shippriority")
        .agg(pl.sum("revenue"))
        .select(pl.col("o_orderkey").alias("l_orderkey"), "revenue", "o_orderdate", "o_shippriority")
        .sort("revenue", "o_orderdate", descending=[True, False])
        .head(10)
    )


def q4(pl, t):
    late = t["lineitem"].filter(pl.col("l_commitdate") < pl.col("l_receiptdate")).select("l_orderkey").unique()
    return (
        t["orders"].filter(pl.col("o_orderdate").is_between(date(1993, 7, 1), date(1993, 10, 1), closed="left"))
        .join(late, left_on="o_orderkey", right_on="l_orderkey", how="semi")
        .group_by("o_orderpriority")
        .agg(pl.len().alias("order_count"))
        .sort("o_orderpriority")
    )


def q5(pl, t):
    return (
        t["region"].join(t["nation"], left_on="r_regionkey", right_on="n_regionkey")
        .join(t["customer"], left_on="n_nationkey", right_on="c_nationkey")
        .join(t["orders"], left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .join(t["supplier"], left_on=["l_suppkey", "n_nationkey"], right_on=["s_suppkey", "s_nationkey"])
        .filter(pl.col("r_name") == "ASIA")
        .filter(pl.col("o_orderdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
        .with_columns((pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).alias("revenue"))
        .group_by("n_name")
        .agg(pl.sum("revenue"))
        .sort("revenue", descending=True)
    )


def q6(pl, t):
    return (
        t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
        .filter(pl.col("l_discount").is_between(0.05, 0.07))
        .filter(pl.col("l_quantity") < 24)
        .select((pl.col("l_extendedprice") * pl.col("l_discount")).sum().alias("revenue"))
    )


def q7(pl, t):
    nation, customer, supplier = t["nation"], t["customer"], t["supplier"]
    lines = t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1995, 1, 1), date(1996, 12, 31)))
    by_customer = (
        nation.join(customer, left_on="n_nationkey", right_on="c_nationkey")
        .join(t["orders"], left_on="c_custkey", right_on="o_custkey")
        .rename({"n_name": "cust_nation"})
    )
    by_supplier = (
        nation.join(supplier, left_on="n_nationkey", right_on="s_nationkey")
        .join(lines, left_on="s_suppkey", right_on="l_suppkey")
        .rename({"n_name": "supp_nation"})
    )
    return (
        by_customer.join(by_supplier, left_on="o_orderkey", right_on="l_orderkey")
        .filter(
            ((pl.col("cust_nation") == "FRANCE") & (pl.col("supp_nation") == "GERMANY"))
            | ((pl.col("cust_nation") == "GERMANY") & (pl.col("supp_nation") == "FRANCE"))
        )
        .with_columns(
            pl.col("l_shipdate").dt.year().alias("l_year"),
            (pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).alias("volume"),
        )
        .group_by("supp_nation", "cust_nation", "l_year")
        .agg(pl.sum("volume").alias("revenue"))
        .sort("supp_nation", "cust_nation", "l_year")
    )


def q8(pl, t):
    america = t["region"].filter(pl.col("r_name") == "AMERICA")
    volumes = (
        t["part"].filter(pl.col("p_type") == "ECONOMY ANODIZED STEEL")
        .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
        .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
        .join(t["customer"], left_on="o_custkey", right_on="c_custkey")
        .join(t["nation"], left_on="c_nationkey", right_on="n_nationkey")
        .join(america, left_on="n_regionkey", right_on="r_regionkey")
        .join(t["nation"].select(pl.col("n_nationkey"), pl.col("n_name").alias("supp_nation")),
              left_on="s_nationkey", right_on="n_nationkey")
        .filter(pl.col("o_orderdate").is_between(date(1995, 1, 1), date(1996, 12, 31)))
        .select(
            pl.col("o_orderdate").dt.year().alias("o_year"),
            (pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).alias("volume"),
            "supp_nation",
        )
    )
    return (
        volumes.with_columns(pl.when(pl.col("supp_nation") == "BRAZIL").then(pl.col("volume")).otherwise(0).alias("brazil"))
        .group_by("o_year")
        .agg((pl.sum("brazil") / pl.sum("volume")).round(2).alias("mkt_share"))
        .sort("o_year")
    )


def q9(pl, t):
    return (
        t["part"].filter(pl.col("p_name").str.contains("green"))
        .join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
        .join(t["supplier"], left_on="ps_suppkey", right_on="s_suppkey")
        .join(t["lineitem"], left_on=["p_partkey", "ps_suppkey"], right_on=["l_partkey", "l_suppkey"])
        .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
        .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
        .select(
            pl.col("n_name").alias("nation"),
            pl.col("o_orderdate").dt.year().alias("o_year"),
            (pl.col("l_extendedprice") * (1 - pl.col("l_discount")) - pl.col("ps_supplycost") * pl.col("l_quantity"))
            .alias("amount"),
        )
        .group_by("nation", "o_year")
        .agg(pl.sum("amount").round(2).alias("sum_profit"))
        .sort("nation", "o_year", descending=[False, True])
    )


def q10(pl, t):
    return (
        t["customer"].join(t["orders"], left_on="c_custkey", right_on="o_custkey")
        .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .join(t["nation"], left_on="c_nationkey", right_on="n_nationkey")
        .filter(pl.col("o_orderdate").is_between(date(1993, 10, 1), date(1994, 1, 1), closed="left"))
        .filter(pl.col("l_returnflag") == "R")
        .group_by("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
        .agg((pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).sum().round(2).alias("revenue"))
        .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
        .sort("revenue", "c_custkey", descending=[True, False])
        .head(20)
    )


def q11(pl, t):
    german = (
        t["partsupp"].join(t["supplier"], left_on="ps_suppkey", right_on="s_suppkey")
        .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
        .filter(pl.col("n_name") == "GERMANY")
        .with_columns((pl.col("ps_supplycost") * pl.col("ps_availqty")).alias("value"))
    )
    return (
        german.group_by("ps_partkey")
        .agg(pl.sum("value"))
        .filter(pl.col("value") > pl.col("value").sum() * 0.0001)
        .with_columns(pl.col("value").round(2))
        .sort("value", "ps_partkey", descending=[True, False])
    )


def q12(pl, t):
    urgent = pl.col("o_orderpriority").is_in(["1-URGENT", "2-HIGH"])
    return (
        t["orders"].join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .filter(pl.col("l_shipmode").is_in(["MAIL", "SHIP"]))
        .filter(pl.col("l_commitdate") < pl.col("l_receiptdate"))
        .filter(pl.col("l_shipdate") < pl.col("l_commitdate"))
        .filter(pl.col("l_receiptdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
        .with_columns(
            pl.when(urgent).then(1).otherwise(0).alias("high_line_count"),
            pl.when(urgent).then(0).otherwise(1).alias("low_line_count"),
        )
        .group_by("l_shipmode")
        .agg(pl.sum("high_line_count"), pl.sum("low_line_count"))
        .sort("l_shipmode")
    )


def q13(pl, t):
    plain_orders = t["orders"].filter(pl.col("o_comment").str.contains("special.*requests").not_())
    return (
        t["customer"].join(plain_orders, left_on="c_custkey", right_on="o_custkey", how="left")
        .group_by("c_custkey")
        .agg(pl.col("o_orderkey").count().alias("c_count"))
        .group_by("c_count")
        .len()
        .select(pl.col("c_count"), pl.col("len").alias("custdist"))
        .sort("custdist", "c_count", descending=[True, True])
    )


def q14(pl, t):
    revenue = pl.col("l_extendedprice") * (1 - pl.col("l_discount"))
    return (
        t["lineitem"].join(t["part"], left_on="l_partkey", right_on="p_partkey")
        .filter(pl.col("l_shipdate").is_between(date(1995, 9, 1), date(1995, 10, 1), closed="left"))
        .select(
            (100.0 * pl.when(pl.col("p_type").str.starts_with("PROMO")).then(revenue).otherwise(0).sum() / revenue.sum())
            .round(2).alias("promo_revenue")
        )
    )


def q15(pl, t):
    revenue = (
        t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1996, 1, 1), date(1996, 4, 1), closed="left"))
        .group_by("l_suppkey")
        .agg((pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).sum().alias("total_revenue"))
        .select(pl.col("l_suppkey").alias("supplier_no"), pl.col("total_revenue"))
    )
    return (
        t["supplier"].join(revenue, left_on="s_suppkey", right_on="supplier_no")
        .filter(pl.col("total_revenue") == pl.col("total_revenue").max())
        .with_columns(pl.col("total_revenue").round(2))
        .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
        .sort("s_suppkey")
    )


def q16(pl, t):
    complainers = t["supplier"].filter(pl.col("s_comment").str.contains(".*Customer.*Complaints.*")).select("s_suppkey")
    return (
        t["part"].join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
        .filter(pl.col("p_brand") != "Brand#45")
        .filter(pl.col("p_type").str.starts_with("MEDIUM POLISHED").not_())
        .filter(pl.col("p_size").is_in([49, 14, 23, 45, 19, 3, 36, 9]))
        .join(complainers, left_on="ps_suppkey", right_on="s_suppkey", how="anti")
        .group_by("p_brand", "p_type", "p_size")
        .agg(pl.col("ps_suppkey").n_unique().alias("supplier_cnt"))
        .sort("supplier_cnt", "p_brand", "p_type", "p_size", descending=[True, False, False, False])
    )


def q17(pl, t):
    return (
        t["part"].filter(pl.col("p_brand") == "Brand#23")
        .filter(pl.col("p_container") == "MED BOX")
        .join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .filter(pl.col("l_quantity") < (0.2 * pl.col("l_quantity").mean()).over("p_partkey"))
        .select((pl.col("l_extendedprice").sum() / 7.0).round(2).alias("avg_yearly"))
    )


def q18(pl, t):
    big_orders = (
        t["lineitem"].group_by("l_orderkey")
        .agg(pl.sum("l_quantity").alias("sum_quantity"))
        .filter(pl.col("sum_quantity") > 300)
    )
    return (
        t["orders"].join(big_orders, left_on="o_orderkey", right_on="l_orderkey", how="semi")
        .join(t["lineitem"], left_on="o_orderkey", right_on="l_orderkey")
        .join(t["customer"], left_on="o_custkey", right_on="c_custkey")
        .group_by("c_name", "o_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
        .agg(pl.sum("l_quantity").alias("col6"))
        .select(
            "c_name", pl.col("o_custkey").alias("c_custkey"), "o_orderkey",
            pl.col("o_orderdate").alias("o_orderdat"), "o_totalprice", "col6",
        )
        .sort("o_totalprice", "o_orderdat", descending=[True, False])
        .head(100)
    )


def q19(pl, t):
    def brand(name, containers, low, high, size):
        return (
            (pl.col("p_brand") == name)
            & pl.col("p_container").is_in(containers)
            & pl.col("l_quantity").is_between(low, high)
            & pl.col("p_size").is_between(1, size)
        )

    return (
        t["part"].join(t["lineitem"], left_on="p_partkey", right_on="l_partkey")
        .filter(pl.col("l_shipmode").is_in(["AIR", "AIR REG"]))
        .filter(pl.col("l_shipinstruct") == "DELIVER IN PERSON")
        .filter(
            brand("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 11, 5)
            | brand("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 20, 10)
            | brand("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 30, 15)
        )
        .select((pl.col("l_extendedprice") * (1 - pl.col("l_discount"))).sum().round(2).alias("revenue"))
    )


def q20(pl, t):
    shipped = (
        t["lineitem"].filter(pl.col("l_shipdate").is_between(date(1994, 1, 1), date(1995, 1, 1), closed="left"))
        .group_by("l_partkey", "l_suppkey")
        .agg((pl.col("l_quantity").sum() * 0.5).alias("sum_quantity"))
    )
    forest = t["part"].filter(pl.col("p_name").str.starts_with("forest")).select(pl.col("p_partkey").unique())
    canada = t["nation"].filter(pl.col("n_name") == "CANADA")
    suppliers = (
        forest.join(t["partsupp"], left_on="p_partkey", right_on="ps_partkey")
        .join(shipped, left_on=["ps_suppkey", "p_partkey"], right_on=["l_suppkey", "l_partkey"])
        .filter(pl.col("ps_availqty") > pl.col("sum_quantity"))
        .select(pl.col("ps_suppkey").unique())
    )
    return (
        t["supplier"].join(canada, left_on="s_nationkey", right_on="n_nationkey")
        .join(suppliers, left_on="s_suppkey", right_on="ps_suppkey", how="semi")
        .select("s_name", "s_address")
        .sort("s_name")
    )


def q21(pl, t):
    late = t["lineitem"].filter(pl.col("l_receiptdate") > pl.col("l_commitdate"))
    multi_supplier = (
        t["lineitem"].group_by("l_orderkey")
        .agg(pl.col("l_suppkey").n_unique().alias("n_supp"))
        .filter(pl.col("n_supp") > 1)
        .select("l_orderkey")
    )
    only_late = (
        late.group_by("l_orderkey")
        .agg(pl.col("l_suppkey").n_unique().alias("n_late"))
        .filter(pl.col("n_late") == 1)
        .select("l_orderkey")
    )
    return (
        late.join(multi_supplier, on="l_orderkey", how="semi")
        .join(only_late, on="l_orderkey", how="semi")
        .join(t["supplier"], left_on="l_suppkey", right_on="s_suppkey")
        .join(t["nation"], left_on="s_nationkey", right_on="n_nationkey")
        .join(t["orders"], left_on="l_orderkey", right_on="o_orderkey")
        .filter(pl.col("n_name") == "SAUDI ARABIA")
        .filter(pl.col("o_orderstatus") == "F")
        .group_by("s_name")
        .agg(pl.len().alias("numwait"))
        .sort("numwait", "s_name", descending=[True, False])
        .head(100)
    )


def q22(pl, t):
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    balance = pl.col("c_acctbal")
    with_orders = t["orders"].select(pl.col("o_custkey").unique())
    return (
        t["customer"].with_columns(pl.col("c_phone").str.slice(0, 2).alias("cntrycode"))
        .filter(pl.col("cntrycode").is_in(codes))
        .filter(balance > pl.when(balance > 0.0).then(balance).mean())
        .join(with_orders, left_on="c_custkey", right_on="o_custkey", how="anti")
        .group_by("cntrycode")
        .agg(pl.len().alias("numcust"), balance.sum().round(2).alias("totacctbal"))
        .sort("cntrycode")
    )


QUERIES = {n: globals()["q%d" % n] for n in range(1, 23)}
