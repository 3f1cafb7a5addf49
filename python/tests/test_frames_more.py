"""LazyFrame, DataFrame and Series names added for parity with Polars (gather_every, interpolate, update,
match_to_schema, pivot, to_dummies, glimpse, rows_by_key, replace_strict, ...), each run through Polars
and through Polaroid on both backends, or, where Polars' answer cannot be matched (random samples,
Polaroid's own serialization), checked by its properties."""
import datetime as dt
import io

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, eager_like_polars, lazy_like_polars, same_table

BACKENDS = ["distributed", "portable"]
NAN = float("nan")
DATA = {"k": ["x", "y", "x", "z", None], "c": ["a", "b", "b", "a", "a"], "v": [1, None, 3, 4, 8],
        "w": [1.5, None, None, 4.0, NAN]}
OTHER = {"k": ["x", "q", "z"], "w": [9.0, 7.0, None]}


def _other(lib, backend):
    table = pa.table(OTHER)
    return polars.from_arrow(table).lazy() if lib is polars else pl.from_arrow(table, backend=backend)


LAZY = {
    "gather_every": (lambda l, f, o: f.gather_every(2), False),
    "gather_every with an offset": (lambda l, f, o: f.gather_every(3, offset=1), False),
    "interpolate numbers, strings kept": (lambda l, f, o: f.interpolate(), False),
    "update on a key": (lambda l, f, o: f.update(o, on="k"), False),
    "update inner": (lambda l, f, o: f.update(o, on="k", how="inner"), False),
    "update full with nulls": (lambda l, f, o: f.update(o, on="k", how="full", include_nulls=True), True),
    "update by row position": (lambda l, f, o: f.update(o.select("w")), False),
    "update with left_on and right_on": (lambda l, f, o: f.update(o.rename({"k": "kk"}), left_on="k", right_on="kk"),
                                         False),
    "match_to_schema reorders": (lambda l, f, o: f.match_to_schema({"w": l.Float64, "v": l.Int64, "k": l.String,
                                                                    "c": l.String}), False),
    "match_to_schema inserts and ignores": (lambda l, f, o: f.match_to_schema(
        {"v": l.Int64, "n": l.Int32}, missing_columns="insert", extra_columns="ignore"), False),
    "match_to_schema upcasts": (lambda l, f, o: f.select(l.col("v").cast(l.Int32)).match_to_schema(
        {"v": l.Int64}, integer_cast="upcast"), False),
    "match_to_schema fills with an expression": (lambda l, f, o: f.select("v").match_to_schema(
        {"v": l.Int64, "z": l.Float64}, missing_columns={"z": l.col("v") * 2}), False),
    "pivot with on_columns": (lambda l, f, o: f.pivot("c", ["a", "b", "q"], index="k", values="v"), True),
    "pivot sum of two value columns": (lambda l, f, o: f.pivot("c", ["a", "b"], index="k", values=["v", "w"],
                                                                aggregate_function="sum"), True),
    "pivot len and mean": (lambda l, f, o: f.pivot("c", ["a", "b"], index="k", values="v",
                                                   aggregate_function="len").join(
        f.pivot("c", ["a", "b"], index="k", values="w", aggregate_function="mean"), on="k", how="left"), True),
    "pipe_with_schema": (lambda l, f, o: f.pipe_with_schema(  # Polars' schema a dict, Polaroid's pyarrow's
        lambda x, s: x.select(list(s.names if hasattr(s, "field") else s)[::-1])), False),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(LAZY))
