"""The portable backend's kernels for the engine's StringMoreFunctions, value by value in Python with
the engine's rules: Polars' title case, Unicode normal forms, many literal patterns (Polars'
Aho-Corasick matches), every match of a regular expression, parsing in chrono's format syntax, and
time zones (``replace_time_zone``, ``convert_time_zone``, ``cast_time_unit``)."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
import zoneinfo

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError

_UNITS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_EPOCH = _dt.datetime(1970, 1, 1)


def _values(v):
    return [v.as_py()] if isinstance(v, pa.Scalar) else v.to_pylist()


def _per_value(function, out_type):
    """``function`` of each non-null value (null stays null); a scalar in gives a scalar out."""
    def kernel(v, *params):
        params = [p.as_py() for p in params]
        out_t = out_type(v, params) if callable(out_type) else out_type
        out = [None if x is None else function(x, *params) for x in _values(v)]
        return pa.scalar(out[0], out_t) if isinstance(v, pa.Scalar) else pa.array(out, out_t)
    return kernel


def _alphabetic(ch: str) -> bool:
    """Unicode's Alphabetic, as Java and Rust test it (letters and letter numbers; Python cannot see
    the few marks that are Other_Alphabetic)."""
    return ch.isalpha() or unicodedata.category(ch) == "Nl"


def titlecase(s: str) -> str:
    """Polars' title case: after a non-alphabetic character (or first) title case, else lower case (a
    Σ ending a word is ς)."""
    out, boundary = [], True
    for i, ch in enumerate(s):
        if boundary:
            out.append(ch.title())
        elif ch == "Σ":
            ends = i + 1 >= len(s) or not _alphabetic(s[i + 1])
            out.append("ς" if ends else "σ")
        else:
            out.append(ch.lower())
        boundary = not _alphabetic(ch)
    return "".join(out)


def _fold(text: str, insensitive: bool) -> str:
    return text.translate(_ASCII_LOWER) if insensitive else text


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def matches(s: str, patterns: list, insensitive: bool, leftmost: bool) -> list:
    """(start, end, pattern index) of each match, left to right without overlaps, as the engine."""
    folded, keys = _fold(s, insensitive), [_fold(p, insensitive) for p in patterns]
    out, start_from = [], 0
    while start_from <= len(s):
        found = None
        if leftmost:
            for start in range(start_from, len(s) + 1):
                p = next((k for k, key in enumerate(keys) if folded.startswith(key, start)), None)
                if p is not None:
                    found = (start, start + len(keys[p]), p)
                    break
        else:
            for end in range(start_from, len(s) + 1):
                p = next((k for k, key in enumerate(keys)
                          if end - len(key) >= start_from and folded.startswith(key, end - len(key))), None)
                if p is not None:
                    found = (end - len(keys[p]), end, p)
                    break
        if found is None:
            break
        out.append(found)
        start_from = found[1] if found[1] > found[0] else found[1] + 1
    return out


def _replace_many(s, insensitive, leftmost, *pairs):
    patterns, replacements = list(pairs[0::2]), list(pairs[1::2])
    out, done = [], 0
    for start, end, p in matches(s, patterns, insensitive, leftmost):
        out.append(s[done:start] + replacements[p])
        done = end
    return "".join(out) + s[done:]


def _find_many(s, insensitive, leftmost, *patterns):
    return [len(s[:a].encode("utf-8")) for a, _, _ in matches(s, list(patterns), insensitive, leftmost)]


def _extract_many(s, insensitive, leftmost, *patterns):
    return [s[a:b] for a, b, _ in matches(s, list(patterns), insensitive, leftmost)]


_OPEN, _CLOSE = "\x01", "\x02"


def _extract_all(s, pattern):
    """Every match, found by pyarrow's RE2 (the engine's RE2J syntax): each match is marked, then read back."""
    pattern = pattern.as_py()
    values = _values(s)
    if any(v is not None and (_OPEN in v or _CLOSE in v) for v in values):
        raise PolaroidError("the portable backend cannot run str.extract_all on text holding \\x01 or \\x02; use the "
                            "distributed backend", "NOT_SUPPORTED")
    marked = pc.replace_substring_regex(pa.array(values, pa.string()), pattern, _OPEN + "\\0" + _CLOSE)
    out = [None if v is None else re.findall(_OPEN + "(.*?)" + _CLOSE, v, re.S) for v in marked.to_pylist()]
    return pa.scalar(out[0], _LIST_OF_STRINGS) if isinstance(s, pa.Scalar) else pa.array(out, _LIST_OF_STRINGS)


# ---- chrono's strptime ----

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d",
                    "%Y/%m/%dT%H:%M:%S%.f", "%Y/%m/%d %H:%M:%S%.f", "%Y/%m/%d %H:%M", "%Y/%m/%d"]
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def compile_format(fmt: str) -> list:
    """The format as items (code, text, width), as the engine's ChronoFormat compiles it."""
    f = fmt.replace("%F", "%Y-%m-%d").replace("%T", "%H:%M:%S").replace("%D", "%m/%d/%y").replace("%R", "%H:%M")
    items, i = [], 0
    while i < len(f):
        c = f[i]
        if c.isspace():
            items.append((" ", None, 0))
            while i < len(f) and f[i].isspace():
                i += 1
            continue
        if c != "%":
            items.append(("L", c, 0))
            i += 1
            continue
        if i + 1 >= len(f):
            raise PolaroidError("a format cannot end with a lone %", "INVALID_PLAN")
        d = f[i + 1]
        if f.startswith(".f", i + 1):
            items.append((".", None, 0))
            i += 3
        elif d == "." and len(f) > i + 3 and f[i + 2] in "369" and f[i + 3] == "f":
            items.append((".", None, int(f[i + 2])))
            i += 4
        elif d in "369" and len(f) > i + 2 and f[i + 2] == "f":
            items.append(("F", None, int(d)))
            i += 3
        elif f.startswith(":z", i + 1):
            items.append(("z", None, 0))
            i += 3
        elif d in "YmdHMSyjeIpbBhaAfzs":
            items.append((d, None, 0))
            i += 2
        elif d == "%":
            items.append(("L", "%", 0))
            i += 2
        elif d in "nt":
            items.append((" ", None, 0))
            i += 2
        else:
            raise PolaroidError("the format directive %%%s is not one Polaroid parses (in '%s')" % (d, fmt),
                                "INVALID_PLAN")
    return items


