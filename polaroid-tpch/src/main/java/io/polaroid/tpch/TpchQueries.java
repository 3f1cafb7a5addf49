package io.polaroid.tpch;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.date;
import static io.polaroid.Functions.days;
import static io.polaroid.Functions.len;
import static io.polaroid.Functions.lit;
import static io.polaroid.Functions.months;
import static io.polaroid.Functions.when;
import static io.polaroid.Functions.years;

import io.polaroid.Expr;
import io.polaroid.LazyFrame;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The 22 TPC-H queries written with the LazyFrame API, the way Polars writes them for its PDS-H
 * benchmark: subqueries become joins (semi and anti joins for EXISTS and IN) and aggregations.
 * Parameters are the validation parameters of the official query texts.
 */
public final class TpchQueries {
    private TpchQueries() {
    }

    /** Query {@code n} (1..22) over the given tables. */
    public static LazyFrame query(int n, TpchTables t) {
        return ALL.get(n - 1).apply(t);
    }

    public static final List<Function<TpchTables, LazyFrame>> ALL = List.of(
            TpchQueries::q1, TpchQueries::q2, TpchQueries::q3, TpchQueries::q4, TpchQueries::q5, TpchQueries::q6,
            TpchQueries::q7, TpchQueries::q8, TpchQueries::q9, TpchQueries::q10, TpchQueries::q11, TpchQueries::q12,
            TpchQueries::q13, TpchQueries::q14, TpchQueries::q15, TpchQueries::q16, TpchQueries::q17, TpchQueries::q18,
            TpchQueries::q19, TpchQueries::q20, TpchQueries::q21, TpchQueries::q22);

    /** {@code l_extendedprice * (1 - l_discount)}. */
    private static Expr discounted() {
        return col("l_extendedprice").mul(lit(1).sub(col("l_discount")));
    }

    public static LazyFrame q1(TpchTables t) {
        return t.lineitem()
                .filter(col("l_shipdate").le(date("1998-12-01").sub(days(90))))
                .groupBy("l_returnflag", "l_linestatus")
                .agg(col("l_quantity").sum().alias("sum_qty"),
                        col("l_extendedprice").sum().alias("sum_base_price"),
                        discounted().sum().alias("sum_disc_price"),
                        discounted().mul(lit(1).add(col("l_tax"))).sum().alias("sum_charge"),
                        col("l_quantity").mean().alias("avg_qty"),
                        col("l_extendedprice").mean().alias("avg_price"),
                        col("l_discount").mean().alias("avg_disc"),
                        len().alias("count_order"))
                .sort("l_returnflag", "l_linestatus");
    }

    public static LazyFrame q2(TpchTables t) {
        LazyFrame europe = t.region().filter(col("r_name").eq("EUROPE"))
                .join(t.nation(), "r_regionkey", "n_regionkey", "inner")
                .join(t.supplier(), "n_nationkey", "s_nationkey", "inner")
                .join(t.partsupp(), "s_suppkey", "ps_suppkey", "inner");
        LazyFrame brass = t.part().filter(col("p_size").eq(15).and(col("p_type").str().endsWith("BRASS")))
                .join(europe, "p_partkey", "ps_partkey", "inner");
        LazyFrame cheapest = brass.groupBy("p_partkey").agg(col("ps_supplycost").min().alias("ps_supplycost"));
        return brass.join(cheapest, List.of("p_partkey", "ps_supplycost"), "inner")
                .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
                .sort(new String[] {"s_acctbal", "n_name", "s_name", "p_partkey"}, new boolean[] {true, false, false, false})
                .head(100);
    }

    public static LazyFrame q3(TpchTables t) {
        return t.customer().filter(col("c_mktsegment").eq("BUILDING"))
                .join(t.orders().filter(col("o_orderdate").lt(date("1995-03-15"))), "c_custkey", "o_custkey", "inner")
                .join(t.lineitem().filter(col("l_shipdate").gt(date("1995-03-15"))), "o_orderkey", "l_orderkey", "inner")
                .groupBy("o_orderkey", "o_orderdate", "o_shippriority")
                .agg(discounted().sum().alias("revenue"))
                .select(col("o_orderkey").alias("l_orderkey"), col("revenue"), col("o_orderdate"), col("o_shippriority"))
                .sort(new String[] {"revenue", "o_orderdate"}, new boolean[] {true, false})
                .head(10);
    }

