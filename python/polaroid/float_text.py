"""Floats as Polars writes them as text (JSON, CSV, a cast to String)."""
import decimal
import math


def as_text(v: float, digits_of: str = None, plain_from: int = -5, plain_to: int = 15) -> str:
    """A float as Polars writes it in JSON and CSV: shortest digits (``digits_of``, else the double's),
    scientific from 1e16 and below 1e-5 (a Float32: from 1e13 and below 1e-6); JSON writes NaN and
    infinities as null."""
    if math.isnan(v) or math.isinf(v):
        return "null"
    if v == 0:
        return "-0.0" if math.copysign(1, v) < 0 else "0.0"
    d = decimal.Decimal(digits_of or repr(v)).normalize()
    sign, digits, exp = d.as_tuple()
    first = len(digits) + exp - 1
    text = "".join(map(str, digits))
    if first > plain_to or first < plain_from:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return "%s%se%s%d" % ("-" if sign else "", mantissa, "+" if first > 0 else "", first)
    plain = format(d, "f")
    return plain if "." in plain else plain + ".0"


def shortest32(v: float) -> str:
    """The shortest text that reads back as the same float32."""
    import struct as _struct
    target = _struct.pack("f", v)
    for digits in range(1, 10):
        text = "%.*g" % (digits, v)
        if _struct.pack("f", float(text)) == target:
            return text
    return repr(v)


def polars_text(v: float, float32: bool = False) -> str:
    """A float as Polars writes it in CSV and casts it to String: ``NaN``, ``inf``, shortest digits."""
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    return as_text(v, shortest32(v), -6, 12) if float32 else as_text(v)
