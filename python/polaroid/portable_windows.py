"""The portable backend's order-dependent functions (``rank``, ``cum_*``, ``shift``, ``diff``,
``pct_change``, ``is_first/last_distinct``, ``int_range``), computed row by row in Python over each
window's rows in order: what pyarrow's compute functions cannot do per group. Types and null
handling follow the engine's window operator (and Polars, except u32 ranks and counts: Int64)."""
from __future__ import annotations

import math

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError

ORDERED = {"rank", "cum_sum", "cum_prod", "cum_min", "cum_max", "cum_count", "shift", "diff", "pct_change",
           "is_first_distinct", "is_last_distinct", "int_range", "forward_fill", "backward_fill", "reverse", "rle_id",
           "rolling_sum", "rolling_mean", "rolling_min", "rolling_max", "rolling_std", "rolling_var", "rolling_median",
           "rolling_quantile", "interpolate"}


def windows(group, order: list, nulls_last: bool, rows: int) -> list:
    """The rows of each window in window order: sorted by group, the order keys (``(values,
    descending)``, or ``(values, descending, nulls_last)``) and row number, then cut where the group changes."""
    columns = {"__g": group if group is not None else pa.array([0] * rows, pa.int64())}
    keys = [("__g", "ascending")]
    for i, (values, descending, *own_nulls_last) in enumerate(order):
        direction = "descending" if descending else "ascending"
        last = own_nulls_last[0] if own_nulls_last else nulls_last
        columns["__z%d" % i] = pc.is_null(values)  # nulls first or last whatever the direction, as Polars
        keys.append(("__z%d" % i, "ascending" if last else "descending"))
        if pa.types.is_floating(values.type):  # NaN is the largest value (pyarrow puts it last either way)
            columns["__n%d" % i] = pc.is_nan(values)
            keys.append(("__n%d" % i, direction))
        columns["__o%d" % i] = values
        keys.append(("__o%d" % i, direction))
    columns["__row"] = pa.array(range(rows), pa.int64())
    keys.append(("__row", "ascending"))
    ordered = pa.table(columns).sort_by(keys)
    groups = ordered.column("__g").to_pylist()
    positions = ordered.column("__row").to_pylist()
    out, start = [], 0
    for i in range(1, rows + 1):
        if i == rows or groups[i] != groups[start]:
            out.append(positions[start:i])
            start = i
    return out


def compute(fn: str, values, options: list, windows_rows: list, rows: int):
    """The function's column: ``values`` is its argument (None for int_range), ``options`` its literal arguments."""
    if fn == "int_range":
        out = [0] * rows
        for w in windows_rows:
            for i, r in enumerate(w):
                out[r] = i
        return pa.array(out, pa.int64())
    zoned = pa.types.is_timestamp(values.type) and values.type.tz is not None
    # zoned instants as their counts: Python compares two datetimes of one zone by wall time (01:30 EDT
    # equals 01:30 EST)
    x = values.cast(pa.int64()).to_pylist() if zoned else values.to_pylist()
    out = [None] * rows
    kernel = _KERNELS[fn]
    for w in windows_rows:
        kernel(x, w, out, *options)
    return pa.array(out, _result_type(fn, values.type, options))