    public static LazyFrame q4(TpchTables t) {
        LazyFrame late = t.lineitem().filter(col("l_commitdate").lt(col("l_receiptdate")));
        Expr start = date("1993-07-01");
        return t.orders()
                .filter(col("o_orderdate").ge(start).and(col("o_orderdate").lt(start.add(months(3)))))
                .join(late, "o_orderkey", "l_orderkey", "semi")
                .groupBy("o_orderpriority")
                .agg(len().alias("order_count"))
                .sort("o_orderpriority");
    }

    public static LazyFrame q5(TpchTables t) {
        Expr start = date("1994-01-01");
        return t.region().filter(col("r_name").eq("ASIA"))
                .join(t.nation(), "r_regionkey", "n_regionkey", "inner")
                .join(t.customer(), "n_nationkey", "c_nationkey", "inner")
                .join(t.orders().filter(col("o_orderdate").ge(start).and(col("o_orderdate").lt(start.add(years(1))))),
                        "c_custkey", "o_custkey", "inner")
                .join(t.lineitem(), "o_orderkey", "l_orderkey", "inner")
                .join(t.supplier(), List.of("l_suppkey", "n_nationkey"), List.of("s_suppkey", "s_nationkey"), "inner")
                .groupBy("n_name")
                .agg(discounted().sum().alias("revenue"))
                .sort("revenue", true);
    }

    public static LazyFrame q6(TpchTables t) {
        Expr start = date("1994-01-01");
        return t.lineitem()
                .filter(col("l_shipdate").ge(start)
                        .and(col("l_shipdate").lt(start.add(years(1))))
                        .and(col("l_discount").isBetween(lit(new BigDecimal("0.06")).sub(new BigDecimal("0.01")),
                                lit(new BigDecimal("0.06")).add(new BigDecimal("0.01"))))
                        .and(col("l_quantity").lt(24)))
                .select(col("l_extendedprice").mul(col("l_discount")).sum().alias("revenue"));
    }

    public static LazyFrame q7(TpchTables t) {
        LazyFrame nations = t.nation().select("n_nationkey", "n_name");
        return t.customer()
                .join(nations, "c_nationkey", "n_nationkey", "inner")
                .rename("n_name", "cust_nation")
                .join(t.orders(), "c_custkey", "o_custkey", "inner")
                .join(t.lineitem().filter(col("l_shipdate").isBetween(date("1995-01-01"), date("1996-12-31"))),
                        "o_orderkey", "l_orderkey", "inner")
                .join(t.supplier(), "l_suppkey", "s_suppkey", "inner")
                .join(nations, "s_nationkey", "n_nationkey", "inner")
                .rename("n_name", "supp_nation")
                .filter(col("supp_nation").eq("FRANCE").and(col("cust_nation").eq("GERMANY"))
                        .or(col("supp_nation").eq("GERMANY").and(col("cust_nation").eq("FRANCE"))))
                .groupBy(col("supp_nation"), col("cust_nation"), col("l_shipdate").dt().year().alias("l_year"))
                .agg(discounted().sum().alias("revenue"))
                .sort("supp_nation", "cust_nation", "l_year");
    }

    public static LazyFrame q8(TpchTables t) {
        LazyFrame n1 = t.nation().select("n_nationkey", "n_regionkey");
        LazyFrame n2 = t.nation().select("n_nationkey", "n_name");
        return t.part().filter(col("p_type").eq("ECONOMY ANODIZED STEEL"))
                .join(t.lineitem(), "p_partkey", "l_partkey", "inner")
                .join(t.supplier(), "l_suppkey", "s_suppkey", "inner")
                .join(t.orders().filter(col("o_orderdate").isBetween(date("1995-01-01"), date("1996-12-31"))),
                        "l_orderkey", "o_orderkey", "inner")
                .join(t.customer(), "o_custkey", "c_custkey", "inner")
                .join(n1, "c_nationkey", "n_nationkey", "inner")
                .join(t.region().filter(col("r_name").eq("AMERICA")), "n_regionkey", "r_regionkey", "inner")
                .join(n2, "s_nationkey", "n_nationkey", "inner")
                .select(col("o_orderdate").dt().year().alias("o_year"), discounted().alias("volume"), col("n_name").alias("nation"))
                .groupBy("o_year")
                .agg(when(col("nation").eq("BRAZIL")).then(col("volume")).otherwise(0).sum()
                        .div(col("volume").sum()).alias("mkt_share"))
                .sort("o_year");
    }

