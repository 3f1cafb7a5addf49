"""Polars' number functions and aggregations (bit counts, erf/erfc, round_sig_figs, product,
bitwise_and/or/xor, arg_min/arg_max, approx_quantile): in select, with_columns (broadcast),
group_by().agg() and over(), with nulls, NaN, empty frames and negative integers, against Polars on
both backends; Series methods too. Polars' u32 (counts, positions) is Int64 here."""
import decimal
import math

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, eager_like_polars, lazy_like_polars

BACKENDS = ["distributed", "portable"]
NAN = float("nan")

DATA = {
    "g": pa.array([1, 1, 2, 2, 2, 3, 4, 4], pa.int64()),
    # no tie for the largest i over the frame: Polars' lazy select then gives the last position, its eager
    # Series the first (ties within groups are in "tie")
    "i": pa.array([3, -1, None, 5, 4, None, -8, 0], pa.int64()),
    "tie": pa.array([2, 2, None, 7, 7, 1, 0, 0], pa.int64()),
    "i8": pa.array([1, -128, 127, 0, None, -1, 64, 3], pa.int8()),
    "i32": pa.array([7, -7, 0, None, 2147483647, -2147483648, 12, 1], pa.int32()),
    "f": pa.array([1.5, NAN, None, -2.0, NAN, None, 0.25, -0.5], pa.float64()),
    "nan": pa.array([NAN, NAN, NAN, None, None, None, NAN, 2.0], pa.float64()),
    "b": pa.array([1, 2, 3, 3, None, 1, 2, 2], pa.int64()),
    # no group of only null booleans: Polars' group_by gives and/or/xor's identity (true/false/false) for one,
    # its select a null (Polaroid: null for both, as for integers)
    "t": pa.array([True, False, None, True, True, True, False, False], pa.bool_()),
    "s": pa.array(["b", "a", None, "c", "c", None, "a", "z"], pa.string()),
}


def _aggregations(lib):
    i, f = lib.col("i"), lib.col("f")
    return [
        i.product().alias("i_prod"), f.product().alias("f_prod"), lib.col("i32").product().alias("i32_prod"),
        lib.col("t").product().alias("t_prod"),
        i.bitwise_and().alias("and"), i.bitwise_or().alias("or"), i.bitwise_xor().alias("xor"),
        lib.col("i8").bitwise_and().alias("i8_and"), lib.col("i32").bitwise_xor().alias("i32_xor"),
        lib.col("t").bitwise_or().alias("t_or"), lib.col("t").bitwise_and().alias("t_and"),
        lib.col("t").bitwise_xor().alias("t_xor"),
        i.arg_min().alias("i_amin"), i.arg_max().alias("i_amax"), f.arg_min().alias("f_amin"),
        f.arg_max().alias("f_amax"), lib.col("nan").arg_min().alias("nan_amin"),
        lib.col("nan").arg_max().alias("nan_amax"), lib.col("s").arg_max().alias("s_amax"),
        lib.col("t").arg_min().alias("t_amin"),
        i.approx_quantile(0.5).alias("i_aq"), f.approx_quantile(0.3).alias("f_aq"),
        lib.col("i32").approx_quantile(0.9).alias("i32_aq"), lib.col("nan").approx_quantile(1.0).alias("nan_aq"),
        (i * 2).product().alias("twice_prod"),
    ]


def _ties(lib):
    tie = lib.col("tie")
    return [tie.arg_min().alias("amin"), tie.arg_max().alias("amax")]


