"""The portable backend's row sets (``sort``, ``head``, ``filter``, ...; see ``rowsets``): each over a
whole column, as pyarrow arrays of their own length. Inside ``over()`` and ``group_by().agg()`` the
backend runs them on each group's rows."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError
from polaroid.portable_windows import windows

# Row sets that keep the window's length, so that over() can place them on its rows.
SAME_LENGTH = {"sort", "sort_by", "arg_sort"}


def order(keys: list, n: int) -> list:
    """The row positions in the order of ``keys`` (``(values, descending, nulls_last)``), stable."""
    return windows(None, keys, False, n)[0] if n else []


def compute(fn: str, x, options: list, keys: list, predicate, n: int):
    """``fn`` of the column ``x`` (``n`` values) with its literal ``options``, sort ``keys`` and ``predicate``."""
    if fn == "sort":
        return x.take(pa.array(order([(x, options[0], options[1])], n), pa.int64()))
    if fn == "arg_sort":
        return pa.array(order([(x, options[0], options[1])], n), pa.int64())
    if fn == "sort_by":
        return x.take(pa.array(order(keys, n), pa.int64()))
    if fn in ("head", "tail", "slice"):
        return _slice(x, fn, options, n)
    if fn in ("top_k", "bottom_k"):
        ranked = x.take(pa.array(order([(x, fn == "top_k", True)], n), pa.int64()))
        return ranked.slice(0, options[0])
    if fn in ("top_k_by", "bottom_k_by"):
        return x.take(pa.array(order(keys, n), pa.int64())).slice(0, options[0])
    if fn == "gather":
        picked = [i + n if i < 0 else i for i in options]
        bad = [i for i, p in zip(options, picked) if not 0 <= p < n]
        if bad:
            raise PolaroidError("gather() index %d is out of bounds for a window of %d rows" % (bad[0], n), "INVALID_VALUE")
        return x.take(pa.array(picked, pa.int64()))
    if fn == "gather_every":
        step, offset = options
        if step < 1:
            raise PolaroidError("gather_every() needs a step of at least 1", "INVALID_PLAN")
        return x.take(pa.array(range(offset, n, step), pa.int64()))
    if fn == "drop_nulls":
        return x.filter(pc.is_valid(x))
    if fn == "drop_nans":
        if not pa.types.is_floating(x.type):
            return x
        return x.filter(pc.invert(pc.fill_null(pc.is_nan(x), False)))
    if fn == "arg_true":
        return pa.array([i for i, v in enumerate(x.to_pylist()) if v], pa.int64())
    if fn == "filter":
        return x.filter(pc.fill_null(predicate, False))
    raise PolaroidError("unknown row set %s()" % fn, "INVALID_PLAN")


def _slice(x, fn: str, options: list, n: int):
    if fn == "head":
        return x.slice(0, options[0])
    if fn == "tail":
        return x.slice(max(0, n - options[0]))
    offset, length = options[0], options[1] if len(options) > 1 else None
    start = max(0, n + offset) if offset < 0 else min(offset, n)
    return x.slice(start) if length is None else x.slice(start, length)
