"""Helpers of the parity tests: a case runs through Polars and through Polaroid on both backends, and
the results must have Polars' columns, types (where Polaroid has the type) and values."""
import math

import polars
import pyarrow as pa

import polaroid as pl


def logical(arrow_type):
    """Polars' String travels as large_string or string_view, Polaroid's as string: one logical type (Binary
    too). Polaroid
    has no unsigned integers: Polars' counts (u32, u8) are its Int64. Polars' large lists are lists."""
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return pa.list_(logical(arrow_type.value_type))
    if pa.types.is_struct(arrow_type):
        return pa.struct([pa.field(f.name, logical(f.type)) for f in arrow_type])
    if arrow_type in (pa.large_string(), pa.string_view()):
        return pa.string()
    if arrow_type in (pa.large_binary(), pa.binary_view()):
        return pa.binary()
    return pa.int64() if arrow_type in (pa.uint32(), pa.uint8(), pa.uint64()) else arrow_type


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def same_table(actual: pa.Table, expected: pa.Table, what, sort: bool = False):
    assert actual.column_names == expected.column_names, (what, actual.column_names, expected.column_names)
    for name in expected.column_names:
        assert logical(actual.schema.field(name).type) == logical(expected.schema.field(name).type), \
            (what, name, actual.schema.field(name).type, expected.schema.field(name).type)
    rows_a, rows_e = [tuple(r.values()) for r in actual.to_pylist()], [tuple(r.values()) for r in expected.to_pylist()]
    if sort:
        key = lambda r: tuple((v is None, str(v)) for v in r)  # noqa: E731
        rows_a, rows_e = sorted(rows_a, key=key), sorted(rows_e, key=key)
    assert len(rows_a) == len(rows_e), (what, rows_a, rows_e)
    for ra, re_ in zip(rows_a, rows_e):
        assert all(close(x, y) for x, y in zip(ra, re_)), (what, ra, re_)


def backends(cluster):
    return [pl.DistributedBackend(cluster.url), pl.PortableBackend()]


def scans_like_polars(cases, case: str, cluster, path: str, compare=None):
    """``cases(lib)[case]`` over ``scan_parquet(path)`` through Polars and through Polaroid on both backends."""
    expected = cases(polars)[case](polars.scan_parquet(path)).collect().to_arrow()
    for backend in backends(cluster):
        actual = cases(pl)[case](pl.scan_parquet(path, backend=backend)).collect().to_arrow()
        (compare or same_table)(actual, expected, "%s on %s" % (case, backend))


def backend_named(name, cluster):
    return pl.DistributedBackend(cluster.url) if name == "distributed" else pl.PortableBackend()


def lazy_like_polars(cluster_backend, data: dict, build, sort: bool = False, what=""):
    """``build(lib, lazy_frame)`` on ``data`` through Polars and through Polaroid on one backend."""
    table = pa.table(data)
    expected = build(polars, polars.from_arrow(table).lazy()).collect().to_arrow()
    actual = build(pl, pl.from_arrow(table, backend=cluster_backend)).collect().to_arrow()
    same_table(actual, expected, (what, cluster_backend), sort)


def eager_like_polars(cluster_backend, data: dict, build, sort: bool = False, what=""):
    """``build(lib, data_frame)`` on ``data``: a frame, Series or plain value, as Polars gives it."""
    table = pa.table(data)
    expected = build(polars, polars.from_arrow(table))
    actual = build(pl, pl.DataFrame(table, backend=cluster_backend))
    same_result(actual, expected, (what, cluster_backend), sort)


def same_result(actual, expected, what, sort=False):
    if isinstance(expected, polars.DataFrame):
        same_table(actual.to_arrow(), expected.to_arrow(), what, sort)
    elif isinstance(expected, polars.Series):
        assert isinstance(actual, pl.Series), what
        assert actual.name == expected.name, (what, actual.name, expected.name)
        same_table(pa.table({"v": actual.to_arrow()}), pa.table({"v": expected.to_arrow()}), what, sort)
    elif isinstance(expected, (list, tuple)) and expected and isinstance(expected[0], polars.DataFrame):
        assert len(actual) == len(expected), what
        for a, e in zip(actual, expected):
            same_table(a.to_arrow(), e.to_arrow(), what, sort)
    else:
        assert close(actual, expected) if isinstance(expected, float) else actual == expected, (what, actual, expected)
