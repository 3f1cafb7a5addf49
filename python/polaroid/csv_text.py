"""``DataFrame.write_csv`` as Polars writes CSV: a value is quoted only when it must be (it holds the
separator, the quote or a line break) or is the empty string (so that it differs from a null, written
as nothing); floats in their shortest digits with ``.0``, ``NaN`` and ``inf``; ``true``/``false``;
times and datetimes with their unit's digits and a time zone's offset. Nested values are refused."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa

from polaroid.float_text import polars_text

_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}


def _timestamps(values: pa.Array, unit: str, zone: str | None) -> list:
    """Each timestamp as ``2020-01-02T03:04:05.000006`` (the unit's digits) with ``+0100`` in a zone."""
    from zoneinfo import ZoneInfo
    per_second = 10 ** _DIGITS[unit]
    out = []
    for count in values.cast(pa.int64()).to_pylist():
        if count is None:
            out.append(None)
            continue
        seconds, fraction = divmod(count, per_second)
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)
        moment = moment.astimezone(ZoneInfo(zone)) if zone else moment
        text = moment.strftime("%Y-%m-%dT%H:%M:%S") + ("." + str(fraction).zfill(_DIGITS[unit]) if _DIGITS[unit] else "")
        out.append(text + (moment.strftime("%z") if zone else ""))
    return out


def _time_of_day(nanos: int) -> str:
    seconds, fraction = divmod(nanos, 10 ** 9)
    return "%02d:%02d:%02d.%09d" % (seconds // 3600, seconds // 60 % 60, seconds % 60, fraction)


def _texts(values: pa.Array, name: str) -> list:
    """The column's values as text (None for a null)."""
    t = values.type
    if pa.types.is_floating(t):
        return [None if v is None else polars_text(v, pa.types.is_float32(t)) for v in values.to_pylist()]
    if pa.types.is_boolean(t):
        return [None if v is None else "true" if v else "false" for v in values.to_pylist()]
    if pa.types.is_timestamp(t):
        return _timestamps(values, t.unit, t.tz)
    if pa.types.is_time(t):  # always nine digits of the second, as Polars
        per_unit = 10 ** (9 - _DIGITS[t.unit])
        return [None if n is None else _time_of_day(n * per_unit) for n in values.cast(pa.int64()).to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else format(v, "f") for v in values.to_pylist()]
    if pa.types.is_integer(t) or pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_date(t) \
            or pa.types.is_null(t) or pa.types.is_dictionary(t):
        return [None if v is None else v if isinstance(v, str) else v.isoformat() if isinstance(v, dt.date) else str(v)
                for v in values.to_pylist()]
    from polaroid.exceptions import ComputeError
    raise ComputeError("datatype %s of column '%s' cannot be written to CSV; consider using JSON or a binary format"
                       % (t, name), "NOT_SUPPORTED")


def csv_text(table: pa.Table, *, include_header: bool = True, separator: str = ",", line_terminator: str = "\n",
             quote_char: str = '"', null_value: str = "") -> str:
    """The table as Polars' CSV text."""
    special = (separator, quote_char, "\n", "\r")

    def field(v):
        if v is None:
            return null_value
        if v == "" or any(c in v for c in special):
            return quote_char + v.replace(quote_char, quote_char * 2) + quote_char
        return v
    columns = [_texts(table.column(i).combine_chunks(), n) for i, n in enumerate(table.column_names)]
    lines = [separator.join(field(n) for n in table.column_names)] if include_header else []
    lines += [separator.join(field(v) for v in row) for row in zip(*columns)]
    return "".join(line + line_terminator for line in lines)
