"""LazyFrame and DataFrame names added for parity with Polars, each run through Polars and through
Polaroid on both backends: columns, types and values (rows sorted where Polars leaves the order open)."""
import datetime as dt

import polars
import pytest

import polaroid as pl
from parity import backend_named, eager_like_polars, lazy_like_polars

BACKENDS = ["distributed", "portable"]
NAN = float("nan")
DATA = {"i": [1, 2, None, 4], "j": [3, None, 5, 5], "f": [1.5, NAN, None, -2.0], "s": ["a", None, "b", "a"]}

LAZY = {
    "pl.all().sum() without strings": (lambda l, f: f.select(l.all().exclude("s", "f").sum()), False),
    "col by dtype and by pattern": (lambda l, f: f.select(l.col(l.Int64).max().name.prefix("max_"),
                                                          l.col("^[ij]$").count().name.suffix("_n")), False),
    "pl.first, pl.last, pl.nth": (lambda l, f: f.select(l.first(), l.last().alias("L"), l.nth(1).alias("N")), False),
    "pl.exclude by dtype": (lambda l, f: f.select(l.exclude(l.Float64)), False),
    "pl.all in agg leaves the keys out": (lambda l, f: f.group_by("s").agg(l.all().count()), True),
    "pl.all and pl.any of names": (lambda l, f: f.with_columns(b=l.col("i") > 1).select(
        l.all("b").alias("every"), l.any("b").alias("some")), False),
    "cast by name and by dtype": (lambda l, f: f.cast({"i": l.Float64, l.String: l.String}), False),
    "cast everything": (lambda l, f: f.select("i", "j").cast(l.Float64), False),
    "fill_null with a number": (lambda l, f: f.fill_null(0), False),
    "fill_null with a string": (lambda l, f: f.fill_null("z"), False),
    "fill_null max strategy": (lambda l, f: f.select("i", "j", "s").fill_null(strategy="max"), False),
    "fill_null mean strategy keeps the type": (lambda l, f: f.select("i", "j").fill_null(strategy="mean"), False),
    "fill_null one strategy": (lambda l, f: f.select("i", "f").fill_null(strategy="one"), False),
    "fill_nan": (lambda l, f: f.fill_nan(0.0), False),
    "drop_nans": (lambda l, f: f.drop_nans(), False),
    "drop_nans on a subset": (lambda l, f: f.drop_nans("f"), False),
    "remove keeps null rows": (lambda l, f: f.remove(l.col("j") == 5), False),
    "remove with two predicates and a constraint": (lambda l, f: f.remove(l.col("j") == 5, s="a"), False),
    "select_seq and with_columns_seq": (lambda l, f: f.with_columns_seq(k=l.col("i") * 2).select_seq("k", "s"), False),
    "rename by a function": (lambda l, f: f.rename(lambda n: n.upper()), False),
    "rename not strict": (lambda l, f: f.rename({"i": "x", "zz": "y"}, strict=False), False),
    "unpivot": (lambda l, f: f.unpivot(["i", "j"], index="s"), True),
    "unpivot mixed types": (lambda l, f: f.unpivot(["i", "f"], index="s", variable_name="v", value_name="w"), True),
    "unpivot every other column": (lambda l, f: f.select("i", "j", "s").unpivot(index="s"), True),
    "clear": (lambda l, f: f.clear(), False),
    "clear with null rows": (lambda l, f: f.clear(2), False),
    "pipe, cache and set_sorted": (lambda l, f: f.pipe(lambda x, n: x.head(n), 2).cache().set_sorted("i"), False),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_schema_properties_like_polars(cluster, backend_name):
    ours, theirs = pl.from_arrow(pa_table(), backend=backend_named(backend_name, cluster)), polars.from_arrow(pa_table())
    assert ours.columns == theirs.lazy().collect_schema().names() == ours.schema.names()
    assert ours.width == theirs.width
    assert [repr(t) for t in ours.dtypes] == [repr(t) for t in theirs.dtypes]


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(LAZY))
def test_lazy_frame_methods_like_polars(cluster, backend_name, case):
    build, sort = LAZY[case]
    lazy_like_polars(backend_named(backend_name, cluster), DATA, build, sort, case)


LEFT = {"id": [1, 2, 3], "v": [1, 2, 3]}