def test_lazy_frame_methods_like_polars(cluster, backend_name, case):
    build, sort = LAZY[case]
    backend = backend_named(backend_name, cluster)
    lazy_like_polars(backend, DATA, lambda lib, f: build(lib, f, _other(lib, backend)), sort=sort, what=case)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_errors_like_polars(cluster, backend_name):
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend_name, cluster))
    theirs = polars.from_arrow(pa.table(DATA)).lazy()
    for build in (lambda l, f: f.match_to_schema({"v": l.Int64}),  # extra columns
                  lambda l, f: f.match_to_schema({"v": l.Int64, "k": l.String, "c": l.String, "w": l.Float64,
                                                  "n": l.Int64}),  # a missing one
                  lambda l, f: f.match_to_schema({"v": l.Int32, "k": l.String, "c": l.String, "w": l.Float64},
                                                 integer_cast="upcast"),  # narrowing
                  lambda l, f: f.with_columns(l.lit(1).alias("one")).pivot("c", ["a"], index="one",
                                                                          values="v")):  # several values in a cell
        with pytest.raises(Exception):
            build(polars, theirs).collect()
        with pytest.raises(ValueError):
            build(pl, frame).collect()
    with pytest.raises(ValueError, match="how"):
        frame.update(frame, on="k", how="right")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_serialize_round_trips(cluster, backend_name, tmp_path):
    backend = backend_named(backend_name, cluster)
    query = pl.from_arrow(pa.table(DATA), backend=backend).filter(pl.col("v") > 1).gather_every(2).slice(1, 3)
    for fmt in ("binary", "json"):
        data = query.serialize(format=fmt)
        assert isinstance(data, bytes if fmt == "binary" else str)
        again = pl.LazyFrame.deserialize(data if fmt == "binary" else io.StringIO(data), format=fmt, backend=backend)
        assert again.to_json() == query.to_json()
        same_table(again.collect().to_arrow(), query.collect().to_arrow(), fmt)
    query.serialize(tmp_path / "plan.json")
    assert pl.LazyFrame.deserialize(tmp_path / "plan.json", backend=backend).to_json() == query.to_json()
    frame = query.collect()
    same_table(pl.DataFrame.deserialize(frame.serialize()).to_arrow(), frame.to_arrow(), "DataFrame.serialize")
    with pytest.raises(ValueError, match="serialize"):
        frame.serialize(format="json")


def test_collect_batches():
    frame = pl.from_arrow(pa.table(DATA), backend=pl.PortableBackend())
    batches = list(frame.collect_batches(chunk_size=2))
    assert [b.height for b in batches] == [2, 2, 1]
    same_table(pa.concat_tables([b.to_arrow() for b in batches]), frame.collect().to_arrow(), "collect_batches")
    assert [b.height for b in frame.collect_batches()] == [5]
    seen = []
    frame.sink_batches(lambda b: seen.append(b.height) or len(seen) == 2, chunk_size=2)
    assert seen == [2, 2]


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_collect_async(cluster, backend_name):
    import asyncio
    query = pl.from_arrow(pa.table(DATA), backend=backend_named(backend_name, cluster)).filter(pl.col("v") > 1)
    same_table(asyncio.run(query.collect_async()).to_arrow(), query.collect().to_arrow(), "collect_async")


EAGER = {
    "interpolate": lambda l, f: f.interpolate(),
    "update": lambda l, f: f.update(f.select("k", (l.col("v") * 10).alias("v"), "c").filter(l.col("c") == "b").drop("c"),
                                      on="k"),
    "match_to_schema": lambda l, f: f.match_to_schema({"v": l.Int64, "k": l.String}, extra_columns="ignore"),
    "to_dummies": lambda l, f: f.to_dummies(["k", "c", "w"]),
    "to_dummies of every column, options": lambda l, f: f.select("k", "v").to_dummies(
        separator=":", drop_first=True, drop_nulls=True),
    "glimpse as a string": lambda l, f: f.glimpse(return_type="string"),
    "glimpse with few items": lambda l, f: f.glimpse(max_items_per_column=2, max_colname_length=1,
                                                     return_type="string"),
    "to_init_repr": lambda l, f: f.to_init_repr(),
    "to_init_repr of 2 rows": lambda l, f: f.to_init_repr(2),
    "rows_by_key": lambda l, f: dict(f.drop("w").rows_by_key("k")),  # (NaN is not equal to itself in a dict)
    "rows_by_key named with the key": lambda l, f: dict(f.drop("w").rows_by_key(["k", "c"], named=True,
                                                                                 include_key=True)),
    "rows_by_key unique": lambda l, f: f.drop("w").rows_by_key("c", unique=True),
    "gather": lambda l, f: f.gather([3, 0, -1]),
    "gather null on oob": lambda l, f: f.gather([1, 9], null_on_oob=True),
    "is_sorted": lambda l, f: (f.is_sorted("c"), f.sort("c", "v").is_sorted("c", "v"), f.is_sorted("v")),
    "is_sorted descending, nulls last": lambda l, f: f.sort("v", descending=True, nulls_last=True).is_sorted(
        "v", descending=True, nulls_last=True),
    "map_columns": lambda l, f: f.map_columns(["v", "w"], lambda s, n: s * n, 2),
    "unstack vertical": lambda l, f: f.unstack(step=2),
    "unstack horizontal with fill values": lambda l, f: f.unstack(step=3, how="horizontal", columns=["k", "v"],
                                                                  fill_values=["-", -1]),
    "pivot mean": lambda l, f: f.pivot("c", index="k", values="v", aggregate_function="mean"),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(EAGER))