    public static LazyFrame q9(TpchTables t) {
        return t.part().filter(col("p_name").str().contains("green"))
                .join(t.partsupp(), "p_partkey", "ps_partkey", "inner")
                .join(t.supplier(), "ps_suppkey", "s_suppkey", "inner")
                .join(t.lineitem(), List.of("p_partkey", "ps_suppkey"), List.of("l_partkey", "l_suppkey"), "inner")
                .join(t.orders(), "l_orderkey", "o_orderkey", "inner")
                .join(t.nation(), "s_nationkey", "n_nationkey", "inner")
                .select(col("n_name").alias("nation"), col("o_orderdate").dt().year().alias("o_year"),
                        discounted().sub(col("ps_supplycost").mul(col("l_quantity"))).alias("amount"))
                .groupBy("nation", "o_year")
                .agg(col("amount").sum().alias("sum_profit"))
                .sort(new String[] {"nation", "o_year"}, new boolean[] {false, true});
    }

    public static LazyFrame q10(TpchTables t) {
        Expr start = date("1993-10-01");
        return t.customer()
                .join(t.orders().filter(col("o_orderdate").ge(start).and(col("o_orderdate").lt(start.add(months(3))))),
                        "c_custkey", "o_custkey", "inner")
                .join(t.lineitem().filter(col("l_returnflag").eq("R")), "o_orderkey", "l_orderkey", "inner")
                .join(t.nation(), "c_nationkey", "n_nationkey", "inner")
                .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
                .agg(discounted().sum().alias("revenue"))
                .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
                .sort("revenue", true)
                .head(20);
    }

    public static LazyFrame q11(TpchTables t) {
        LazyFrame german = t.partsupp()
                .join(t.supplier(), "ps_suppkey", "s_suppkey", "inner")
                .join(t.nation().filter(col("n_name").eq("GERMANY")), "s_nationkey", "n_nationkey", "inner");
        Expr value = col("ps_supplycost").mul(col("ps_availqty"));
        LazyFrame threshold = german.select(value.sum().mul(0.0001).alias("threshold"));
        return german.groupBy("ps_partkey")
                .agg(value.sum().alias("value"))
                .crossJoin(threshold)
                .filter(col("value").gt(col("threshold")))
                .select("ps_partkey", "value")
                .sort("value", true);
    }

    public static LazyFrame q12(TpchTables t) {
        Expr start = date("1994-01-01");
        Expr urgent = col("o_orderpriority").isIn("1-URGENT", "2-HIGH");
        return t.orders()
                .join(t.lineitem().filter(col("l_shipmode").isIn("MAIL", "SHIP")
                        .and(col("l_commitdate").lt(col("l_receiptdate")))
                        .and(col("l_shipdate").lt(col("l_commitdate")))
                        .and(col("l_receiptdate").ge(start))
                        .and(col("l_receiptdate").lt(start.add(years(1))))), "o_orderkey", "l_orderkey", "inner")
                .groupBy("l_shipmode")
                .agg(when(urgent).then(1).otherwise(0).sum().alias("high_line_count"),
                        when(urgent.not()).then(1).otherwise(0).sum().alias("low_line_count"))
                .sort("l_shipmode");
    }

    public static LazyFrame q13(TpchTables t) {
        return t.customer()
                .join(t.orders().filter(col("o_comment").str().like("%special%requests%").not()), "c_custkey", "o_custkey", "left")
                .groupBy("c_custkey")
                .agg(col("o_orderkey").count().alias("c_count"))
                .groupBy("c_count")
                .agg(len().alias("custdist"))
                .sort(new String[] {"custdist", "c_count"}, new boolean[] {true, true});
    }

