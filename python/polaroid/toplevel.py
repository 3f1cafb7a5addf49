"""Polars' module functions made of frames and expressions: ``concat`` (every ``how``), ``union``,
``select``, ``collect_all``, ``fold``, ``reduce``, ``arctan2``, ``cov``, ``corr``."""
from __future__ import annotations

import functools
import math

from polaroid import datatypes as _types
from polaroid.expr import Expr, _columns, col, lit, when
from polaroid.lazy_more import supertype

_HOWS = ("vertical", "vertical_relaxed", "diagonal", "diagonal_relaxed", "horizontal", "horizontal_extend")


def concat(items, *, how: str = "vertical", rechunk: bool = False, parallel: bool = True, strict=None):
    """Frames one after another (``vertical``; ``diagonal``: every column of any, nulls where a frame
    lacks one; ``_relaxed``: columns cast to a common type) or side by side (``horizontal``, eager frames
    of one height; ``horizontal_extend`` pads shorter ones with nulls).
    Eager frames give an eager frame, lazy ones a lazy one, Series a Series."""
    from polaroid.frame import DataFrame, LazyFrame
    from polaroid.series import Series
    items = list(items)
    if not items:
        raise ValueError("concat needs at least one frame")
    if how not in _HOWS:
        raise ValueError("how is one of %s, not %r" % (", ".join(_HOWS), how))
    if all(isinstance(i, Series) for i in items):
        import pyarrow as pa
        return Series(items[0].name, pa.chunked_array([c for s in items for c in s.to_arrow().chunks],
                                                      items[0].dtype))
    eager = all(isinstance(i, DataFrame) for i in items)
    if how.startswith("horizontal"):
        if not eager:
            raise ValueError("concat(how=%r) puts rows side by side by position: collect the frames first" % how)
        return _horizontal(items, extend=how == "horizontal_extend")
    frames = [i.lazy() if isinstance(i, DataFrame) else i for i in items]
    if not all(isinstance(f, LazyFrame) for f in frames):
        raise TypeError("concat takes DataFrames, LazyFrames or Series, not a mix")
    if how != "vertical":
        frames = _aligned(frames, diagonal=how.startswith("diagonal"), relaxed=how.endswith("relaxed"))
    out = LazyFrame({"union": {"inputs": [f._rel for f in frames]}}, frames[0]._backend)
    return out.collect() if eager else out


def union(items, *, how: str = "vertical", strict=None):
    """``concat`` without the promise to keep the frames' order (Polaroid keeps it anyway)."""
    return concat(items, how=how)


def _aligned(frames: list, diagonal: bool, relaxed: bool) -> list:
    schemas = [f._arrow_schema() for f in frames]
    names = list(dict.fromkeys(n for s in schemas for n in s.names)) if diagonal else schemas[0].names
    types = {}
    for n in names:
        present = [s.field(n).type for s in schemas if n in s.names]
        types[n] = supertype(present) if relaxed else _types.from_arrow(present[0])
    return [f.select([col(n).cast(types[n]) if n in s.names else lit(None).cast(types[n]).alias(n) for n in names])
            for f, s in zip(frames, schemas)]


def _horizontal(frames: list, extend: bool):
    import pyarrow as pa
    from polaroid.frame import DataFrame
    height = max(f.height for f in frames)
    if not extend and any(f.height != height for f in frames):
        raise ValueError("concat(how='horizontal'): the frames have different heights ('horizontal_extend' pads "
                         "the shorter ones with nulls)")
    columns = {}
    for f in frames:
        for name, values in zip(f.columns, f.to_arrow().columns):
            if name in columns:
                raise ValueError("concat(how='horizontal'): column '%s' is in more than one frame" % name)
            pad = height - len(values)
            columns[name] = pa.chunked_array(values.chunks + ([pa.nulls(pad, values.type)] if pad else []),
                                             values.type)
    return DataFrame(pa.table(columns), backend=frames[0]._backend)


def select(*exprs, eager: bool = True, **named):
    """Expressions evaluated on no frame (``pl.select(pl.lit(1))``)."""
    from polaroid.frame import DataFrame
    lazy = DataFrame().lazy().select(*exprs, **named)
    return lazy.collect() if eager else lazy


def collect_all(lazy_frames, **_options) -> list:
    return [f.collect() for f in lazy_frames]


def fold(acc, function, exprs, *, returns_scalar: bool = False, return_dtype=None) -> Expr:
    """``function(acc, e)`` over the expressions, left to right (``function`` builds expressions)."""
    out = functools.reduce(function, _columns(exprs if isinstance(exprs, (list, tuple)) else [exprs]), lit(acc))
    if return_dtype is None and isinstance(acc, float):
        return_dtype = _types.Float64  # Polars' result takes the accumulator's type
    return out.cast(return_dtype) if return_dtype is not None else out


def reduce(function, exprs, *, returns_scalar: bool = False, return_dtype=None) -> Expr:
    out = functools.reduce(function, _columns(exprs if isinstance(exprs, (list, tuple)) else [exprs]))
    return out.cast(return_dtype) if return_dtype is not None else out


def arctan2(y, x) -> Expr:
    """The angle of the point (x, y), in (-pi, pi]."""
    y, x = (col(v) if isinstance(v, str) else v for v in (y, x))
    y, x = y.cast(_types.Float64), x.cast(_types.Float64)
    base = (y / x).arctan()
    upper = (y > 0) | ((y == 0) & ((1.0 / y) > 0))  # -0.0 is below the axis, as IEEE atan2 has it
    negative_x = (x < 0) | ((x == 0) & ((1.0 / x) < 0))
    return (when(x.is_nan() | y.is_nan()).then(x + y)
            .when((y == 0) & negative_x).then(when(upper).then(math.pi).otherwise(-math.pi))
            .when(y == 0).then(y)
            .when(x > 0).then(base)
            .when(x < 0).then(when(upper).then(base + math.pi).otherwise(base - math.pi))
            .when(x == 0).then(when(upper).then(math.pi / 2).otherwise(-math.pi / 2))
            .otherwise(x + y)).alias(_name(y))


def _name(e: Expr) -> str:
    from polaroid.expr import output_name
    return output_name(e.to_dict())


def _pair(a, b):
    """Both, as Float64, null where either is (Polars takes the rows where both have a value)."""
    a, b = (col(v) if isinstance(v, str) else v for v in (a, b))
    a, b = a.cast(_types.Float64), b.cast(_types.Float64)
    both = a.is_not_null() & b.is_not_null()
    return a.filter(both), b.filter(both)


def cov(a, b, *, ddof: int = 1, eager: bool = False) -> Expr:
    """The covariance of two columns over the rows where both have a value."""
    x, y = _pair(a, b)
    n = x.count().cast(_types.Float64)
    return ((x * y).sum() - x.sum() * y.sum() / n) / (n - ddof)


def corr(a, b, *, method: str = "pearson", propagate_nans: bool = False, eager: bool = False) -> Expr:
    """Pearson's correlation of two columns over the rows where both have a value."""
    if method != "pearson":
        raise ValueError("corr(method=%r): Polaroid computes 'pearson' (spearman needs ranks)" % method)
    x, y = _pair(a, b)
    n = x.count().cast(_types.Float64)
    sxy = (x * y).sum() - x.sum() * y.sum() / n
    sxx = (x * x).sum() - x.sum() * x.sum() / n
    syy = (y * y).sum() - y.sum() * y.sum() / n
    return (sxy / (sxx * syy).sqrt()).alias(_name(x))
