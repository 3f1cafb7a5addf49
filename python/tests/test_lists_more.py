"""More of the list namespace (all, any, arg_max, arg_min, count_matches, diff, drop_nulls, gather,
gather_every, item, median, std, var, shift, the set operations, concat) and ``pl.concat_list``, checked
against Polars on both backends: values, nulls (a null list, an empty list, null values in a list),
NaN and dtypes (Polars' u32 positions and counts are Int64 here)."""
import math

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, close, logical

NAN = math.nan
DATA = {
    "a": pa.array([[1, None, 3, 3], [], None, [2, 2], [None], [5, 1, 4], [1, 2]], pa.list_(pa.int64())),
    "b": pa.array([[3, 4, None], None, [1], [], [None, None], [4, 4, 6], [2, 1]], pa.list_(pa.int64())),
    "f": pa.array([[1.0, NAN, None, 2.0], [], None, [3.0], [None], [NAN, 5.0], [1.5, 2.5, -1.0]], pa.list_(pa.float64())),
    "t": pa.array([[True, None], [], None, [False, True], [None], [True], [False, False]], pa.list_(pa.bool_())),
    "s": pa.array([["b", "a", None, "b"], [], None, ["a"], [None], ["c", "c"], ["x", "y"]], pa.list_(pa.string())),
    "i": pa.array([[0, None, -1], None, [0], [5], [0], [-1, 0], [1, 1]], pa.list_(pa.int64())),
    "x": pa.array([1, 2, None, 4, 5, 6, 7], pa.int64()),
    "g": pa.array([[1], [], None, [None], [4], [5], [6]], pa.list_(pa.int64())),
}
F32 = {"h": pa.array([[1.5, 2.5, 4.0], [], None, [2.0]], pa.list_(pa.float32())),
       "n": pa.array([[1, 5, 2], [], None, [7]], pa.list_(pa.int32()))}