class _Cursor:
    def __init__(self, s, at):
        self.s, self.at = s, at

    def number(self, low, high):
        """After any whitespace (chrono skips it before a number)."""
        self.skip_space()
        return self.digits(low, high)

    def skip_space(self):
        while self.at < len(self.s) and self.s[self.at].isspace():
            self.at += 1

    def digits(self, low, high):
        start = self.at
        while self.at < len(self.s) and self.at - start < high and "0" <= self.s[self.at] <= "9":
            self.at += 1
        return -1 if self.at - start < low else int(self.s[start:self.at])

    def name(self, names, full):
        rest = self.s[self.at:].lower()
        for k, n in enumerate(names if full else []):
            if rest.startswith(n):
                self.at += len(n)
                return k
        for k, n in enumerate(names):
            if rest.startswith(n[:3]):
                self.at += 3
                return k
        return -1


def _parse_at(items, s: str, start: int, exact: bool):
    """(local datetime, nanoseconds, offset seconds or None), or None: the engine's ChronoFormat.parseAt."""
    c = _Cursor(s, start)
    year, month, day, ordinal, hour, minute, second, nanos = None, 1, 1, -1, 0, 0, 0, 0
    hour12, pm, offset, epoch = -1, -1, None, None
    for code, text, width in items:
        if code == " ":
            c.skip_space()
        elif code == "L":
            if not s.startswith(text, c.at):
                return None
            c.at += len(text)
        elif code == "Y":
            c.skip_space()
            minus = c.at < len(s) and s[c.at] == "-"
            if c.at < len(s) and s[c.at] in "+-":
                c.at += 1
            y = c.number(1, 4)
            if y < 0:
                return None
            year = -y if minus else y
        elif code == "y":
            y = c.number(1, 2)
            if y < 0:
                return None
            year = 2000 + y if y < 70 else 1900 + y
        elif code in "mdeHMSIj":
            v = c.number(1, 3 if code == "j" else 2)
            if v < 0:
                return None
            if code == "m":
                month = v
            elif code in "de":
                day = v
            elif code == "H":
                hour = v
            elif code == "M":
                minute = v
            elif code == "S":
                second = v
            elif code == "I":
                hour12 = v
            else:
                ordinal = v
        elif code in "bBh":
            m = c.name(_MONTHS, code == "B")
            if m < 0:
                return None
            month = m + 1
        elif code in "aA":
            if c.name(_DAYS, code == "A") < 0:
                return None
        elif code == "p":
            rest = s[c.at:c.at + 2].lower()
            if rest not in ("am", "pm"):
                return None
            pm, c.at = int(rest == "pm"), c.at + 2
        elif code == "f":
            v = c.number(1, 9)
            if v < 0:
                return None
            nanos = v
        elif code == ".":
            if c.at < len(s) and s[c.at] == ".":
                c.at += 1
                begin = c.at
                v = c.digits(1, 9) if width == 0 else c.digits(width, width)
                if v < 0 or (width and c.at < len(s) and s[c.at].isdigit()):
                    return None
                nanos = v * 10 ** (9 - (c.at - begin))
        elif code == "F":
            begin = c.at
            v = c.digits(width, width)
            if v < 0:
                return None
            nanos = v * 10 ** (9 - (c.at - begin))
        elif code == "z":
            if c.at >= len(s) or s[c.at] not in "+-":
                return None
            sign = -1 if s[c.at] == "-" else 1
            c.at += 1
            hh = c.digits(2, 2)
            if hh < 0:
                return None
            if c.at < len(s) and s[c.at] == ":":
                c.at += 1
            before = c.at
            mm = c.digits(2, 2)
            if mm < 0:
                c.at, mm = before, 0
            offset = sign * (hh * 3600 + mm * 60)
        elif code == "s":
            c.skip_space()
            minus = c.at < len(s) and s[c.at] == "-"
            if minus:
                c.at += 1
            v = c.digits(1, 18)
            if v < 0:
                return None
            epoch = -v if minus else v
    if exact and c.at != len(s):
        return None
    try:
        if epoch is not None:
            return _EPOCH + _dt.timedelta(seconds=epoch), nanos, 0
        if year is None:
            return None
        if hour12 >= 0:
            if not 1 <= hour12 <= 12 or pm < 0:
                return None
            hour = hour12 % 12 + (12 if pm else 0)
        if ordinal >= 0:
            if not 1 <= ordinal <= (366 if _dt.date(year, 12, 31).timetuple().tm_yday == 366 else 365):
                return None
            date = _dt.date(year, 1, 1) + _dt.timedelta(days=ordinal - 1)
        else:
            date = _dt.date(year, month, day)
        if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
            return None
        return _dt.datetime(date.year, date.month, date.day, hour, minute, second), nanos, offset
    except (ValueError, OverflowError):
        return None