def test_data_frame_methods_like_polars(cluster, backend_name, case):
    eager_like_polars(backend_named(backend_name, cluster), DATA, EAGER[case], what=case)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_corr_like_polars_pairwise(cluster, backend_name):
    """Polars' frame corr needs numpy (absent here): its answer is each pair's pl.corr."""
    data = {"a": [1.0, 2.0, 4.0, 7.0], "b": [3, 1, 2, 9], "c": [0.5, -1.0, 2.0, 2.5]}
    theirs = polars.DataFrame(data)
    expected = polars.DataFrame({"name": list(data), **{b: [theirs.select(polars.corr(a, b)).item() for a in data]
                                                        for b in data}})
    ours = pl.DataFrame(pa.table(data), backend=backend_named(backend_name, cluster)).corr(label="name")
    same_table(ours.to_arrow(), expected.to_arrow(), "corr")


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_sample_properties(cluster, backend_name):
    frame = pl.DataFrame(pa.table({"i": list(range(50))}), backend=backend_named(backend_name, cluster))
    rows = frame.sample(10, seed=3).get_column("i").to_list()
    assert len(set(rows)) == 10 and rows == sorted(rows) and set(rows) <= set(range(50))
    assert frame.sample(10, seed=3).equals(frame.sample(10, seed=3))
    assert sorted(frame.sample(fraction=1.0, shuffle=True, seed=1).get_column("i").to_list()) == list(range(50))
    drawn = frame.sample(80, with_replacement=True, seed=2).get_column("i").to_list()
    assert len(drawn) == 80 and len(set(drawn)) < 50
    assert frame.sample(fraction=0.2).height == polars.DataFrame({"i": list(range(50))}).sample(fraction=0.2).height
    with pytest.raises(ValueError):
        frame.sample(51)


def test_show_prints_the_head(capsys):
    frame = pl.DataFrame(pa.table(DATA))
    frame.show(2)
    assert capsys.readouterr().out == str(frame.head(2)) + "\n"


VALUES = {"a": [3, None, 1, 4, 1]}

SERIES = {
    "describe": lambda l, s: s.describe(),
    "describe of strings": lambda l, s: s.cast(l.String).describe(),
    "describe of booleans": lambda l, s: (s > 2).describe(),
    "set": lambda l, s: s.set(s > 2, 0),
    "scatter": lambda l, s: s.clone().scatter([0, -1], [7, 8]),
    "scatter one value": lambda l, s: s.clone().scatter(2, None),
    "shrink_dtype": lambda l, s: (s.shrink_dtype(), (s * 100).shrink_dtype(), (s * -100000).shrink_dtype()),
    "shrink_dtype of floats": lambda l, s: (s / 2).shrink_dtype(),
    "to_init_repr": lambda l, s: s.to_init_repr(),
    "to_dummies": lambda l, s: s.to_dummies(),
    "to_dummies, options": lambda l, s: s.to_dummies(separator="-", drop_first=True, drop_nulls=True),
    "lower_bound and upper_bound": lambda l, s: (s.lower_bound(), s.upper_bound(), (s / 2).lower_bound(),
                                                 s.cast(l.Int8).upper_bound()),
    "replace_strict complete": lambda l, s: s.replace_strict({1: "one", 3: "three", 4: "four"}),
    "replace_strict with a default": lambda l, s: s.replace_strict([1, 3], [10, 30], default=-1),
    "replace_strict mapping null, return_dtype": lambda l, s: s.replace_strict(
        {1: 10, None: 0}, default=5, return_dtype=l.Float64),
    "repeat_by": lambda l, s: s.repeat_by(2),
    "repeat_by a Series": lambda l, s: s.repeat_by(l.Series("n", [0, 1, None, 2, 3])),
    "map_elements": lambda l, s: s.map_elements(lambda v: v * 2.5, return_dtype=l.Float64),
}


