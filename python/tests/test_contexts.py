"""Aggregations where Polars allows them, checked against Polars on both backends: inside filter and
with_columns (broadcast over the frame), mixed with columns in select, and with expressions around and
inside them."""
import math

import polars
import pytest

import polaroid as pl


def _cases(lib):
    price = lib.col("o_totalprice").cast(lib.Float64)
    key = lib.col("o_orderkey")
    return {
        "filter above the mean": lambda f: f.filter(price > price.mean()).select(key).sort("o_orderkey"),
        "with_columns share of the total": lambda f: f.with_columns((price / price.sum()).alias("share"))
        .select(key, lib.col("share")).sort("o_orderkey").head(20),
        "select a column and a maximum": lambda f: f.select(key, key.max().alias("top")).sort("o_orderkey").head(5),
        "expressions around aggregations": lambda f: f.select(price.sum().round(2).alias("total"),
                                                              (key * 2).mean().alias("twice"),
                                                              (0.2 * price.mean()).alias("fifth")),
        "aggregation of a filtered frame in a filter": lambda f: f.filter(key < 100)
        .filter(key >= key.max() - 50).select(key).sort("o_orderkey"),
        "count and len in with_columns": lambda f: f.filter(key < 40).with_columns(key.count().alias("n"))
        .select(key, lib.col("n")).sort("o_orderkey"),
        # Shared terms become named common subexpressions, which coordinator and workers must name alike.
        "aggregations sharing terms": lambda f: f.select(
            (price * 2).sum().alias("a"), (price * 2).mean().alias("b"), ((price * 2) + 1).max().alias("c"),
            (key * 3).sum().alias("d"), (key * 3).min().alias("e"), (key + price).max().alias("g"),
            (key + price).min().alias("h")),
    }


def _same(expected, actual, case):
    assert actual.column_names == expected.column_names, case
    assert actual.num_rows == expected.num_rows, case
    for name in expected.column_names:
        for e, a in zip(expected.column(name).to_pylist(), actual.column(name).to_pylist()):
            if isinstance(e, float) or isinstance(a, float):
                assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9), (case, name, e, a)
            else:
                assert a == e, (case, name, e, a)


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_aggregations_in_row_contexts_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _cases(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _cases(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))


def _grouped(lib):
    key = lib.col("o_orderstatus")
    return {
        "group_by len": lambda f: f.group_by("o_orderstatus").len().sort("o_orderstatus"),
        "group_by sum of every other column": lambda f: f.select(key, lib.col("o_orderkey"), lib.col("o_custkey"))
        .group_by("o_orderstatus").sum().sort("o_orderstatus"),
        "group_by max": lambda f: f.select(key, lib.col("o_orderkey")).group_by("o_orderstatus").max().sort("o_orderstatus"),
        "module aggregations": lambda f: f.select(lib.sum("o_orderkey"), lib.max("o_custkey"), lib.n_unique("o_orderstatus")),
        "coalesce and concat_str take column names": lambda f: f.filter(lib.col("o_orderkey") < 50).select(
            lib.coalesce("o_comment", "o_orderstatus").alias("c"),
            lib.concat_str("o_orderstatus", "o_orderpriority", separator="/").alias("s")).sort("c"),
    }


@pytest.mark.parametrize("case", list(_grouped(pl)))
def test_polars_shorthands_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _grouped(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _grouped(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))


def _windows(lib):
    key = lib.col("o_orderkey")
    price = lib.col("o_totalprice").cast(lib.Float64)
    return {
        "minimum per group in a filter (PDS-H q2's shape)": lambda f: f.filter(price == price.min().over("o_custkey"))
        .select(key, lib.col("o_custkey")).sort("o_orderkey").head(50),
        "a fraction of the group's mean (q17's shape)": lambda f: f.with_columns(
            (0.2 * price.mean()).over("o_custkey").alias("fifth")).select(key, lib.col("fifth")).sort("o_orderkey").head(50),
        "count, len and n_unique over two keys": lambda f: f.select(
            key, lib.len().over("o_orderstatus", "o_orderpriority").alias("rows"),
            lib.col("o_custkey").n_unique().over(lib.col("o_orderstatus")).alias("customers"),
            key.count().over("o_orderpriority").alias("keys")).sort("o_orderkey").head(50),
        "an elementwise window is the expression itself": lambda f: f.select(key, (key * 2).over("o_custkey").alias("k2"))
        .sort("o_orderkey").head(20),
        "a window and a whole-frame aggregation in one expression": lambda f: f.select(
            key, (price.sum().over("o_orderstatus") / price.sum()).alias("share")).sort("o_orderkey").head(20),
    }


