"""Small files of hard values for the differential suite (issue 13): for every type, a column `a` of the
type's hard values (nulls, NaN, ±inf, -0.0, limits, unicode, time-zone edges, bytes), a column `b` of the
same values in reverse (so each value meets every other and stands first and last), a group key `k`
and a row id `i`. Every type is written in four variants: as generated, with the columns and rows
in the other order, with no rows, and with every value null."""
import datetime as dt
import decimal
import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

NY = "America/New_York"
_UTC = dt.timezone.utc


def _instants(tz):
    """Instants around New York's 2024 transitions (a skipped and a repeated hour), before 1970, with
    microseconds, and far from the epoch."""
    return [dt.datetime(2024, 3, 10, 6, 30, tzinfo=_UTC), dt.datetime(2024, 3, 10, 7, 30, tzinfo=_UTC),
            dt.datetime(2024, 11, 3, 5, 30, tzinfo=_UTC), dt.datetime(2024, 11, 3, 6, 30, tzinfo=_UTC),
            dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=_UTC), dt.datetime(1970, 1, 1, tzinfo=_UTC),
            dt.datetime(2000, 2, 29, 12, 0, 0, 1, tzinfo=_UTC), dt.datetime(1900, 1, 1, 4, 56, 2, tzinfo=_UTC),
            dt.datetime(2262, 1, 1, tzinfo=_UTC)]


def _naive(values):
    return [v.replace(tzinfo=None) for v in values]


D = decimal.Decimal
# type name -> (Arrow type, hard values); None is added to every list.
TYPES = {
    "i64": (pa.int64(), [0, -1, 1, 2 ** 63 - 1, -(2 ** 63), 42, 42, 2 ** 53 + 1]),
    "i32": (pa.int32(), [0, -1, 2 ** 31 - 1, -(2 ** 31), 7, 7]),
    "f64": (pa.float64(), [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.5, -2.5, 2.5, 1e300, 5e-324, math.nan, 0.1]),
    "f32": (pa.float32(), [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.5, -2.5, 3.4e38, 0.1]),
    "bool": (pa.bool_(), [True, False, True]),
    "str": (pa.string(), ["", "a", "A", "é", "ß", "ǅ", "ﬁ", "İ", "日本", "😀", " a ", "a", "\u0000x"]),
    "date": (pa.date32(), [dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(2000, 2, 29), dt.date(2024, 3, 10),
                           dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2000, 2, 29)]),
    "datetime": (pa.timestamp("us"), _naive(_instants(None))),
    "datetime_tz": (pa.timestamp("us", NY), _instants(NY)),
    "datetime_ms_utc": (pa.timestamp("ms", "UTC"), [v.replace(microsecond=0) for v in _instants("UTC")]),
    "decimal": (pa.decimal128(10, 2), [D("0"), D("-0.01"), D("99999999.99"), D("-99999999.99"), D("1.25"),
                                       D("2.35"), D("1.25"), D("-2.50")]),
    "duration": (pa.duration("us"), [dt.timedelta(0), dt.timedelta(microseconds=-1), dt.timedelta(days=1),
                                      dt.timedelta(days=-3, hours=5), dt.timedelta(days=10 ** 5)]),
    "time": (pa.time64("us"), [dt.time(0), dt.time(23, 59, 59, 999999), dt.time(12, 30), dt.time(0)]),
    # bytes: empty, zero bytes, invalid UTF-8, 0x7f/0x80 (the signed/unsigned boundary), prefixes, repeats
    "binary": (pa.binary(), [b"", b"\x00", b"\xff\xfe", b"a", b"ab", b"a\x00", b"\x7f", b"\x80", b"\xff", b"ab"]),
}
NUMERIC = {"i64", "i32", "f64", "f32", "decimal"}
FLOATS = {"f64", "f32"}
INTEGERS = {"i64", "i32"}
DATETIMES = {"datetime", "datetime_tz", "datetime_ms_utc"}
TEMPORAL = DATETIMES | {"date"}
VARIANTS = ["hard", "turned", "empty", "nulls"]


def table(name: str, variant: str) -> pa.Table:
    arrow_type, values = TYPES[name]
    values = list(values[:3]) + [None] + list(values[3:])  # a null in the middle too
    if variant == "empty":
        values = []
    elif variant == "nulls":
        values = [None] * 4
    n = len(values)
    a = pa.array(values, arrow_type)
    b = pa.array(list(reversed(values)), arrow_type)
    k = pa.array([None if j % 5 == 4 else "k%d" % (j % 3) for j in range(n)], pa.string())
    i = pa.array(range(n), pa.int64())
    columns = {"i": i, "k": k, "a": a, "b": b}
    if variant == "turned":  # other column order, rows reversed
        columns = {name_: columns[name_].take(pa.array(range(n - 1, -1, -1))) for name_ in ["b", "a", "k", "i"]}
    return pa.table(columns)


def write_all(folder: Path) -> dict:
    """Every type in every variant as Parquet; returns {(type, variant): path}."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in TYPES:
        for variant in VARIANTS:
            path = folder / ("%s-%s.parquet" % (name, variant))
            pq.write_table(table(name, variant), path)
            paths[name, variant] = path
    return paths


def probes(name: str) -> list:
    """A few of the type's values (a NaN among floats), for `is_in` and comparisons with a literal."""
    _, values = TYPES[name]
    return [values[0], values[3] if len(values) > 3 else values[-1], values[-1]]