def _right(lib):
    return lib.LazyFrame({"id": [1, 2], "w": [2, 0]}) if lib is polars else None


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_join_where_and_merge_sorted_like_polars(cluster, backend_name):
    import pyarrow as pa
    backend = backend_named(backend_name, cluster)
    right = pa.table({"id": [1, 2], "w": [2, 0]})
    other = {polars: polars.from_arrow(right).lazy(), pl: pl.from_arrow(right, backend=backend)}
    cases = {
        "join_where": (lambda l, f: f.join_where(other[l], l.col("v") > l.col("w")), True),
        "join_where on a suffixed column": (lambda l, f: f.join_where(other[l], l.col("id") == l.col("id_right"),
                                                                      l.col("w") >= 0), True),
        "merge_sorted": (lambda l, f: f.merge_sorted(other[l].rename({"w": "v"}), "id"), False),
    }
    for case, (build, sort) in cases.items():
        lazy_like_polars(backend, LEFT, build, sort, case)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_group_by_having_like_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), DATA,
                     lambda l, f: f.group_by("s").having(l.col("j").sum() > 4, l.len() > 1).agg(l.col("i").max()),
                     True, "having")


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("how", ["vertical", "vertical_relaxed", "diagonal", "diagonal_relaxed"])
def test_concat_and_union_like_polars(cluster, backend_name, how):
    import pyarrow as pa
    backend = backend_named(backend_name, cluster)
    a = pa.table({"x": [1, 2], "y": ["a", "b"]})
    b = pa.table({"x": [3.5], "y": ["c"]}) if how.endswith("relaxed") else pa.table({"x": [3], "y": ["c"]})
    if how.startswith("diagonal"):
        b = b.append_column("z", pa.array([True]))
    expected = polars.concat([polars.from_arrow(a).lazy(), polars.from_arrow(b).lazy()], how=how).collect().to_arrow()
    for combine in (pl.concat, pl.union):
        lazy = combine([pl.from_arrow(a, backend=backend), pl.from_arrow(b, backend=backend)], how=how)
        eager = combine([pl.DataFrame(a, backend=backend), pl.DataFrame(b, backend=backend)], how=how)
        from parity import same_table
        same_table(lazy.collect().to_arrow(), expected, (how, backend))
        same_table(eager.to_arrow(), expected, (how, backend))


def test_concat_horizontal_and_of_series_like_polars():
    a, b = {"x": [1, 2, 3]}, {"y": ["a", None]}
    expected = polars.concat([polars.DataFrame(a), polars.DataFrame(b)], how="horizontal_extend")
    actual = pl.concat([pl.DataFrame(a), pl.DataFrame(b)], how="horizontal_extend")
    assert actual.rows() == expected.rows() and actual.columns == expected.columns
    with pytest.raises(ValueError, match="heights"):
        pl.concat([pl.DataFrame(a), pl.DataFrame(b)], how="horizontal")
    assert pl.concat([pl.Series("s", [1]), pl.Series("t", [2, 3])]).to_list() == \
        polars.concat([polars.Series("s", [1]), polars.Series("t", [2, 3])]).to_list()
    with pytest.raises(ValueError, match="horizontal"):
        pl.concat([pl.DataFrame(a).lazy(), pl.DataFrame(b).lazy()], how="horizontal")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_pl_select_and_collect_all_like_polars(cluster, backend_name):
    backend = backend_named(backend_name, cluster)
    frames = [pl.from_arrow(pa_table(), backend=backend).select(pl.col("i").sum()) for _ in range(2)]
    assert [f.rows() for f in pl.collect_all(frames)] == [[(7,)], [(7,)]]
    assert pl.select(x=pl.lit(1.5), y=pl.lit("a")).rows() == polars.select(x=polars.lit(1.5), y=polars.lit("a")).rows()


def pa_table():
    import pyarrow as pa
    return pa.table(DATA)


def test_sinks_write_what_polars_reads(tmp_path):
    lazy = pl.from_arrow(pa_table(), backend=pl.PortableBackend()).select("i", "s")
    lazy.sink_parquet(tmp_path / "a.parquet")
    lazy.sink_ipc(tmp_path / "a.arrow")
    lazy.sink_csv(str(tmp_path / "a.csv"))
    lazy.sink_ndjson(tmp_path / "a.ndjson")
    expected = polars.from_arrow(pa_table()).select("i", "s")
    assert polars.read_parquet(tmp_path / "a.parquet").rows() == expected.rows()
    assert polars.read_ipc(tmp_path / "a.arrow").rows() == expected.rows()
    assert polars.read_csv(tmp_path / "a.csv").rows() == expected.rows()
    assert polars.read_ndjson(tmp_path / "a.ndjson").rows() == expected.rows()


def test_eager_frames_have_the_lazy_names(cluster):
    for backend_name in BACKENDS:
        backend = backend_named(backend_name, cluster)
        for case in ("cast everything", "fill_null with a number", "fill_nan", "drop_nans", "remove keeps null rows",
                     "select_seq and with_columns_seq"):
            eager_like_polars(backend, DATA, LAZY[case][0], LAZY[case][1], case)
        eager_like_polars(backend, DATA, lambda l, f: f.unpivot(["i", "j"], index="s"), False, "eager unpivot")


def test_a_name_polaroid_lacks_raises_attribute_error_naming_it():
    frame = pl.from_arrow(pa_table())
    for name in ("group_by_dynamic", "upsample", "rolling"):
        with pytest.raises(AttributeError, match=name):
            getattr(frame, name)
    with pytest.raises(AttributeError, match="rolling_map"):
        getattr(pl.all(), "rolling_map")