    public static LazyFrame q14(TpchTables t) {
        Expr start = date("1995-09-01");
        return t.lineitem().filter(col("l_shipdate").ge(start).and(col("l_shipdate").lt(start.add(months(1)))))
                .join(t.part(), "l_partkey", "p_partkey", "inner")
                .select(lit(100.0).mul(when(col("p_type").str().startsWith("PROMO")).then(discounted()).otherwise(0).sum())
                        .div(discounted().sum()).alias("promo_revenue"));
    }

    public static LazyFrame q15(TpchTables t) {
        Expr start = date("1996-01-01");
        LazyFrame revenue = t.lineitem()
                .filter(col("l_shipdate").ge(start).and(col("l_shipdate").lt(start.add(months(3)))))
                .groupBy("l_suppkey")
                .agg(discounted().sum().alias("total_revenue"))
                .rename("l_suppkey", "supplier_no");
        LazyFrame best = revenue.select(col("total_revenue").max().alias("max_revenue"));
        return t.supplier()
                .join(revenue, "s_suppkey", "supplier_no", "inner")
                .crossJoin(best)
                .filter(col("total_revenue").eq(col("max_revenue")))
                .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
                .sort("s_suppkey");
    }

    public static LazyFrame q16(TpchTables t) {
        LazyFrame complainers = t.supplier().filter(col("s_comment").str().like("%Customer%Complaints%")).select("s_suppkey");
        return t.part()
                .filter(col("p_brand").ne("Brand#45")
                        .and(col("p_type").str().like("MEDIUM POLISHED%").not())
                        .and(col("p_size").isIn(49, 14, 23, 45, 19, 3, 36, 9)))
                .join(t.partsupp(), "p_partkey", "ps_partkey", "inner")
                .join(complainers, "ps_suppkey", "s_suppkey", "anti")
                .groupBy("p_brand", "p_type", "p_size")
                .agg(col("ps_suppkey").nUnique().alias("supplier_cnt"))
                .sort(new String[] {"supplier_cnt", "p_brand", "p_type", "p_size"}, new boolean[] {true, false, false, false});
    }

    public static LazyFrame q17(TpchTables t) {
        LazyFrame parts = t.part().filter(col("p_brand").eq("Brand#23").and(col("p_container").eq("MED BOX")))
                .join(t.lineitem(), "p_partkey", "l_partkey", "inner");
        LazyFrame threshold = parts.groupBy("p_partkey").agg(lit(0.2).mul(col("l_quantity").mean()).alias("avg_quantity"));
        return parts.join(threshold, "p_partkey")
                .filter(col("l_quantity").lt(col("avg_quantity")))
                .select(col("l_extendedprice").sum().div(7.0).alias("avg_yearly"));
    }

