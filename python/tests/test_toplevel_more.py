"""Polars' module-level names added to polaroid: data types, Schema, selectors, Config, exceptions, api,
engines, range constructors and from_epoch, compared with the installed Polars on both backends."""
import datetime as dt
import json

import polars
import polars.selectors as pcs
import pyarrow as pa
import pytest

import polaroid as pl
import polaroid.selectors as cs
from parity import backend_named, backends, eager_like_polars, lazy_like_polars, same_result

DATA = {"a": [1, 2, None], "b": ["x", "y", "x"], "c": [1.5, None, 3.0], "d": [True, False, None],
        "start_a": [3, 1, 2], "t": [dt.datetime(2024, 1, 1), None, dt.datetime(2024, 3, 1)],
        "day": [dt.date(2024, 1, 1), dt.date(2024, 1, 2), None]}

SELECTORS = {
    "numeric": lambda m, s: s.numeric(), "string": lambda m, s: s.string(), "by_name": lambda m, s: s.by_name("c", "a"),
    "by_dtype": lambda m, s: s.by_dtype(m.Int64, m.Boolean), "starts_with": lambda m, s: s.starts_with("st", "b"),
    "ends_with": lambda m, s: s.ends_with("_a"), "contains": lambda m, s: s.contains("ar"),
    "matches": lambda m, s: s.matches("^[a-c]$"), "all": lambda m, s: s.all(), "first": lambda m, s: s.first(),
    "last": lambda m, s: s.last(), "temporal": lambda m, s: s.temporal(), "integer": lambda m, s: s.integer(),
    "float": lambda m, s: s.float(), "boolean": lambda m, s: s.boolean(), "datetime": lambda m, s: s.datetime(),
    "date": lambda m, s: s.date(), "union": lambda m, s: s.by_name("c") | s.string(),
    "intersection": lambda m, s: s.numeric() & s.starts_with("a"), "difference": lambda m, s: s.numeric() - s.by_name("a"),
    "complement": lambda m, s: ~s.numeric(), "xor": lambda m, s: s.numeric() ^ s.by_name("a", "b"),
    "exclude": lambda m, s: s.exclude("a", m.Boolean),
}


def _lib(m):
    return pcs if m is polars else cs


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
@pytest.mark.parametrize("case", sorted(SELECTORS))
def test_selectors_pick_polars_columns(cluster, backend_name, case):
    pick = SELECTORS[case]
    lazy_like_polars(backend_named(backend_name, cluster), DATA,
                     lambda m, lf: lf.select(pick(m, _lib(m))), what=case)


SELECTOR_USES = {
    "with_columns": lambda m, s, df: df.with_columns((s.numeric() * 2).name.suffix("_2")),
    "group_by": lambda m, s, df: df.group_by(s.string()).agg(s.integer().sum()).sort("b"),
    "drop": lambda m, s, df: df.drop(s.numeric() | s.temporal()),
    "sort": lambda m, s, df: df.sort(s.by_name("b", "start_a")),
    "aggregate": lambda m, s, df: df.select(s.float().max()),
}


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
@pytest.mark.parametrize("case", sorted(SELECTOR_USES))
def test_selectors_work_where_columns_are_chosen(cluster, backend_name, case):
    use = SELECTOR_USES[case]
    eager_like_polars(backend_named(backend_name, cluster), DATA, lambda m, df: use(m, _lib(m), df), what=case)


def test_missing_names_in_by_name_are_column_not_found_as_in_polars():
    with pytest.raises(pl.exceptions.ColumnNotFoundError):
        pl.DataFrame({"a": [1]}).select(cs.by_name("zz"))
    assert pl.DataFrame({"a": [1]}).select(cs.by_name("zz", require_all=False)).columns == []