def _scalars(lib):
    out = []
    for c in ("i", "i8", "i32"):
        for fn in ("bitwise_count_ones", "bitwise_count_zeros", "bitwise_leading_ones", "bitwise_leading_zeros",
                   "bitwise_trailing_ones", "bitwise_trailing_zeros"):
            out.append(getattr(lib.col(c), fn)().alias("%s_%s" % (c, fn)))
    out += [lib.col("f").erf().alias("f_erf"), lib.col("i").erfc().alias("i_erfc"),
            lib.col("f").round_sig_figs(1).alias("f_r1"), lib.col("i").round_sig_figs(1).alias("i_r1"),
            lib.col("i32").round_sig_figs(2).alias("i32_r2")]
    return out


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_per_value_functions_give_polars_answer(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA, lambda l, t: t.select(_scalars(l)), what="rows")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_aggregations_over_the_frame_give_polars_answer(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA, lambda l, t: t.select(_aggregations(l)),
                     what="select")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_aggregations_of_an_empty_frame_give_polars_answer(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA,
                     lambda l, t: t.filter(l.col("g") > 100).select(_aggregations(l)), what="empty")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_aggregations_per_group_give_polars_answer(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA,
                     lambda l, t: t.group_by("g").agg(_aggregations(l)).sort("g"), what="group_by")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_ties_per_group_give_the_first_position(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA,
                     lambda l, t: t.group_by("g").agg(_ties(l)).sort("g"), what="ties")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_aggregations_broadcast_and_over_groups_give_polars_answer(cluster, backend_name):
    def build(l, t):
        i, f = l.col("i"), l.col("f")
        return t.with_columns(
            i.product().alias("prod"), f.arg_max().alias("amax"), i.bitwise_xor().alias("xor"),
            i.product().over("g").alias("prod_g"), f.arg_max().over("g").alias("amax_g"),
            i.arg_min().over("g").alias("amin_g"), i.bitwise_or().over("g").alias("or_g"),
            f.approx_quantile(0.5).over("g").alias("aq_g"), (i - i.approx_quantile(0.5)).alias("centred"))
    lazy_like_polars(backend_named(backend_name, cluster), DATA, build, what="with_columns")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_erf_is_polars_to_1e_12(cluster, backend_name):
    xs = [0.0, -0.0, 1e-300, -1e-12, 1e-5, 0.1, 0.5, 0.84375, 1.0, -1.0, 1.25, 2.0, 2.857, 3.5, 6.0, 6.5, 10.0,
          -10.0, 27.0, 30.0, float("inf"), float("-inf"), NAN, None]
    table = pa.table({"x": pa.array(xs, pa.float64())})
    expected = polars.from_arrow(table).select(polars.col("x").erf().alias("erf"), polars.col("x").erfc().alias("erfc"))
    actual = pl.from_arrow(table, backend=backend_named(backend_name, cluster)).select(
        pl.col("x").erf().alias("erf"), pl.col("x").erfc().alias("erfc")).collect().to_arrow()
    for name in ("erf", "erfc"):
        for x, a, e in zip(xs, actual.column(name).to_pylist(), expected[name].to_list()):
            if e is None or math.isnan(e):
                assert a is None if e is None else math.isnan(a), (name, x, a, e)
            else:
                assert a == e or math.isclose(a, e, rel_tol=1e-12, abs_tol=1e-300), (name, x, a, e)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_round_sig_figs_gives_polars_answer(cluster, backend_name):
    data = {"x": pa.array([0.0, 123.456, -0.00123456, 1e300, float("inf"), NAN, None, 2.5, 0.15, -2.5, 1234567.0,
                           -9.995, 5e-324], pa.float64()),
            "n8": pa.array([127, -128, 126, 99, -99, 0, None, 1, 12, 55, 64, -64, 3], pa.int8()),
            "n": pa.array([0, 15, -25, 123456, None, 9223372036854775807, -9223372036854775807, 1, 99, 999, 5, -5,
                           45], pa.int64()),
            "x32": pa.array([1.5, 2.0, None, 0.5, -3.25, 100.0, 0.0, 7.0, 1.0, 2.0, 3.0, 4.0, 5.0], pa.float32())}
    lazy_like_polars(backend_named(backend_name, cluster), data, lambda l, t: t.select(
        *[l.col(c).round_sig_figs(d).alias("%s_%d" % (c, d)) for c in ("x", "n", "n8", "x32") for d in (1, 2, 4, 17)]),
        what="round_sig_figs")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_series_methods_give_polars_answer(cluster, backend_name):
    backend = backend_named(backend_name, cluster)
    for fn in ("product", "bitwise_and", "bitwise_or", "bitwise_xor", "arg_min", "arg_max"):
        eager_like_polars(backend, DATA, lambda l, d: getattr(d["i"], fn)(), what=fn)
    eager_like_polars(backend, DATA, lambda l, d: d["f"].approx_quantile(0.5), what="approx_quantile")
    eager_like_polars(backend, DATA, lambda l, d: d["i8"].bitwise_count_ones(), what="bitwise_count_ones")
    eager_like_polars(backend, DATA, lambda l, d: d["f"].round_sig_figs(2), what="round_sig_figs")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_wrong_types_say_so(cluster, backend_name):
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend_name, cluster))
    for expr in (pl.col("f").bitwise_count_ones(), pl.col("f").bitwise_and(), pl.col("s").product()):
        with pytest.raises((pl.PolaroidError, TypeError)):
            frame.select(expr).collect()
    with pytest.raises(ValueError):
        pl.col("f").approx_quantile([0.1, 0.5])