def _result_type(fn: str, t: pa.DataType, options: list) -> pa.DataType:
    if fn == "rank":
        return pa.float64() if options[0] == "average" else pa.int64()
    if fn in ("cum_count", "rle_id"):
        return pa.int64()
    if fn in ("forward_fill", "backward_fill", "reverse"):
        return t
    if fn in ("rolling_mean", "rolling_std", "rolling_var", "rolling_median", "rolling_quantile"):
        return pa.float64()
    if fn == "interpolate":
        return pa.float32() if t == pa.float32() else pa.float64()
    if fn in ("rolling_sum", "rolling_min", "rolling_max"):
        return _result_type({"rolling_sum": "cum_sum", "rolling_min": "cum_min", "rolling_max": "cum_max"}[fn], t, [])
    if fn in ("is_first_distinct", "is_last_distinct"):
        return pa.bool_()
    if fn == "pct_change" or pa.types.is_null(t):
        return pa.float64() if fn in ("pct_change", "diff") else pa.int64()
    if pa.types.is_decimal(t) and fn in ("cum_sum", "diff"):
        return pa.decimal128(38, t.scale)
    if fn == "cum_sum" and not (t in (pa.int32(), pa.float32(), pa.float64()) or pa.types.is_decimal(t)):
        return pa.int64()
    if fn == "cum_prod" and not pa.types.is_floating(t):
        if pa.types.is_decimal(t):
            raise PolaroidError("cum_prod needs integers or floats, not %s" % t, "TYPE_MISMATCH")
        return pa.int64()
    if fn in ("cum_sum", "cum_prod", "cum_min", "cum_max", "diff") and not (
            pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) or pa.types.is_boolean(t)
            or (fn in ("cum_min", "cum_max") and (pa.types.is_date(t) or pa.types.is_timestamp(t)))):
        raise PolaroidError("%s needs numbers, not %s" % (fn, t), "TYPE_MISMATCH")
    return t


def _is_nan(v) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _order_key(v):
    """Values in Polars' order: NaN above every number."""
    return (1, 0) if _is_nan(v) else (0, v)


def _rank(x, w, out, method, descending):
    valid = [r for r in w if x[r] is not None]
    ranked = sorted(valid, key=lambda r: _order_key(x[r]), reverse=bool(descending))
    start, dense = 0, 0
    while start < len(ranked):
        end = start + 1
        while end < len(ranked) and _order_key(x[ranked[end]]) == _order_key(x[ranked[start]]):
            end += 1
        dense += 1
        for i in range(start, end):
            out[ranked[i]] = {"min": start + 1, "max": end, "dense": dense, "ordinal": i + 1,
                              "average": (start + 1 + end) / 2.0}[method]
        start = end


def _running(step):
    def kernel(x, w, out, reverse=False):
        acc = None
        for r in (reversed(w) if reverse else w):
            v = x[r]
            if v is None:
                continue
            acc = v if acc is None else step(acc, v)
            out[r] = acc
    return kernel


def _min_max(pick):
    def step(acc, v):
        if _is_nan(v):
            return acc
        if _is_nan(acc):
            return v
        return pick(acc, v)
    return _running(step)


def _cum_count(x, w, out, reverse=False):
    count = 0
    for r in (reversed(w) if reverse else w):
        count += x[r] is not None
        out[r] = count


def _shift(x, w, out, n=1, fill=None):
    for i, r in enumerate(w):
        j = i - n
        out[r] = x[w[j]] if 0 <= j < len(w) else fill


def _against_earlier(combine):
    def kernel(x, w, out, n=1):
        for i, r in enumerate(w):
            j = i - n
            if 0 <= j < len(w) and x[r] is not None and x[w[j]] is not None:
                out[r] = combine(x[r], x[w[j]])
    return kernel


def _pct(a, b):
    a, b = float(a), float(b)
    if b == 0:  # IEEE division, as the engine and Polars
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1, b)
    return a / b - 1


def _distinct(last):
    def kernel(x, w, out):
        seen = set()
        for r in (reversed(w) if last else w):
            key = "nan" if _is_nan(x[r]) else ("value", x[r])
            out[r] = key not in seen
            seen.add(key)
    return kernel


def _fill(step):
    def kernel(x, w, out, limit=None):
        last, last_at = None, None
        order = list(enumerate(w)) if step > 0 else list(enumerate(w))[::-1]
        for i, r in order:
            if x[r] is not None:
                out[r], last, last_at = x[r], x[r], i
            elif last_at is not None and (limit is None or abs(i - last_at) <= limit):
                out[r] = last
    return kernel