CASTS = {"UInt8": ("a", lambda m: m.UInt8), "UInt16": ("a", lambda m: m.UInt16), "UInt32": ("a", lambda m: m.UInt32),
         "UInt64": ("a", lambda m: m.UInt64), "Float16": ("a", lambda m: m.Float16), "Time": ("n", lambda m: m.Time),
         "Duration": ("n", lambda m: m.Duration("ms")), "Binary": ("b", lambda m: m.Binary),
         "Categorical": ("b", lambda m: m.Categorical)}
ENGINE_HAS = {"Time", "Duration", "Binary"}


@pytest.mark.parametrize("case", sorted(CASTS) + ["%s on the cluster" % c for c in sorted(ENGINE_HAS)])
def test_casts_to_these_types_run_on_pyarrow_and_time_duration_and_binary_on_the_cluster(cluster, case):
    column, dtype = CASTS[case.split(" ")[0]]
    backend = pl.DistributedBackend(cluster.url) if case.endswith("cluster") else pl.PortableBackend()
    table = pa.table({"a": [1, 2, None], "b": ["x", None, "y"], "n": [1000, 2000, None]})
    expected = polars.from_arrow(table).select(polars.col(column).cast(dtype(polars)))
    actual = pl.from_arrow(table, backend=backend).select(pl.col(column).cast(dtype(pl))).collect()
    assert actual.to_dict(as_series=False) == expected.to_dict(as_series=False)
    assert pl.datatypes.from_arrow(actual.to_arrow().schema.field(column).type) == pl.datatypes.to_dict(dtype(pl)) or \
        pl.datatypes.to_dict(pl.datatypes.from_arrow(actual.to_arrow().schema.field(column).type)) == pl.datatypes.to_dict(dtype(pl))


@pytest.mark.parametrize("case", sorted(set(CASTS) - ENGINE_HAS))
def test_the_distributed_backend_refuses_them_naming_the_type(cluster, case):
    column, dtype = CASTS[case]
    frame = pl.from_arrow(pa.table({"a": [1], "b": ["x"], "n": [1]}), backend=pl.DistributedBackend(cluster.url))
    with pytest.raises(pl.exceptions.InvalidOperationError, match="no %s type" % case):
        frame.select(pl.col(column).cast(dtype(pl))).collect()
    with pytest.raises(pl.exceptions.InvalidOperationError, match="no %s type" % case):
        frame.select(pl.col(column).cast(dtype(pl))).explain()


def test_reading_such_types_on_the_cluster_names_the_column(cluster):
    # structs travel now; a fixed-size list (Polars' Array) does not
    frame = pl.from_arrow(pa.table({"d": pa.array([[1, 2]], pa.list_(pa.int64(), 2))}),
                          backend=pl.DistributedBackend(cluster.url))
    with pytest.raises(pl.PolaroidError, match="column 'd'"):
        frame.collect()


def test_nested_types_and_schema_behave_as_polars():
    assert repr(pl.Struct({"a": pl.Int64})) == repr(polars.Struct({"a": polars.Int64}))
    assert repr(pl.Array(pl.Int64, (2, 3))) == repr(polars.Array(polars.Int64, (2, 3)))
    assert pl.Array(pl.Int64, 3).size == polars.Array(polars.Int64, 3).size == 3
    assert repr(pl.Field("a", pl.Int64)) == repr(polars.Field("a", polars.Int64))
    table = pa.table({"s": pa.array([{"x": 1, "y": "a"}]), "f": pa.array([[1, 2]], pa.list_(pa.int64(), 2))})
    ours = pl.Schema.from_arrow(table.schema)
    theirs = polars.from_arrow(table).schema
    assert repr(ours) == repr(theirs).replace("String", "String")
    schema = pl.Schema({"a": pl.Int64, "b": pl.String, "t": pl.Time})
    expected = polars.Schema({"a": polars.Int64, "b": polars.String, "t": polars.Time})
    assert schema.names() == expected.names() and schema.len() == expected.len()
    assert schema.to_python() == expected.to_python()
    assert schema == {"a": pl.Int64, "b": pl.String, "t": pl.Time}
    assert pl.Schema({"a": pl.UInt8}).to_frame().columns == ["a"]


