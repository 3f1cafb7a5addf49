"""Lists (Polars' List type) checked against Polars on both backends: making them (a bare column or
``implode`` in an aggregation, ``str.split``), the ``list`` namespace, and ``explode`` with Polars 2's
rules for empty and null lists. Values, row order and dtypes are compared (Polars' u32 lengths and
counts are Int32 in Polaroid, as ``str.len_chars``)."""
import math

import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from parity import scans_like_polars


@pytest.fixture(scope="module")
def frame(tpch):
    """Keys with nulls, values with nulls, strings with separators, empty strings and nulls, in a row
    order that is not sorted; under the cluster's data root."""
    path = tpch[0] / "lists" / "frame.parquet"
    path.parent.mkdir(exist_ok=True)
    n = 300
    pq.write_table(pa.table({
        "id": pa.array([(i * 37) % n for i in range(n)], pa.int64()),
        "k": pa.array([None if i % 11 == 0 else "k%d" % (i % 5) for i in range(n)], pa.string()),
        "x": pa.array([None if i % 7 == 0 else (i * 13) % 17 for i in range(n)], pa.int64()),
        "f": pa.array([None if i % 9 == 0 else ((i * 7) % 23) / 4 for i in range(n)], pa.float64()),
        "s": pa.array([None if i % 13 == 0 else "" if i % 17 == 0 else ",".join("w%d" % (j % 4) for j in range(i % 4))
                       for i in range(n)], pa.string()),
    }), path)
    return str(path)


def _cases(lib):
    x, f, s, k, i = lib.col("x"), lib.col("f"), lib.col("s"), lib.col("k"), lib.col("id")

    def groups(t):
        return t.group_by("k", maintain_order=True).agg(x, f, i, s.alias("ss"))

    return {
        "a bare column in an aggregation is each group's list in row order": groups,
        "implode beside other aggregations, and of an expression": lambda t: t.group_by("k").agg(
            (x * 2).implode().alias("x2"), x.sum().alias("sum"), s.implode()).sort("k"),
        "implode in a select is one list": lambda t: t.select(i.implode(), s.implode().alias("all")),
        "explode gives back the rows of the groups": lambda t: groups(t).explode("x", "f", "id", "ss"),
        "str.split keeps empty parts; a null string is a null list": lambda t: t.select(
            "id", s.str.split(",").alias("parts"), s.str.split("").alias("chars")),
        "len, get, first and last": lambda t: groups(t).select(
            "k", x.list.len().alias("n"), x.list.get(0).alias("g0"), x.list.get(-2).alias("gm2"),
            x.list.get(1000, null_on_oob=True).alias("oob"), f.list.first().alias("ff"), lib.col("ss").list.last()),
        "contains, sum, min, max and mean": lambda t: groups(t).select(
            "k", x.list.contains(3).alias("c3"), x.list.sum().alias("xs"), f.list.sum().alias("fs"),
            x.list.min().alias("mn"), lib.col("ss").list.max().alias("mx"), f.list.mean().alias("m")),
        "join, unique, n_unique, sort and reverse": lambda t: groups(t).select(
            "k", lib.col("ss").list.join("|").alias("j"), x.list.unique().list.sort().alias("u"),
            x.list.n_unique().alias("nu"), f.list.sort(descending=True).alias("down"),
            x.list.sort(nulls_last=True).alias("up"), i.list.reverse().alias("r")),
        "slice, head and tail": lambda t: groups(t).select(
            "k", i.list.slice(2, 3).alias("a"), i.list.slice(-4).alias("b"), i.list.head(2).alias("h"),
            i.list.tail(3).alias("t"), i.list.head().alias("h5")),
        "list functions of split strings": lambda t: t.select(
            "id", s.str.split(",").list.len().alias("n"), s.str.split(",").list.join("+").alias("j"),
            s.str.split(",").list.contains("w1").alias("c")),
        "an empty list explodes to no row, a null list to a null row": lambda t: t.select(
            "id", s.str.split(",").list.slice(1).alias("p")).explode("p"),
        "empty_as_null and keep_nulls": lambda t: t.select(
            "id", s.str.split(",").list.slice(1).alias("p"), s.str.split(",").list.slice(2).alias("q"))
        .explode("p", empty_as_null=True, keep_nulls=False).explode("q", empty_as_null=True),
        "exploded values feed a filter and a group_by": lambda t: groups(t).explode("x").filter(x > 5)
        .group_by("k").agg(x.sum()).sort("k"),
        "implode in with_columns is the whole column on every row": lambda t: t.with_columns(
            x.implode().alias("all")).select("id", "all").head(3),
        "list functions around implode in an aggregation": lambda t: t.group_by("k").agg(
            x.implode().list.sum().alias("s"), x.implode().list.len().alias("n")).sort("k"),
        "a filter on a list function": lambda t: groups(t).filter(x.list.len() > 55),
    }


def _arrow_type(t):
    """Polars' u32 lengths and counts are Int32 in Polaroid; string and list widths do not matter."""
    if pa.types.is_unsigned_integer(t):
        return pa.int32()
    if t in (pa.string(), pa.large_string()):
        return pa.string()
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return pa.list_(_arrow_type(t.value_type))
    return t


