"""The portable backend's aggregations where pyarrow's kernel differs from Polars: the values to give
pyarrow's kernel and how to turn its result into Polars' (result types, exact decimal means, -0.0 and
0.0 counted as one value, first and last of types pyarrow has no kernel for)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from polaroid import portable_durations as _durations


def one_zero(values):
    """Float values with -0.0 as 0.0: Polars groups, joins and matches the two as one key."""
    return pc.add(values, pa.scalar(0.0, values.type)) if pa.types.is_floating(values.type) else values


def _result_type(fn: str, t):
    """Polars' type of a sum, mean, std or var where pyarrow's differs: a sum keeps a 32-bit integer's
    (or a Float32's) type, a mean, std or var of Float32 is Float32."""
    if fn == "sum" and t in (pa.int32(), pa.uint32(), pa.float32()):
        return t
    if fn in ("mean", "std", "var") and t == pa.float32():
        return t
    return None


def _as_floats(decimals):
    return pa.array([None if d is None else float(d) for d in decimals.to_pylist()], pa.float64())


def prepare(fn: str, v):
    """The values to aggregate with pyarrow's ``fn``, and how to turn its result back (or None)."""
    t = v.type
    if pa.types.is_decimal(t) and fn == "mean":
        # exactly (the mean of the decimals, correctly rounded to a float), as Polars
        whole = t.precision - t.scale
        return pc.cast(v, pa.decimal128(38, max(t.scale, min(18, 38 - whole - 12)))), _as_floats
    if pa.types.is_decimal(t) and fn in ("std", "var", "median", "quantile"):
        return pc.cast(v, pa.float64()), None  # a double, as in the engine and Polars
    if pa.types.is_decimal(t) and fn in ("first", "last"):  # pyarrow has no kernel: pick the row
        values = v.combine_chunks() if isinstance(v, pa.ChunkedArray) else v
        return pa.array(range(len(values)), pa.int64()), values.take
    if fn == "n_unique":
        return one_zero(v), None
    target = _result_type(fn, t)
    if target is not None:
        return v, lambda r: pc.cast(r, target, safe=False)  # a sum wraps around, as Polars'
    return _durations.aggregate_counts(fn, v)