def test_exceptions_are_polars_classes_and_still_polaroid_errors(cluster):
    for backend in backends(cluster):
        frame = pl.from_arrow(pa.table({"a": [1]}), backend=backend)
        with pytest.raises(pl.exceptions.ColumnNotFoundError) as caught:
            frame.select(pl.col("nope")).collect()
        assert isinstance(caught.value, pl.PolaroidError) and isinstance(caught.value, pl.exceptions.PolarsError)
    with pytest.raises(polars.exceptions.ColumnNotFoundError):
        polars.DataFrame({"a": [1]}).select(polars.col("nope"))


def test_config_shapes_printing_and_reports_state_as_polars():
    frame = pl.DataFrame({c: list(range(7)) for c in "abcde"})
    with pl.Config(tbl_rows=3, tbl_cols=3), polars.Config(tbl_rows=3, tbl_cols=3):
        assert pl.Config.state(if_set=True) == polars.Config.state(if_set=True)
        text = repr(frame)
        assert "| a " in text and "| e " in text and "| c " not in text
        assert [line.split("|")[1].strip() for line in text.splitlines()[5:-1]] == ["0", "1", "…", "6"]
    assert pl.Config.state(if_set=True) == polars.Config.state(if_set=True)
    with pl.Config(fmt_str_lengths=4):
        assert "abc…" in repr(pl.DataFrame({"s": ["abcdefgh"]}))
    assert pl.Config.set_tbl_rows(4) is pl.Config
    assert pl.Config.state(if_set=True)["POLARS_FMT_MAX_ROWS"] == "4"
    pl.Config.restore_defaults()
    assert pl.Config.state() == polars.Config.state()
    saved = pl.Config.set_verbose(True).save()
    pl.Config.restore_defaults()
    assert pl.Config.load(saved).state()["POLARS_VERBOSE"] == "1"
    pl.Config.restore_defaults()


def test_string_cache_functions_do_nothing_as_in_polars():
    with pl.StringCache():
        assert pl.using_string_cache() is True
    assert pl.enable_string_cache() is None and pl.disable_string_cache() is None
    assert pl.using_string_cache() is True
    assert set(pl.build_info()) >= {"version"}
    assert pl.thread_pool_size() >= 1 and pl.get_index_type() == pl.Int64()
    pl.set_random_seed(7)
    pl.show_versions()


def test_registered_namespaces_reach_every_class():
    @pl.api.register_expr_namespace("twice")
    class Twice:
        def __init__(self, expr):
            self._expr = expr

        def value(self):
            return self._expr * 2

    @pl.api.register_dataframe_namespace("shape_of")
    class ShapeOf:
        def __init__(self, df):
            self._df = df

        def cells(self):
            return self._df.height * self._df.width

    frame = pl.DataFrame({"a": [1, 2]}, backend=pl.PortableBackend())
    assert frame.select(pl.col("a").twice.value()).to_dict(as_series=False) == {"a": [2, 4]}
    assert frame.shape_of.cells() == 2
    with pytest.raises(AttributeError):
        pl.api.register_expr_namespace("sum")(Twice)


def test_engines_and_flags_are_accepted_by_collect_as_in_polars(cluster):
    for backend in backends(cluster):
        frame = pl.from_arrow(pa.table({"a": [1]}), backend=backend)
        for engine in ("auto", "streaming", "in-memory", pl.StreamingEngine(), pl.InMemoryEngine()):
            assert frame.collect(engine=engine, optimizations=pl.QueryOptFlags.none()).height == 1
        with pytest.raises(ValueError, match="engine"):
            frame.collect(engine="foo")
        assert frame.collect().to_arrow(compat_level=pl.CompatLevel.oldest()).num_rows == 1
    with pytest.raises(TypeError):
        pl.Engine()
    assert pl.QueryOptFlags(predicate_pushdown=False).predicate_pushdown is False


