"""The portable backend's ``ewm_*``, ``rolling_*_by`` and ``interpolate_by``, computed in Python over
each window's rows as the engine's ``EwmFunction``, ``RollingByFunction`` and ``InterpolateByFunction``
do (and Polars: null rows get null, a ``by`` window holds every row of a tied ``by`` value)."""
from __future__ import annotations

import math
import re

import pyarrow as pa

from polaroid.backend import PolaroidError

EWM = {"ewm_mean", "ewm_std", "ewm_var", "ewm_sum"}
BY = {"rolling_sum_by", "rolling_mean_by", "rolling_min_by", "rolling_max_by", "rolling_std_by", "rolling_var_by",
      "rolling_median_by", "rolling_quantile_by", "interpolate_by", "ewm_mean_by"}
ORDERED_MORE = EWM | BY

_DAY = 86_400_000_000_000
_UNITS = {"w": 7 * _DAY, "d": _DAY, "h": 3_600_000_000_000, "m": 60_000_000_000, "s": 1_000_000_000,
          "ms": 1_000_000, "us": 1_000, "ns": 1, "i": 1, "mo": None, "q": None, "y": None}
_PART = re.compile(r"(\d+)(ns|us|ms|mo|s|m|h|d|w|q|y|i)")
_NANOS = {"s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}


def _error(fn: str, problem: str, code: str = "INVALID_PLAN"):
    return PolaroidError("%s: %s" % (fn, problem), code)


def compute(fn: str, values, by, options: list, windows_rows: list, rows: int):
    """The function's column over each window's rows (``by``: the second column of the ``*_by`` ones)."""
    t = values.type
    if not (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_null(t)
            or fn in ("rolling_min_by", "rolling_max_by") and (pa.types.is_date(t) or pa.types.is_timestamp(t))):
        raise _error(fn, "needs integers or floats, not %s" % t, "TYPE_MISMATCH")
    x = values.to_pylist()
    if pa.types.is_floating(t) or fn not in ("rolling_sum_by", "rolling_min_by", "rolling_max_by"):
        x = [None if v is None else float(v) for v in x]
    out = [None] * rows
    if fn in EWM:
        for w in windows_rows:
            _EWM[fn](x, w, out, *options)
        return pa.array(out, pa.float32() if t == pa.float32() else pa.float64())
    keys, period, scale, window = _keys(fn, by, options)
    for w in windows_rows:
        valid = [r for r in w if keys[r] is not None]
        if fn == "ewm_mean_by":
            _ewm_mean_by(x, keys, sorted(valid, key=lambda r: keys[r]), out, period)
        elif fn == "interpolate_by":
            if len(valid) < len(w):
                raise _error(fn, "does not take null values in `by`", "INVALID_VALUE")
            _interpolate_by(x, keys, sorted(valid, key=lambda r: keys[r]), out)
        else:
            _rolling_by(fn, x, keys, sorted(valid, key=lambda r: keys[r]), out, period, *window)
    return pa.array(out, _result_type(fn, t))


def _result_type(fn: str, t: pa.DataType) -> pa.DataType:
    if fn == "rolling_sum_by":
        return t if t in (pa.int32(), pa.float32(), pa.float64()) else pa.int64()
    if fn in ("rolling_min_by", "rolling_max_by"):
        return pa.int64() if pa.types.is_null(t) else t
    return pa.float32() if t == pa.float32() else pa.float64()


def _keys(fn: str, by, options: list):
    """The ``by`` values times their scale (nanoseconds of dates and datetimes), the period, and the window's options."""
    bt = by.type
    if not (pa.types.is_integer(bt) or pa.types.is_date32(bt) or pa.types.is_timestamp(bt)):
        raise _error(fn, "needs a `by` column of integers, dates or datetimes, not %s" % bt, "TYPE_MISMATCH")
    if pa.types.is_date32(bt):
        raw, scale = by.cast(pa.int32()).to_pylist(), _DAY
    elif pa.types.is_timestamp(bt):
        if bt.tz is not None:
            raise _error(fn, "over a datetime with a time zone (%s) is not supported; convert it with "
                             "dt.replace_time_zone(None) first" % bt, "TYPE_MISMATCH")
        raw, scale = by.cast(pa.int64()).to_pylist(), _NANOS[bt.unit]
    else:
        raw, scale = by.cast(pa.int64()).to_pylist(), 1
    keys = [None if v is None else v * scale for v in raw]
    if fn == "interpolate_by":
        return raw, None, 1, ()
    if fn == "ewm_mean_by":
        parts, period = _duration(fn, "half_life", options[0])
        if "i" in parts and not pa.types.is_integer(bt) or period <= 0:
            raise _error(fn, "half_life must be a positive duration ('4d', '3h'), in 'i' only for a `by` column of "
                             "integers")
        return keys, period, scale, ()
    size, min_samples, closed, *extra = options
    period = _period(fn, size, pa.types.is_integer(bt), bt)
    if closed not in ("right", "left", "both", "none"):
        raise _error(fn, "closed must be one of 'right', 'left', 'both', 'none', not '%s'" % closed)
    ddof = extra[0] if fn in ("rolling_std_by", "rolling_var_by") and extra else 1
    quantile = (0.5, "linear") if fn == "rolling_median_by" else \
        (extra[0], extra[1] if len(extra) > 1 else "nearest") if fn == "rolling_quantile_by" else None
    return keys, period, scale, (closed in ("left", "both"), closed in ("right", "both"), min_samples, ddof, quantile)


def _duration(fn: str, what: str, size: str):
    """A Polars duration's units and its length in nanoseconds (a row per 'i')."""
    parts, end, period = [], 0, 0
    for m in _PART.finditer(size):
        if m.start() != end:
            break
        parts.append(m.group(2))
        end = m.end()
        if _UNITS[m.group(2)] is not None:
            period += int(m.group(1)) * _UNITS[m.group(2)]
    if not size or end != len(size):
        raise _error(fn, "%s must be a Polars duration such as '2d', '3h30m' or '5i', not '%s'" % (what, size))
    if any(_UNITS[u] is None for u in parts):
        raise _error(fn, "%s '%s': calendar months, quarters and years are not supported; give days, hours "
                         "or shorter units" % (what, size))
    return parts, period


def _period(fn: str, size: str, integers: bool, bt) -> int:
    parts, period = _duration(fn, "window_size", size)
    rows = "i" in parts
    if rows != integers or rows and len(parts) != 1:
        raise _error(fn, "window_size must be a number of 'i' ('5i') for a `by` column of integers, not '%s'" % size
                     if integers else "window_size must be a duration ('2d', '3h') for a `by` column of %s, not '%s'"
                     % (bt, size))
    return period


def _rolling_by(fn, x, keys, ordered, out, period, closed_left, closed_right, min_samples, ddof, quantile):
    from polaroid.portable_windows import quantile_value
    lo = hi = 0
    for r in ordered:
        key, start = keys[r], keys[r] - period
        while hi < len(ordered) and (keys[ordered[hi]] <= key if closed_right else keys[ordered[hi]] < key):
            hi += 1
        while lo < hi and (keys[ordered[lo]] < start if closed_left else keys[ordered[lo]] <= start):
            lo += 1
        values = [x[q] for q in ordered[lo:hi] if x[q] is not None]
        n = len(values)
        if n < min_samples or (n == 0 and fn != "rolling_sum_by") or \
                (fn in ("rolling_std_by", "rolling_var_by") and n <= ddof):
            continue
        if fn == "rolling_sum_by":
            out[r] = sum(values)
        elif fn == "rolling_mean_by":
            out[r] = sum(values) / n
        elif fn in ("rolling_min_by", "rolling_max_by"):
            nan = any(isinstance(v, float) and math.isnan(v) for v in values)
            out[r] = math.nan if nan else (min if fn == "rolling_min_by" else max)(values)
        elif fn in ("rolling_std_by", "rolling_var_by"):
            mean = sum(values) / n
            variance = sum((v - mean) ** 2 for v in values) / (n - ddof)
            out[r] = _sqrt(variance) if fn == "rolling_std_by" else variance
        else:
            out[r] = quantile_value(values, quantile[0], quantile[1])


def _interpolate_by(x, keys, ordered, out):
    previous = None
    for p, r in enumerate(ordered):
        if x[r] is None:
            continue
        out[r] = x[r]
        if previous is not None and p - previous > 1:
            start, start_key = x[ordered[previous]], keys[ordered[previous]]
            for q in range(previous + 1, p):  # tied `by` values: NaN, as IEEE's 0 / 0 and inf * 0 in the engine
                out[ordered[q]] = math.nan if keys[r] == start_key else \
                    start + (x[r] - start) / (keys[r] - start_key) * (keys[ordered[q]] - start_key)
        previous = p


def _ewm_mean_by(x, keys, ordered, out, half_life):
    previous = previous_key = None
    for r in ordered:
        if x[r] is None:
            continue
        v = x[r]
        if previous is not None:
            keep = math.exp(-math.log(2) * (keys[r] - previous_key) / half_life)
            v = (1 - keep) * v + keep * previous
        out[r], previous, previous_key = v, v, keys[r]


def _sqrt(v):
    return math.sqrt(v) if v >= 0 or math.isnan(v) else math.nan


def _ewm_mean(x, w, out, alpha, adjust=True, min_samples=1, ignore_nulls=False):
    new_weight = 1.0 if adjust else alpha
    old_weight, average, started, seen = 1.0, 0.0, False, 0
    for r in w:
        v = x[r]
        seen += v is not None
        if not started:
            started, average = v is not None, v if v is not None else 0.0
        elif v is not None or not ignore_nulls:
            old_weight *= 1 - alpha
            if v is not None:
                if average != v:
                    average = (old_weight * average + new_weight * v) / (old_weight + new_weight)
                old_weight = old_weight + new_weight if adjust else 1.0
        if v is not None and seen >= max(1, min_samples):
            out[r] = average


def _ewm_sum(x, w, out, alpha, min_samples=1, ignore_nulls=False):
    total, pending, started, seen = 0.0, 1.0, False, 0
    for r in w:
        v = x[r]
        if v is not None:
            total = total * pending * (1 - alpha) + v if started else v
            pending, started, seen = 1.0, True, seen + 1
            if seen >= max(1, min_samples):
                out[r] = total
        elif started and not ignore_nulls:
            pending *= 1 - alpha


def _ewm_variance(sqrt):
    def kernel(x, w, out, alpha, adjust=True, bias=False, min_samples=1, ignore_nulls=False):
        old_factor, new_weight = 1 - alpha, 1.0 if adjust else alpha
        sum_w = sum_w2 = old_weight = 1.0
        mean, cov, started, seen = 0.0, 0.0, False, 0
        for r in w:
            v = x[r]
            seen += v is not None
            if not started:
                if v is not None:
                    mean, started = v, True
            elif v is not None or not ignore_nulls:
                sum_w *= old_factor
                sum_w2 *= old_factor * old_factor
                old_weight *= old_factor
                if v is not None:
                    old_mean = mean
                    if mean != v:
                        mean = (old_weight * old_mean + new_weight * v) / (old_weight + new_weight)
                    cov = (old_weight * (cov + (old_mean - mean) * (old_mean - mean))
                           + new_weight * (v - mean) * (v - mean)) / (old_weight + new_weight)
                    sum_w += new_weight
                    sum_w2 += new_weight * new_weight
                    old_weight += new_weight
                    if not adjust:
                        sum_w /= old_weight
                        sum_w2 /= old_weight * old_weight
                        old_weight = 1.0
            if v is None or seen < max(1, min_samples):
                continue
            result = cov
            if not bias:
                numerator = sum_w * sum_w
                denominator = numerator - sum_w2
                if not denominator > 0:
                    continue
                result = numerator / denominator * cov
            out[r] = _sqrt(result) if sqrt else result
    return kernel


_EWM = {"ewm_mean": _ewm_mean, "ewm_sum": _ewm_sum, "ewm_var": _ewm_variance(False), "ewm_std": _ewm_variance(True)}