def _close(a, b) -> bool:
    """parity.close, into lists (NaN in a list equals NaN)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return close(a, b)


def same_table(actual: pa.Table, expected: pa.Table, what):
    assert actual.column_names == expected.column_names, (what, actual.column_names, expected.column_names)
    for name in expected.column_names:
        assert logical(actual.schema.field(name).type) == logical(expected.schema.field(name).type), \
            (what, name, actual.schema.field(name).type, expected.schema.field(name).type)
    rows_a, rows_e = actual.to_pylist(), expected.to_pylist()
    assert len(rows_a) == len(rows_e), (what, rows_a, rows_e)
    for ra, re_ in zip(rows_a, rows_e):
        assert all(_close(ra[k], re_[k]) for k in re_), (what, ra, re_)


def lazy_like_polars(backend, data: dict, build, what=""):
    """parity.lazy_like_polars with NaN compared inside lists."""
    table = pa.table(data)
    expected = build(polars, polars.from_arrow(table).lazy()).collect().to_arrow()
    actual = build(pl, pl.from_arrow(table, backend=backend)).collect().to_arrow()
    same_table(actual, expected, (what, backend))


CASES = {
    "all and any, nulls ignored or not": lambda lib, t: t.select(
        lib.col("t").list.all().alias("all"), lib.col("t").list.any().alias("any"),
        lib.col("t").list.all(ignore_nulls=False).alias("all_n"), lib.col("t").list.any(ignore_nulls=False).alias("any_n")),
    "arg_max and arg_min of numbers, NaN, strings and booleans": lambda lib, t: t.select(
        *[getattr(lib.col(c).list, f)().alias(c + f) for c in "afst" for f in ("arg_max", "arg_min")]),
    "count_matches of a value, of null and of NaN": lambda lib, t: t.select(
        lib.col("a").list.count_matches(3).alias("c3"), lib.col("a").list.count_matches(None).alias("cn"),
        lib.col("f").list.count_matches(NAN).alias("cnan"), lib.col("s").list.count_matches("b").alias("cb"),
        lib.col("f").list.count_matches(2).alias("c2")),
    "diff forward, backward and dropping the first": lambda lib, t: t.select(
        lib.col("a").list.diff().alias("d"), lib.col("a").list.diff(2).alias("d2"), lib.col("a").list.diff(-1).alias("dm"),
        lib.col("a").list.diff(null_behavior="drop").alias("dd"), lib.col("a").list.diff(0).alias("d0"),
        lib.col("f").list.diff().alias("fd")),
    "drop_nulls, shift and gather_every": lambda lib, t: t.select(
        lib.col("a").list.drop_nulls().alias("dn"), lib.col("a").list.shift().alias("s"),
        lib.col("a").list.shift(-2).alias("s2"), lib.col("a").list.shift(0).alias("s0"),
        lib.col("a").list.shift(10).alias("s10"), lib.col("s").list.gather_every(2).alias("ge"),
        lib.col("a").list.gather_every(2, 1).alias("ge1")),
    "gather by a list column and by a Python list": lambda lib, t: t.select(
        lib.col("a").list.gather(lib.col("i"), null_on_oob=True).alias("g"),
        lib.col("a").list.gather([0, -1], null_on_oob=True).alias("gl")),
    "median, std and var": lambda lib, t: t.select(
        lib.col("a").list.median().alias("am"), lib.col("a").list.std().alias("as"),
        lib.col("a").list.var(ddof=0).alias("av"), lib.col("f").list.median().alias("fm"),
        lib.col("f").list.std().alias("fs"), lib.col("f").list.var(2).alias("fv"), lib.col("t").list.median().alias("tm"),
        lib.col("t").list.std().alias("ts")),
    "item of lists of one, empty allowed": lambda lib, t: t.select(
        lib.col("g").list.item(allow_empty=True).alias("i"), lib.col("g").list.drop_nulls().list.item(allow_empty=True)),
    "set operations of two list columns": lambda lib, t: t.select(
        lib.col("a").list.set_union(lib.col("b")).alias("u"), lib.col("a").list.set_intersection("b").alias("i"),
        lib.col("a").list.set_difference(lib.col("b")).alias("d"),
        lib.col("a").list.set_symmetric_difference(lib.col("b")).alias("sd"),
        lib.col("s").list.set_union(lib.col("s").list.reverse()).alias("su")),
    "set operations with a Python list": lambda lib, t: t.select(
        lib.col("a").list.set_union([1, 9]).alias("u"), lib.col("a").list.set_difference([3, None]).alias("d"),
        lib.col("s").list.set_intersection(["a", "c"]).alias("i")),
    "concat and concat_list": lambda lib, t: t.select(
        lib.col("a").list.concat(lib.col("b")).alias("c"), lib.col("a").list.concat([lib.col("b"), "x"]).alias("c3"),
        lib.col("a").list.concat([7]).alias("c7"), lib.concat_list("a", "b").alias("cl"),
        lib.concat_list("x", "x").alias("xx"), lib.concat_list(["a", lib.col("x") * 2]).alias("ax"),
        lib.concat_list(lib.col("x")).alias("x1"), lib.concat_list("s", lib.lit("z")).alias("sz")),
    "list functions after a group_by": lambda lib, t: t.with_columns(k=lib.col("x") % 2).group_by("k").agg(
        lib.col("x")).sort("k").select(
        "k", lib.col("x").list.median().alias("m"), lib.col("x").list.arg_max().alias("am"),
        lib.col("x").list.shift().list.drop_nulls().alias("sh"), lib.col("x").list.std().alias("sd")),
    "eval and filter of element-wise expressions of pl.element()": lambda lib, t: t.select(
        lib.col("a").list.eval(lib.element() * 2).alias("x2"), lib.col("a").list.eval(lib.element().is_null()).alias("n"),
        lib.col("a").list.filter(lib.element() > 2).alias("f"), lib.col("a").list.filter(lib.element().is_null()).alias("fn"),
        lib.col("s").list.eval(lib.element().str.to_uppercase()).alias("up"),
        lib.col("f").list.filter(lib.element().is_between(1, 3)).alias("fb"),
        lib.col("a").list.eval(lib.when(lib.element() > 2).then(lib.element()).otherwise(-1)).alias("w"),
        lib.col("a").list.eval(lib.element().cast(lib.Float64) / 2).list.sum().alias("half")),
    "eval after a group_by and in a filter": lambda lib, t: t.with_columns(k=lib.col("x") % 3).group_by("k").agg(
        lib.col("x")).sort("k").filter(lib.col("x").list.filter(lib.element() > 4).list.len() > 0).select(
        "k", lib.col("x").list.eval(lib.element() + lib.lit(1)).alias("y")),
    "agg: aggregations of element-wise expressions are one value per list, element-wise ones a list": lambda lib, t:
    t.select(lib.col("a").list.agg(lib.element().sum()).alias("sum"), lib.col("f").list.agg(lib.element().mean()).alias("m"),
             lib.col("a").list.agg((lib.element() * 2).max()).alias("mx"), lib.col("f").list.agg(lib.element().std()),
             lib.col("a").list.agg(lib.element().median()).alias("md"), lib.col("s").list.agg(lib.element().first()),
             lib.col("a").list.agg(lib.element() + 1).alias("p1")),
    "a filter on a list function": lambda lib, t: t.filter(lib.col("a").list.count_matches(2) > 0).select("x"),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_list_functions_as_polars(cluster, backend, case):
    lazy_like_polars(backend_named(backend, cluster), DATA, CASES[case], what=case)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_f32_statistics_stay_f32_and_i32_lists_meet_literals(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), F32, lambda lib, t: t.select(
        lib.col("h").list.median().alias("m"), lib.col("h").list.std().alias("s"), lib.col("h").list.diff().alias("d"),
        lib.col("n").list.diff().alias("nd"), lib.col("n").list.concat([lib.lit(1)]).alias("c"),
        lib.col("n").list.arg_min().alias("am")))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("build, message", [
    (lambda lib: lib.col("a").list.item(), "list.item"),
    (lambda lib: lib.col("a").list.gather([5]), "out of bounds"),
])
def test_failures_name_the_function(cluster, backend, build, message):
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend, cluster))
    with pytest.raises(pl.PolaroidError, match=message):
        frame.select(build(pl)).collect()
    with pytest.raises(polars.exceptions.PolarsError):
        polars.from_arrow(pa.table(DATA)).select(build(polars))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("inner", [lambda lib: lib.element().sum(), lambda lib: lib.element().cum_sum(),
                                   lambda lib: lib.element().rank()])
def test_eval_refuses_what_is_not_element_wise(cluster, backend, inner):
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend, cluster))
    with pytest.raises(pl.PolaroidError, match="element-wise"):
        frame.select(pl.col("a").list.eval(inner(pl))).collect()


def test_series_list_namespace_as_polars():
    values = [[1, None, 3, 3], [], None, [2, 2], [5, 1, 4]]
    s, ps = pl.Series("a", values), polars.Series("a", values)
    for name, args in [("median", ()), ("std", ()), ("arg_max", ()), ("drop_nulls", ()), ("shift", (1,)),
                       ("diff", ()), ("count_matches", (2,)), ("set_union", ([9],)), ("gather_every", (2,)),
                       ("eval", (lambda lib: lib.element() * 3,)), ("filter", (lambda lib: lib.element() != 2,))]:
        actual = getattr(s.list, name)(*[a(pl) if callable(a) else a for a in args])
        expected = getattr(ps.list, name)(*[a(polars) if callable(a) else a for a in args])
        same_table(pa.table({"v": actual.to_arrow()}), pa.table({"v": expected.to_arrow()}), name)


def test_list_names_polars_has_and_polaroid_lacks_stay_missing():
    for name in ("to_struct", "to_array", "to_map"):
        assert hasattr(polars.col("a").list, name)
        with pytest.raises(AttributeError):
            getattr(pl.col("a").list, name)