RANGES = {
    "date_range": lambda m: m.date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 10), "3d", eager=True),
    "date_range_months": lambda m: m.date_range(dt.date(2024, 1, 31), dt.date(2024, 5, 1), "1mo", closed="right",
                                                eager=True),
    "datetime_range": lambda m: m.datetime_range(dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2), "6h",
                                                 closed="left", time_unit="ms", eager=True),
    "time_range": lambda m: m.time_range(dt.time(1), dt.time(3), "30m", eager=True),
    "time_range_day": lambda m: m.time_range(eager=True),
    "date_ranges": lambda m: m.date_ranges(dt.date(2024, 1, 1), dt.date(2024, 1, 3), eager=True),
    "int_ranges": lambda m: m.int_ranges(0, 3, eager=True), "arange": lambda m: m.arange(0, 5, 2, eager=True),
    "repeat": lambda m: m.repeat(3, 2, eager=True), "repeat_str": lambda m: m.repeat("x", 2, eager=True),
    "ones": lambda m: m.ones(3, eager=True), "zeros": lambda m: m.zeros(2, m.Int32, eager=True),
    "linear_space": lambda m: m.linear_space(0, 1, 4, closed="none", eager=True),
    "linear_space_both": lambda m: m.linear_space(0, 10, 5, eager=True),
    "from_epoch_series": lambda m: m.from_epoch(m.Series("t", [1700000000, None])),
    "datetime_ranges": lambda m: m.datetime_ranges(dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, 2), "1h",
                                                   eager=True),
    "linear_spaces": lambda m: m.linear_spaces(0, 1, 3, eager=True),
    "time_ranges": lambda m: m.time_ranges(dt.time(1), dt.time(3), eager=True),
}


@pytest.mark.parametrize("case", sorted(RANGES))
def test_eager_constructors_give_polars_series(case):
    same_result(RANGES[case](pl), RANGES[case](polars), case)


def test_lazy_ranges_say_they_are_eager_only():
    with pytest.raises(ValueError, match="eager=True"):
        pl.date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 2))


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns", "d"])
def test_from_epoch_is_an_expression_on_both_backends(cluster, backend_name, unit):
    lazy_like_polars(backend_named(backend_name, cluster), {"e": [19000, None, 3000]},
                     lambda m, lf: lf.select(m.from_epoch("e", unit)), what=unit)


def test_lines_and_json_read_as_polars_reads_them(tmp_path):
    lines = tmp_path / "t.txt"
    lines.write_text("one\ntwo\n\nthree\n")
    assert pl.read_lines(str(lines)).to_dict(as_series=False) == polars.read_lines(lines).to_dict(as_series=False)
    assert pl.scan_lines(str(lines)).collect().to_dict(as_series=False) == \
        polars.scan_lines(lines).collect().to_dict(as_series=False)
    path = tmp_path / "t.json"
    path.write_text(json.dumps([{"a": 1, "b": "x"}, {"a": None, "b": "y"}]))
    assert pl.read_json(str(path)).to_dict(as_series=False) == polars.read_json(path).to_dict(as_series=False)