def _like(ours, theirs, what):
    if isinstance(theirs, tuple):
        for a, b in zip(ours, theirs):
            _like(a, b, what)
    elif isinstance(theirs, polars.Series):
        from parity import same_result
        same_result(ours, theirs, what)
        assert pa.types.is_integer(ours.dtype) == theirs.dtype.is_integer(), what
        if theirs.dtype in (polars.Int8, polars.Int16, polars.Int32, polars.Float32):
            assert str(ours.dtype) == {polars.Int8: "int8", polars.Int16: "int16", polars.Int32: "int32",
                                       polars.Float32: "float"}[theirs.dtype], (what, ours.dtype)
    elif isinstance(theirs, polars.DataFrame):
        same_table(ours.to_arrow(), theirs.to_arrow(), what)
    else:
        assert ours == theirs, (what, ours, theirs)


@pytest.mark.parametrize("case", list(SERIES))
def test_series_methods_like_polars(case):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Polars' map_elements warns that an expression would be faster
        theirs = SERIES[case](polars, polars.Series("a", VALUES["a"]))
    _like(SERIES[case](pl, pl.Series("a", VALUES["a"])), theirs, case)


def test_series_errors_like_polars():
    with pytest.raises(Exception, match="incomplete mapping"):
        polars.Series("a", VALUES["a"]).replace_strict({1: 10})
    with pytest.raises(ValueError, match="incomplete mapping"):
        pl.Series("a", VALUES["a"]).replace_strict({1: 10})
    with pytest.raises(Exception):
        polars.Series("s", ["x"]).lower_bound()
    with pytest.raises(ValueError, match="lower_bound"):
        pl.Series("s", ["x"]).lower_bound()


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_expr_replace_strict_like_polars(cluster, backend_name):
    backend = backend_named(backend_name, cluster)
    for build in (lambda l, f: f.select(l.col("v").replace_strict({1: "one", 3: "three"}, default="other")),
                  lambda l, f: f.select(l.col("k").replace_strict(["x", "y"], [1, 2], default=l.col("v"),
                                                                  return_dtype=l.Int64)),
                  lambda l, f: f.with_columns(l.col("c").replace_strict({"a": 1.5}, default=None).alias("r"))):
        lazy_like_polars(backend, DATA, build, what="replace_strict")
    with pytest.raises(ValueError, match="replace_strict"):
        pl.col("v").replace_strict({1: 2})


TIMES = {"t": [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, 3), dt.datetime(2024, 1, 1, 5)], "g": ["a", "b", "a"],
         "v": [1, 2, 3]}
DAYS = {"d": [dt.date(2024, 1, 31), dt.date(2024, 3, 31), dt.date(2024, 7, 1)], "v": [1, 2, 3]}
UPSAMPLE = {
    "every hour": (TIMES, lambda l, f: f.upsample("t", every="1h")),
    "by group": (TIMES, lambda l, f: f.upsample("t", every="2h", group_by="g", maintain_order=True)),
    "a compound duration": (TIMES, lambda l, f: f.upsample("t", every="1h30m", group_by=["g"], maintain_order=True)),
    "months from the first day": (DAYS, lambda l, f: f.upsample("d", every="1mo")),
    "weeks of dates": (DAYS, lambda l, f: f.upsample("d", every="2w")),
}


@pytest.mark.parametrize("backend_name", BACKENDS)
@pytest.mark.parametrize("case", list(UPSAMPLE))
def test_upsample_like_polars(cluster, backend_name, case):
    data, build = UPSAMPLE[case]
    eager_like_polars(backend_named(backend_name, cluster), data, build, what=case)
