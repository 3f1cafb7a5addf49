"""Comparisons and sorts of floats in the portable backend with Polars' (and the engine's) total order:
NaN equals NaN and is greater than every other number, where pyarrow's NaN compares false to anything
(and sorts beside the nulls)."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

ORDERED = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}


def involves_floats(a, b) -> bool:
    return pa.types.is_floating(a.type) or pa.types.is_floating(b.type)


def _nan(v):
    return pc.is_nan(v) if pa.types.is_floating(v.type) else pc.not_equal(v, v)  # false, or null where null


def compare(name: str, a, b):
    """``pc.<name>(a, b)`` where NaN sorts above every number and equals itself (nulls stay null)."""
    a_nan, b_nan = _nan(a), _nan(b)
    plain = getattr(pc, name)(a, b)
    either = pc.or_(a_nan, b_nan)
    by_nan = {"equal": pc.and_(a_nan, b_nan), "not_equal": pc.xor(a_nan, b_nan),
              "less": pc.and_(pc.invert(a_nan), b_nan), "less_equal": b_nan,
              "greater": pc.and_(a_nan, pc.invert(b_nan)), "greater_equal": a_nan}[name]
    return pc.if_else(either, by_nan, plain)


def sort_indices(table: pa.Table, keys: list) -> pa.Array:
    """``pc.sort_indices`` by ``keys`` ((column, order, null placement)) with NaN the largest float: each
    float key is sorted first by whether it is NaN (null where null), then by its value."""
    columns, sort_keys = {n: table.column(n) for n in table.column_names}, []
    for i, (name, order, nulls) in enumerate(keys):
        if pa.types.is_floating(table.column(name).type):
            columns["__nan%d" % i] = pc.is_nan(table.column(name))
            sort_keys.append(("__nan%d" % i, order, nulls))
        sort_keys.append((name, order, nulls))
    return pc.sort_indices(pa.table(columns), sort_keys=sort_keys)