def test_collect_all_async_and_explain_all(cluster):
    import asyncio
    for backend in backends(cluster):
        frames = [pl.from_arrow(pa.table({"a": [i]}), backend=backend) for i in range(3)]
        results = asyncio.run(pl.collect_all_async(frames))
        assert [r.to_dict(as_series=False) for r in results] == [{"a": [i]} for i in range(3)]
        assert pl.explain_all(frames[:2])


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
def test_align_frames_and_merge_sorted_as_polars(cluster, backend_name):
    backend = backend_named(backend_name, cluster)
    left, right = pa.table({"k": [3, 1], "x": [1.0, 2.0]}), pa.table({"k": [2, 1], "y": ["p", None]})

    def frames(m):
        if m is polars:
            return polars.from_arrow(left), polars.from_arrow(right)
        return pl.DataFrame(left, backend=backend), pl.DataFrame(right, backend=backend)

    for kwargs in ({}, {"descending": True}, {"select": ["k"]}):
        same_result(pl.align_frames(*frames(pl), on="k", **kwargs), polars.align_frames(*frames(polars), on="k", **kwargs),
                    (backend_name, kwargs))
    lazy = pl.align_frames(*[f.lazy() for f in frames(pl)], on="k")
    same_result([f.collect() for f in lazy], polars.align_frames(*frames(polars), on="k"), backend_name)
    first, second = pa.table({"k": [1, 3], "v": ["a", "b"]}), pa.table({"k": [1, 2], "v": ["c", "d"]})
    same_result(pl.merge_sorted([pl.DataFrame(first, backend=backend), pl.DataFrame(second, backend=backend)], key="k"),
                polars.merge_sorted([polars.from_arrow(first), polars.from_arrow(second)], key="k"), backend_name)


def test_json_normalize_and_arrow_sources_as_polars(tmp_path):
    import pyarrow.dataset as ds
    records = [{"a": 1, "b": {"c": 2, "d": {"e": 3}}}, {"a": None, "b": {"c": 5}}]
    for kwargs in ({}, {"max_level": 1, "separator": "_"}):
        same_result(pl.json_normalize(records, **kwargs), polars.json_normalize(records, **kwargs), kwargs)
    theirs = polars.DataFrame({"s": ["a", None], "n": [1, 2]})
    same_result(pl.from_dataframe(theirs), polars.from_dataframe(theirs), "from_dataframe")
    table = pa.table({"a": [1, 2, 3]})
    same_result(pl.scan_pyarrow_dataset(ds.dataset(table)).filter(pl.col("a") > 1).collect(),
                polars.scan_pyarrow_dataset(ds.dataset(table)).filter(polars.col("a") > 1).collect(), "dataset")
    same_result(pl.scan_arrow_c_stream(table).collect(), polars.scan_arrow_c_stream(table).collect(), "c stream")


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
def test_format_fills_placeholders_as_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), {"a": ["x", None, "z"], "n": [1, 2, None]},
                     lambda m, lf: lf.select(m.format("{}-{} !", "a", m.col("n")), m.format("n={}", m.col("n") * 2)))


def test_from_repr_reads_what_polars_prints():
    frame = polars.DataFrame({"a": [1, None], "s": ["x y", None], "f": [1.5, None], "b": [True, None],
                              "d": [dt.date(2024, 1, 2), None], "t": [dt.datetime(2024, 1, 2, 3, 4, 5), None],
                              "u": polars.Series([1, 2], dtype=polars.UInt8)})
    same_result(pl.from_repr(repr(frame)), polars.from_repr(repr(frame)), "frame")
    same_result(pl.from_repr(repr(frame["s"])), polars.from_repr(repr(frame["s"])), "series")
    with polars.Config(tbl_rows=2):
        elided = repr(polars.DataFrame({"a": [1, 2, 3]}))
    same_result(pl.from_repr(elided), polars.from_repr(elided), "elided")


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
def test_date_from_parts_as_polars(cluster, backend_name):
    lazy_like_polars(backend_named(backend_name, cluster), {"y": [2024, 2023, None, 987], "m": [1, 12, 3, 7],
                                                            "d": [5, 31, 1, 4]},
                     lambda m, lf: lf.select(m.date("y", "m", "d"), m.date(2020, m.col("m"), 1).alias("x")))


def test_a_gpu_engine_falls_back_to_polaroids_backend_unless_told_to_fail(cluster):
    for backend in backends(cluster):
        frame = pl.from_arrow(pa.table({"a": [1, 2]}), backend=backend)
        assert frame.collect(engine=pl.GPUEngine()).to_dict(as_series=False) == {"a": [1, 2]}
        with pytest.raises(pl.exceptions.InvalidOperationError, match="GPU"):
            frame.collect(engine=pl.GPUEngine(raise_on_fail=True))