@pytest.mark.parametrize("case", list(_windows(pl)))
def test_window_aggregations_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _windows(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    assert expected.num_rows > 0
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _windows(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))


def test_a_window_with_null_keys_treats_null_as_a_group(cluster):
    import pyarrow as pa
    table = pa.table({"k": pa.array([1, None, 1, None, 2], pa.int64()), "v": pa.array([1, 2, 3, 4, 5], pa.int64())})
    expected = polars.from_arrow(table).lazy().select(
        polars.col("v"), polars.col("v").sum().over("k").alias("s")).sort("v").collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = pl.from_arrow(table, backend=backend).select(
            pl.col("v"), pl.col("v").sum().over("k").alias("s")).sort("v").collect().to_arrow()
        _same(expected, actual, "null keys on %s" % backend)


def _forms(lib):
    return {
        "several columns in one col()": lambda f: f.group_by("o_orderstatus").agg(lib.col("o_orderkey", "o_custkey").max())
        .sort("o_orderstatus"),
        "a list of columns with an operator and a name suffix": lambda f: f.select(
            (lib.col(["o_orderkey", "o_custkey"]) * 2).name.suffix("_x")).sort("o_orderkey_x").head(5),
        "keyword forms": lambda f: f.filter(o_orderstatus="F").group_by("o_orderpriority")
        .agg(n=lib.len(), top=lib.col("o_custkey").max()).with_columns(twice=lib.col("n") * 2).select("o_orderpriority", "n", "twice")
        .sort("o_orderpriority"),
        "a filter inside an aggregation": lambda f: f.group_by("o_orderstatus").agg(
            lib.col("o_totalprice").cast(lib.Float64).filter(lib.col("o_orderpriority") == "1-URGENT").sum().alias("urgent"),
            lib.col("o_orderkey").filter(lib.col("o_custkey") < 500).count().alias("small")).sort("o_orderstatus"),
        "name.keep and prefix": lambda f: f.select(lib.col("o_orderkey").max().name.prefix("max_"),
                                                   (lib.col("o_custkey") + 1).min().name.keep()),
    }