ROUNDING = {"f": pa.array([2.675, 0.125, -0.5, 2.5, 1.005, None, NAN, -78.665, 0.49999999999999994], pa.float64()),
            "d": pa.array([decimal.Decimal(v) if v else None for v in ["0.5", "1.5", "2.5", "-2.5", "0.125", None, "-0.125",
                                                                        "9.995", "0"]], pa.decimal128(10, 3)),
            "i": pa.array([1, 2, 3, 4, 5, None, -6, 7, 8], pa.int64())}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("mode", ["half_to_even", "half_away_from_zero"])
def test_round_halves_as_polars(cluster, backend, mode):
    lazy_like_polars(backend_named(backend, cluster), ROUNDING, lambda lib, t: t.select(
        lib.col("f").round(0, mode=mode).alias("f0"), lib.col("f").round(2, mode=mode).alias("f2"),
        lib.col("d").round(0, mode=mode).alias("d0"), lib.col("d").round(2, mode=mode).alias("d2"),
        lib.col("d").round(5, mode=mode).alias("d5"), lib.col("i").round(1, mode=mode).alias("i1")), what=mode)


@pytest.mark.parametrize("backend", BACKENDS)
def test_round_default_mode_is_half_to_even_and_bad_modes_are_refused(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), ROUNDING,
                     lambda lib, t: t.select(lib.col("f").round(1), lib.col("d").round(1)))
    frame = pl.from_arrow(pa.table(ROUNDING), backend=backend_named(backend, cluster))
    with pytest.raises(pl.PolaroidError, match="half_to_even"):
        frame.select(pl.col("f").round(1, mode="half_up")).collect()


@pytest.mark.parametrize("backend", BACKENDS)
def test_integer_division_by_zero_is_null_as_polars(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), {"a": pa.array([7, -7, None, 0, 5], pa.int64()),
                                                       "b": pa.array([0, 0, 1, 0, -2], pa.int64())},
                     lambda lib, t: t.select((lib.col("a") // lib.col("b")).alias("q"), (lib.col("a") % lib.col("b")).alias("r"),
                                             (lib.col("a") // 0).alias("q0"), (lib.col("a") % 0).alias("r0")))


ZEROS = {"f": pa.array([1.0, NAN, None, -0.0, 0.0, 2.0, -0.0], pa.float64()), "i": pa.array(range(7), pa.int64())}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", ["group_by", "join", "is_in"])
def test_negative_zero_is_zero_as_a_key_as_polars(cluster, backend, case):
    build = {"group_by": lambda lib, t: t.group_by("f").agg(lib.col("i").sum()).sort("i"),
             "join": lambda lib, t: t.select("f").join(t.select("f", "i"), on="f").sort("i"),
             "is_in": lambda lib, t: t.select(lib.col("f").is_in([0.0, 2.0]))}[case]
    lazy_like_polars(backend_named(backend, cluster), ZEROS, build, what=case)  # -0.0 == 0.0 in the comparison


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sum_of_no_values_is_zero_and_count_skips_nulls_as_polars(cluster, backend):
    data = {"g": pa.array([1, 1, 2, 2], pa.int64()), "x": pa.array([None, None, 1.5, None], pa.float64()),
            "i": pa.array([None, None, 4, 5], pa.int64())}
    lazy_like_polars(backend_named(backend, cluster), data, lambda lib, t: t.group_by("g").agg(
        lib.col("x").sum(), lib.col("i").sum().alias("si"), lib.col("x").count().alias("n"), lib.len()).sort("g"))
    lazy_like_polars(backend_named(backend, cluster), data, lambda lib, t: t.filter(lib.col("g") > 5).select(
        lib.col("x").sum(), lib.col("i").sum().alias("si"), lib.col("x").count().alias("n")))