def parse(items, s: str, exact: bool):
    if exact:
        return _parse_at(items, s, 0, True)
    for start in range(len(s)):
        p = _parse_at(items, s, start, False)
        if p is not None:
            return p
    return None


def _wall_to_value(local: _dt.datetime, nanos: int, unit: str, zone, ambiguous: str, non_existent: str):
    """The timestamp value of a wall time in ``zone`` (None: naive), or None where the rules say null."""
    offset = 0
    if zone is not None:
        offsets = []
        for fold in (0, 1):
            aware = local.replace(tzinfo=zone, fold=fold)
            back = aware.astimezone(_dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
            if back == local:
                offsets.append(int(aware.utcoffset().total_seconds()))
        offsets = sorted(set(offsets), reverse=True)  # the earlier instant first
        if not offsets:
            if non_existent == "null":
                return None
            raise PolaroidError("datetime '%s' is non-existent in time zone '%s'. You may be able to use "
                                "`non_existent='null'`." % (local.isoformat(), zone.key), "INVALID_VALUE")
        if len(offsets) > 1:
            if ambiguous == "null":
                return None
            if ambiguous not in ("earliest", "latest"):
                raise PolaroidError("datetime '%s' is ambiguous in time zone '%s'. Please use `ambiguous` to tell "
                                    "how it should be localized." % (local.isoformat(), zone.key), "INVALID_VALUE")
            offsets = offsets[:1] if ambiguous == "earliest" else offsets[1:]
        offset = offsets[0]
    delta = local - _EPOCH
    seconds = delta.days * 86400 + delta.seconds - offset
    per = _UNITS[unit]
    return seconds * per + nanos // (10**9 // per)  # ``local`` is whole seconds, ``nanos`` the rest


def _strptime(s, kind, fmt, unit, time_zone, strict, exact, ambiguous):
    s_values = _values(s)
    formats = [compile_format(f) for f in ((DATE_FORMATS if kind == "date" else DATETIME_FORMATS) if not fmt else [fmt])]
    zone = zoneinfo.ZoneInfo(time_zone) if time_zone else None
    out = []
    for v in s_values:
        if v is None:
            out.append(None)
            continue
        parsed = next((p for p in (parse(items, v, exact) for items in formats) if p is not None), None)
        if parsed is None:
            if strict:
                target = "date" if kind == "date" else "datetime[%s%s]" % ("μs" if unit == "us" else unit,
                                                                           ", " + time_zone if time_zone else "")
                raise PolaroidError("conversion from `str` to `%s` failed for the value '%s'%s; you might want to try:"
                                    " setting `strict=False` to set values that cannot be converted to null, or a "
                                    "different format" % (target, v, " with the format '%s'" % fmt if fmt else ""),
                                    "INVALID_VALUE")
            out.append(None)
            continue
        local, nanos, offset = parsed
        if kind == "date":
            out.append(local.date())
        elif offset is not None:
            out.append(_wall_to_value(local - _dt.timedelta(seconds=offset), nanos, unit, None, "raise", "raise"))
        else:
            out.append(_wall_to_value(local, nanos, unit, zone, ambiguous, "raise"))
    t = pa.date32() if kind == "date" else pa.timestamp(unit, time_zone or None)
    arr = pa.array(out, t if kind == "date" else pa.int64())
    arr = arr if kind == "date" else arr.cast(t)
    return arr[0] if isinstance(s, pa.Scalar) else arr


def _wall_time(value: int, unit: str, zone) -> tuple:
    """(local datetime to the microsecond, nanoseconds in the second) of a timestamp value."""
    per = _UNITS[unit]
    seconds, rest = divmod(value, per)
    nanos = rest * (10**9 // per)
    utc = _EPOCH + _dt.timedelta(seconds=seconds)
    if zone is not None:
        utc = utc.replace(tzinfo=_dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
    return utc, nanos


def _replace_time_zone(x, time_zone, ambiguous, non_existent):
    time_zone, ambiguous, non_existent = time_zone.as_py(), ambiguous.as_py(), non_existent.as_py()
    x = x if not isinstance(x, pa.ChunkedArray) else x.combine_chunks()
    unit, source = x.type.unit, x.type.tz
    zone_from = zoneinfo.ZoneInfo(source) if source else None
    zone_to = zoneinfo.ZoneInfo(time_zone) if time_zone else None
    values = _values(pc.cast(x, pa.int64()))
    out = []
    for v in values:
        if v is None:
            out.append(None)
            continue
        local, nanos = _wall_time(v, unit, zone_from)
        out.append(_wall_to_value(local, nanos, unit, zone_to, ambiguous, non_existent))
    arr = pa.array(out, pa.int64()).cast(pa.timestamp(unit, time_zone or None))
    return arr[0] if isinstance(x, pa.Scalar) else arr


def _convert_time_zone(x, time_zone):
    return pc.cast(pc.cast(x, pa.int64()), pa.timestamp(x.type.unit, time_zone.as_py()))


def _cast_time_unit(x, unit):
    unit = unit.as_py()
    raw = pc.cast(x, pa.int64())
    have, want = _UNITS[x.type.unit], _UNITS[unit]
    if want >= have:
        moved = pc.multiply_checked(raw, want // have)
    else:
        step = have // want
        q = pc.divide(raw, step)  # toward zero
        fix = pc.less(pc.subtract(raw, pc.multiply(q, step)), 0)
        moved = pc.if_else(fix, pc.subtract(q, 1), q)
    return pc.cast(moved, pa.timestamp(unit, x.type.tz))


_LIST_OF_STRINGS = pa.list_(pa.string())
_NS = {"ns": 1, "us": 10**3, "ms": 10**6, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9, "d": 86400 * 10**9}
_NS.update({"w": 7 * _NS["d"], "mo": 28 * _NS["d"], "q": 84 * _NS["d"], "y": 336 * _NS["d"]})


def _round(x, every):
    """``truncate(x + every / 2, every)`` with a month of 28 days, as the engine binds dt.round (Polars')."""
    from polaroid.portable import _calendar
    text = every.as_py()
    m = re.fullmatch(r"(\d+)(ns|us|ms|s|m|h|d|w|mo|q|y)", text)
    if m is None:
        raise PolaroidError("dt.round takes one unit of y, q, mo, w, d, h, m, s, ms, us or ns, as \"1mo\" or \"15m\","
                            " not \"%s\"" % text, "INVALID_PLAN")
    half = int(m.group(1)) * _NS[m.group(2)] // 2
    x = x.combine_chunks() if isinstance(x, pa.ChunkedArray) else x
    if pa.types.is_date32(x.type):
        moved = pc.cast(pc.add(pc.cast(x, pa.int32()), pa.scalar(half // _NS["d"], pa.int32())), pa.date32())
    else:
        if x.type.tz:
            raise PolaroidError("dt.round is not supported yet on a timestamp with a time zone; replace_time_zone(None)"
                                " first", "INVALID_PLAN")
        step = 10**9 // _UNITS[x.type.unit]
        moved = pc.cast(pc.add(pc.cast(x, pa.int64()), half // step), x.type)
    return _calendar("dt.truncate", moved, every)

def _case(python, arrow):
    """Full Unicode case mapping, as Polars (Rust): 'ß' upper is 'SS' where pyarrow maps one letter to one;
    pyarrow's kernel where the text is ASCII."""
    per_value = _per_value(python, pa.string())

    def kernel(s):
        ascii_only = pc.all(pc.string_is_ascii(s)) if not isinstance(s, pa.Scalar) else pc.string_is_ascii(s)
        return arrow(s) if ascii_only.as_py() is not False else per_value(s)
    return kernel


FUNCTIONS = {
    "str.to_uppercase": _case(str.upper, pc.utf8_upper),
    "str.to_lowercase": _case(str.lower, pc.utf8_lower),
    "str.len_chars": lambda s: pc.cast(pc.utf8_length(s), pa.int64()),  # Polars' UInt32 count, Int64 here
    "str.to_titlecase": _per_value(titlecase, pa.string()),
    "str.normalize": lambda s, form: pc.utf8_normalize(s, form.as_py()),
    "str.replace_many": _per_value(_replace_many, pa.string()),
    "str.extract_many": _per_value(_extract_many, _LIST_OF_STRINGS),
    "str.extract_all": _extract_all,
    "str.find_many": _per_value(_find_many, pa.list_(pa.int64())),
    "str.strptime": lambda s, *params: _strptime(s, *[p.as_py() for p in params]),
    "dt.replace_time_zone": _replace_time_zone,
    "dt.convert_time_zone": _convert_time_zone,
    "dt.cast_time_unit": _cast_time_unit,
    "dt.round": _round,
}