@pytest.mark.parametrize("case", list(_forms(pl)))
def test_polars_expression_forms_give_polars_answer(cluster, tpch, case):
    path = str(tpch[0] / "orders.parquet")
    expected = _forms(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = _forms(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        _same(expected, actual, "%s on %s" % (case, backend))


NUMBERS = {"i": [4, -1, None, 0, 27, 10], "f": [2.5, -0.0, None, float("nan"), float("inf"), -8.0]}


def _numbers(lib):
    i, f = lib.col("i"), lib.col("f")
    return [
        i.sqrt().alias("sqrt_i"), f.sqrt().alias("sqrt_f"), i.cbrt().alias("cbrt_i"), f.exp().alias("exp_f"),
        i.log().alias("ln_i"), f.log(2).alias("log2_f"), i.log10().alias("log10_i"), f.log1p().alias("log1p_f"),
        f.sin().alias("sin"), i.cos().alias("cos"), f.tan().alias("tan"), f.floor().alias("floor_f"),
        i.floor().alias("floor_i"), f.ceil().alias("ceil_f"), i.sign().alias("sign_i"), f.sign().alias("sign_f"),
        i.pow(2).alias("pow_ii"), (f ** 2).alias("pow_ff"), i.pow(0.5).alias("pow_if"), i.clip(0, 10).alias("clip_i"),
        f.clip(-1.0, None).alias("clip_f"), f.is_nan().alias("nan"), f.is_not_nan().alias("not_nan"),
        f.is_finite().alias("finite"), f.is_infinite().alias("inf"), i.is_nan().alias("nan_i"),
    ]


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b or math.isclose(a, b, rel_tol=1e-12)
    return a == b


def _logical(arrow_type):
    """Polars' String travels as large_string or string_view, Polaroid's as string: one logical type. Polaroid
    has no unsigned integers yet: Polars' counts (u32) are its i64 (a known difference, in the issue notes)."""
    import pyarrow as pa
    if arrow_type in (pa.large_string(), pa.string_view()):
        return pa.string()
    return pa.int64() if arrow_type == pa.uint32() else arrow_type


def _select_like_polars(cluster, data: dict, build, equal):
    """build(lib) selected over ``data`` on both backends: Polars' columns, dtypes and values (by ``equal``)."""
    import pyarrow as pa
    table = pa.table(data)
    expected = polars.from_arrow(table).select(build(polars)).to_arrow()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = pl.from_arrow(table, backend=backend).select(build(pl)).collect().to_arrow()
        assert actual.column_names == expected.column_names
        for name in expected.column_names:
            assert _logical(actual.schema.field(name).type) == _logical(expected.schema.field(name).type), (name, backend)
            e, a = expected.column(name).to_pylist(), actual.column(name).to_pylist()
            assert all(equal(x, y) for x, y in zip(a, e)), (name, backend, e, a)


def test_number_functions_give_polars_answers_and_types(cluster):
    _select_like_polars(cluster, NUMBERS, _numbers, _close)

WORDS = {"s": ["abcab", None, "ÄbÄ", "-12", "", "xx yy", " pad me "]}


def _strings(lib):
    s = lib.col("s")
    return [
        s.str.replace("b", "X").alias("first"), s.str.replace_all("b", "X").alias("all"),
        s.str.replace("a(b)", "[$1]").alias("group"), s.str.replace(".", "!", literal=True).alias("literal"),
        s.str.replace_all("$", "€", literal=True).alias("dollar"), s.str.reverse().alias("rev"),
        s.str.pad_start(6, "*").alias("lpad"), s.str.pad_end(4).alias("rpad"), s.str.zfill(5).alias("z"),
        s.str.head(2).alias("h"), s.str.head(-2).alias("hn"), s.str.tail(2).alias("t"), s.str.tail(-1).alias("tn"),
        s.str.strip_chars_start().alias("ls"), s.str.strip_chars_end(" e").alias("re"),
        s.str.strip_chars_start("a-").alias("la"),
    ]


def test_string_functions_give_polars_answers(cluster):
    _select_like_polars(cluster, WORDS, _strings, lambda a, b: a == b)


ANGLES = {"x": [0.5, -0.25, None, 1.0, 2.0, 0.0], "b": [True, None, False, True, None, False],
          "k": [1, 2, None, 1, None, 3]}


def _trigonometry(lib):
    x = lib.col("x")
    return [getattr(x, name)().alias(name) for name in
            ("cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "degrees",
             "radians")]


def test_trigonometry_gives_polars_answers(cluster):
    _select_like_polars(cluster, ANGLES, _trigonometry, _close)


def _compositions(lib):
    x, b, k = lib.col("x"), lib.col("b"), lib.col("k")
    return [
        b.any().alias("any"), b.all().alias("all"), x.null_count().alias("nulls"), k.has_nulls().alias("has"),
        x.dot(k).alias("dot"), (x / 0.0).fill_nan(-1.0).max().alias("nan_filled"),
    ]


def _row_compositions(lib):
    x, b, k = lib.col("x"), lib.col("b"), lib.col("k")
    return [k.is_unique().alias("u"), k.is_duplicated().alias("d"), k.eq_missing(1).alias("eqm"),
            k.ne_missing(1).alias("nem"), b.xor(k == 1).alias("x"), x.pipe(lambda e: e * 2).alias("p")]


def test_polars_compositions_give_polars_answers(cluster):
    _select_like_polars(cluster, ANGLES, _compositions, _close)


def test_polars_row_compositions_give_polars_answers(cluster):
    _select_like_polars(cluster, ANGLES, _row_compositions, _close)


ROWS = {"a": [1, None, None, 4], "b": [2, 3, None, 1], "c": [True, None, False, None], "d": [False, None, None, True]}


def _horizontal(lib):
    return [lib.sum_horizontal("a", "b").alias("s"), lib.max_horizontal("a", lib.col("b")).alias("mx"),
            lib.min_horizontal(["a", "b"]).alias("mn"), lib.mean_horizontal("a", "b").alias("me"),
            lib.all_horizontal("c", "d").alias("al"), lib.any_horizontal("c", "d").alias("an")]


def test_horizontal_functions_give_polars_answers(cluster):
    _select_like_polars(cluster, ROWS, _horizontal, _close)


def test_frames_from_python_data_like_polars():
    rows = [{"a": 1, "b": "x"}, {"a": None, "b": "y"}]
    assert pl.from_dicts(rows).rows() == polars.from_dicts(rows).rows()
    assert pl.from_dict({"a": [1, 2]}).rows() == polars.from_dict({"a": [1, 2]}).rows()