def _reverse(x, w, out):
    for i, r in enumerate(w):
        out[r] = x[w[len(w) - 1 - i]]


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _order_key(a) == _order_key(b)


def _rle_id(x, w, out):
    run = 0
    for i, r in enumerate(w):
        if i and not _same(x[r], x[w[i - 1]]):
            run += 1
        out[r] = run


def _rolling(reduce):
    def kernel(x, w, out, size, min_samples, center, ddof=1):
        for i, r in enumerate(w):
            lo, hi = (i - size // 2, i + (size - 1) // 2) if center else (i - size + 1, i)
            values = [x[w[j]] for j in range(max(lo, 0), min(hi, len(w) - 1) + 1) if x[w[j]] is not None]
            if values and len(values) >= min_samples:
                out[r] = reduce(values, ddof)
    return kernel


def quantile_value(values: list, q: float, method: str):
    """The engine's ``Quantile`` of some numbers (None when there are none): Polars' interpolation
    methods over the values sorted with NaN last."""
    v = sorted((float(x) for x in values if x is not None), key=lambda x: (math.isnan(x), x))
    n = len(v)
    if not n:
        return None
    if method == "equiprobable":
        return v[max(0, math.ceil(q * n) - 1)]
    position = q * (n - 1)
    low, high = v[math.floor(position)], v[math.ceil(position)]
    return {"nearest": v[math.floor(position + 0.5)], "lower": low, "higher": high,
            "midpoint": (low + high) / 2, "linear": low + (high - low) * (position - math.floor(position))}[method]


def _rolling_quantile(x, w, out, size, min_samples, center, q=0.5, method="linear"):
    _rolling(lambda values, ddof: quantile_value(values, q, method))(x, w, out, size, min_samples, center)


def _interpolate(x, w, out):
    previous = None
    for i, r in enumerate(w):
        if x[r] is None:
            continue
        out[r] = float(x[r])
        if previous is not None and i - previous > 1:
            start = float(x[w[previous]])
            step = (float(x[r]) - start) / (i - previous)
            for j in range(previous + 1, i):
                out[w[j]] = start + step * (j - previous)
        previous = i


def _nan_aware(pick):
    """min and max that carry NaN on, as Polars' rolling ones."""
    return lambda values, ddof: math.nan if any(_is_nan(v) for v in values) else pick(values)


def _variance(values, ddof):
    n = len(values)
    if n <= ddof:
        return None
    mean = sum(float(v) for v in values) / n
    return sum((float(v) - mean) ** 2 for v in values) / (n - ddof)


_KERNELS = {"rank": _rank, "cum_sum": _running(lambda a, b: a + b), "cum_prod": _running(lambda a, b: a * b),
            "cum_min": _min_max(min), "cum_max": _min_max(max), "cum_count": _cum_count, "shift": _shift,
            "diff": _against_earlier(lambda a, b: a - b), "pct_change": _against_earlier(_pct),
            "is_first_distinct": _distinct(False), "is_last_distinct": _distinct(True),
            "forward_fill": _fill(1), "backward_fill": _fill(-1), "reverse": _reverse, "rle_id": _rle_id,
            "rolling_sum": _rolling(lambda v, d: sum(v)), "rolling_mean": _rolling(lambda v, d: float(sum(v)) / len(v)),
            "rolling_min": _rolling(_nan_aware(min)), "rolling_max": _rolling(_nan_aware(max)),
            "rolling_var": _rolling(_variance), "rolling_median": _rolling_quantile,
            "rolling_quantile": _rolling_quantile, "interpolate": _interpolate,
            "rolling_std": _rolling(lambda v, d: None if _variance(v, d) is None else math.sqrt(_variance(v, d)))}


from polaroid.portable_windows_more import ORDERED_MORE  # noqa: E402 - the later functions, one set for the backend

ORDERED |= ORDERED_MORE