def _same_value(e, a):
    if isinstance(e, float) and isinstance(a, float):
        return (math.isnan(e) and math.isnan(a)) or math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(e, list) and isinstance(a, list):
        return len(e) == len(a) and all(_same_value(x, y) for x, y in zip(e, a))
    return a == e


def _same(expected: pa.Table, actual: pa.Table, case):
    assert actual.column_names == expected.column_names, case
    assert actual.num_rows == expected.num_rows, case
    for name in expected.column_names:
        e_type, a_type = expected.schema.field(name).type, actual.schema.field(name).type
        assert _arrow_type(a_type) == _arrow_type(e_type), (case, name, e_type, a_type)
        for row, (e, a) in enumerate(zip(expected.column(name).to_pylist(), actual.column(name).to_pylist())):
            assert _same_value(e, a), (case, name, row, e, a)


@pytest.mark.parametrize("case", list(_cases(pl)))
def test_lists_give_polars_answer(cluster, frame, case):
    scans_like_polars(_cases, case, cluster, frame, lambda actual, expected, what: _same(expected, actual, what))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_exploding_a_column_that_is_not_a_list_names_it_and_its_type(cluster, frame, backend):
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    with pytest.raises(pl.PolaroidError, match=r"explode: column 's' is of type (str|string), not a list") as e:
        pl.scan_parquet(frame, backend=chosen).explode("s").collect()
    # the distributed backend reports the gRPC status a type mismatch maps to, as for other user errors
    assert e.value.code == ("INVALID_ARGUMENT" if backend == "distributed" else "TYPE_MISMATCH")


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_list_get_out_of_bounds_fails_unless_asked_for_null(cluster, frame, backend):
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    lists = pl.scan_parquet(frame, backend=chosen).group_by("k").agg(pl.col("x"))
    with pytest.raises(pl.PolaroidError, match="out of bounds"):
        lists.select(pl.col("x").list.get(1000)).collect()


def test_series_list_namespace_and_eager_explode_as_polars():
    values = [[1, None, 3], [], None, [2, 2]]
    s, ps = pl.Series("a", values), polars.Series("a", values)
    assert s.list.len().to_list() == ps.list.len().to_list()
    assert s.list.sum().to_list() == ps.list.sum().to_list()
    assert s.list.get(0, null_on_oob=True).to_list() == ps.list.get(0, null_on_oob=True).to_list()
    df = pl.from_dict({"a": values, "b": [1, 2, 3, 4]})
    pdf = polars.DataFrame({"a": values, "b": [1, 2, 3, 4]})
    assert df.explode("a").to_dict(as_series=False) == pdf.explode("a").to_dict(as_series=False)
    assert pl.List(pl.Int64) == pl.List(pl.Int64) and pl.List(pl.Int64) != pl.List(pl.String)




@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_list_columns_of_local_data_go_to_the_backend_and_back(cluster, backend):
    """In-memory lists travel to the cluster as Arrow IPC and come back over Flight."""
    chosen = pl.DistributedBackend(cluster.url) if backend == "distributed" else pl.PortableBackend()
    table = pa.table({"a": pa.array([[1, None, 3], [], None, [2, 2]], pa.list_(pa.int64())),
                      "w": pa.array([["x", "y"], None, [""], []], pa.list_(pa.string())), "b": [1, 2, 3, 4]})
    expected = polars.from_arrow(table).lazy().select(
        "a", "w", polars.col("a").list.sum().alias("s"), polars.col("w").list.join(",").alias("j"),
        polars.col("b").implode().alias("bs")).collect().to_arrow()
    actual = pl.from_arrow(table, backend=chosen).select(
        "a", "w", pl.col("a").list.sum().alias("s"), pl.col("w").list.join(",").alias("j"),
        pl.col("b").implode().alias("bs")).collect().to_arrow()
    _same(expected, actual, "in-memory lists on %s" % backend)



def test_polars_frames_with_large_lists_reach_the_cluster(cluster):
    """Polars' to_arrow makes large lists of large strings; they are sent as plain lists."""
    frame = polars.DataFrame({"a": [[1, None], [], None], "w": [["x"], None, ["", "y"]]})
    actual = pl.from_arrow(frame.to_arrow(), backend=pl.DistributedBackend(cluster.url)).select(
        pl.col("a").list.len().alias("n"), pl.col("w").list.join("+").alias("j")).collect().to_arrow()
    expected = frame.lazy().select(polars.col("a").list.len().alias("n"),
                                   polars.col("w").list.join("+").alias("j")).collect().to_arrow()
    _same(expected, actual, "Polars' large lists on the cluster")


def test_large_lists_sent_as_ipc_bytes_are_refused_by_the_cluster_naming_the_column(cluster):
    """The engine itself does not convert large lists: plain Arrow IPC with one names the column."""
    import base64
    table = pa.table({"b": [1, 2], "a": pa.array([[1], []], pa.large_list(pa.int64()))})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    frame = pl.LazyFrame({"inMemory": {"arrowIpc": base64.b64encode(sink.getvalue().to_pybytes()).decode("ascii")}},
                         pl.DistributedBackend(cluster.url))
    with pytest.raises(pl.PolaroidError, match="column 'a'"):
        frame.collect()