    public static LazyFrame q18(TpchTables t) {
        LazyFrame big = t.lineitem().groupBy("l_orderkey")
                .agg(col("l_quantity").sum().alias("sum_quantity"))
                .filter(col("sum_quantity").gt(300));
        return t.orders()
                .join(big, "o_orderkey", "l_orderkey", "semi")
                .join(t.lineitem(), "o_orderkey", "l_orderkey", "inner")
                .join(t.customer(), "o_custkey", "c_custkey", "inner")
                .groupBy("c_name", "o_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
                .agg(col("l_quantity").sum().alias("sum_quantity"))
                .select(col("c_name"), col("o_custkey").alias("c_custkey"), col("o_orderkey"), col("o_orderdate"),
                        col("o_totalprice"), col("sum_quantity"))
                .sort(new String[] {"o_totalprice", "o_orderdate"}, new boolean[] {true, false})
                .head(100);
    }

    public static LazyFrame q19(TpchTables t) {
        Expr brand12 = col("p_brand").eq("Brand#12")
                .and(col("p_container").isIn("SM CASE", "SM BOX", "SM PACK", "SM PKG"))
                .and(col("l_quantity").isBetween(1, 11))
                .and(col("p_size").isBetween(1, 5));
        Expr brand23 = col("p_brand").eq("Brand#23")
                .and(col("p_container").isIn("MED BAG", "MED BOX", "MED PKG", "MED PACK"))
                .and(col("l_quantity").isBetween(10, 20))
                .and(col("p_size").isBetween(1, 10));
        Expr brand34 = col("p_brand").eq("Brand#34")
                .and(col("p_container").isIn("LG CASE", "LG BOX", "LG PACK", "LG PKG"))
                .and(col("l_quantity").isBetween(20, 30))
                .and(col("p_size").isBetween(1, 15));
        return t.lineitem()
                .filter(col("l_shipmode").isIn("AIR", "AIR REG").and(col("l_shipinstruct").eq("DELIVER IN PERSON")))
                .join(t.part(), "l_partkey", "p_partkey", "inner")
                .filter(brand12.or(brand23).or(brand34))
                .select(discounted().sum().alias("revenue"));
    }

    public static LazyFrame q20(TpchTables t) {
        Expr start = date("1994-01-01");
        LazyFrame shipped = t.lineitem()
                .filter(col("l_shipdate").ge(start).and(col("l_shipdate").lt(start.add(years(1)))))
                .groupBy("l_partkey", "l_suppkey")
                .agg(lit(0.5).mul(col("l_quantity").sum()).alias("sum_quantity"));
        LazyFrame forest = t.part().filter(col("p_name").str().startsWith("forest")).select("p_partkey");
        LazyFrame available = t.partsupp()
                .join(forest, "ps_partkey", "p_partkey", "semi")
                .join(shipped, List.of("ps_suppkey", "ps_partkey"), List.of("l_suppkey", "l_partkey"), "inner")
                .filter(col("ps_availqty").gt(col("sum_quantity")));
        return t.supplier()
                .join(t.nation().filter(col("n_name").eq("CANADA")), "s_nationkey", "n_nationkey", "inner")
                .join(available, "s_suppkey", "ps_suppkey", "semi")
                .select("s_name", "s_address")
                .sort("s_name");
    }

    public static LazyFrame q21(TpchTables t) {
        LazyFrame late = t.lineitem().filter(col("l_receiptdate").gt(col("l_commitdate")))
                .select("l_orderkey", "l_suppkey");
        LazyFrame multiSupplier = t.lineitem().groupBy("l_orderkey")
                .agg(col("l_suppkey").nUnique().alias("suppliers"))
                .filter(col("suppliers").gt(1));
        LazyFrame lateInMulti = late.join(multiSupplier, "l_orderkey", "l_orderkey", "semi");
        LazyFrame onlyLate = lateInMulti.groupBy("l_orderkey")
                .agg(col("l_suppkey").nUnique().alias("late_suppliers"))
                .filter(col("late_suppliers").eq(1));
        return lateInMulti
                .join(onlyLate, "l_orderkey", "l_orderkey", "semi")
                .join(t.supplier(), "l_suppkey", "s_suppkey", "inner")
                .join(t.nation().filter(col("n_name").eq("SAUDI ARABIA")), "s_nationkey", "n_nationkey", "inner")
                .join(t.orders().filter(col("o_orderstatus").eq("F")), "l_orderkey", "o_orderkey", "inner")
                .groupBy("s_name")
                .agg(len().alias("numwait"))
                .sort(new String[] {"numwait", "s_name"}, new boolean[] {true, false})
                .head(100);
    }

    public static LazyFrame q22(TpchTables t) {
        LazyFrame customers = t.customer()
                .withColumns(col("c_phone").str().slice(0, 2).alias("cntrycode"))
                .filter(col("cntrycode").isIn("13", "31", "23", "29", "30", "18", "17"));
        LazyFrame average = customers.filter(col("c_acctbal").gt(0.0)).select(col("c_acctbal").mean().alias("avg_acctbal"));
        return customers
                .join(t.orders(), "c_custkey", "o_custkey", "anti")
                .crossJoin(average)
                .filter(col("c_acctbal").gt(col("avg_acctbal")))
                .groupBy("cntrycode")
                .agg(col("c_acctbal").count().alias("numcust"), col("c_acctbal").sum().alias("totacctbal"))
                .sort("cntrycode");
    }
}
