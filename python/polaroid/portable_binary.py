"""The portable backend's Binary functions (the engine's BinaryFunctions) on pyarrow: the ``bin``
predicates and ``bin.size`` on pyarrow's kernels, hex and base64 value by value in Python, and a cast of
bytes to text that fails on invalid UTF-8 whether strict or not, as Polars."""
from __future__ import annotations

import base64
import binascii
import struct

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError


def is_binary(t) -> bool:
    return pa.types.is_binary(t) or pa.types.is_large_binary(t) or getattr(pa.types, "is_binary_view", lambda x: False)(t)


def to_text(v):
    """Bytes as text; invalid UTF-8 fails the query (Polars: "invalid utf8", also when not strict)."""
    try:
        return pc.cast(v, pa.string())
    except pa.ArrowInvalid:
        values = [v.as_py()] if isinstance(v, pa.Scalar) else v.to_pylist()
        bad = next(x for x in values if x is not None and not _utf8(x))
        raise PolaroidError("cannot cast %r (binary) to str: invalid utf8" % (bad,), "INVALID_VALUE") from None


def _utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _bytes(v):
    """A column (or scalar) of bytes as pyarrow binary."""
    return pc.cast(v, pa.binary()) if not pa.types.is_binary(v.type) else v


def _predicate(kernel, test):
    """pyarrow's kernel for a literal pattern; row by row for a column of patterns (null where either is)."""
    def run(b, pattern):
        if isinstance(pattern, pa.Scalar):
            if pattern.is_valid:
                return kernel(_bytes(b), pattern=pattern.as_py())
            return pa.scalar(None, pa.bool_()) if isinstance(b, pa.Scalar) else pa.nulls(len(b), pa.bool_())
        values = [b.as_py()] * len(pattern) if isinstance(b, pa.Scalar) else b.to_pylist()
        return pa.array([None if x is None or p is None else test(x, p) for x, p in zip(values, pattern.to_pylist())],
                        pa.bool_())
    return run


def _size(b, unit):
    lengths = pc.cast(pc.binary_length(_bytes(b)), pa.int64())
    step = ("b", "kb", "mb", "gb", "tb").index(unit.as_py())
    return lengths if step == 0 else pc.divide(pc.cast(lengths, pa.float64()), float(1 << (10 * step)))


def _per_value(b, fn, out_type):
    values = [b.as_py()] if isinstance(b, pa.Scalar) else b.to_pylist()
    out = [None if x is None else fn(x.encode("utf-8") if isinstance(x, str) else x) for x in values]
    return pa.scalar(out[0], out_type) if isinstance(b, pa.Scalar) else pa.array(out, out_type)


def _encode(b, encoding):
    hex_ = encoding.as_py() == "hex"
    return _per_value(b, lambda x: x.hex() if hex_ else base64.b64encode(x).decode("ascii"), pa.string())


def _decode(b, encoding, strict):
    hex_, strict = encoding.as_py() == "hex", strict.as_py()

    def one(x: bytes):
        try:
            if not hex_:
                return base64.b64decode(x, validate=True)
            if len(x) % 2 or any(c not in b"0123456789abcdefABCDEF" for c in x):  # fromhex would skip spaces
                raise ValueError("not hex")
            return bytes.fromhex(x.decode("ascii"))
        except (ValueError, binascii.Error):
            if strict:
                raise PolaroidError("invalid `%s` encoding found; try setting `strict=false` to ignore"
                                    % encoding.as_py(), "INVALID_VALUE") from None
            return None
    return _per_value(b, one, pa.binary())


def _range(n: int, fn: str, a: int, length):
    """The kept bytes [from, to) of a value of n bytes (the engine's BytesSliceExpr.range)."""
    if fn == "bin.head":
        start, stop = 0, a if a >= 0 else n + a
    elif fn == "bin.tail":
        start, stop = n - a if a >= 0 else -a, n
    else:
        start = a if a >= 0 else n + a
        stop = n if length is None else start + length
    start = max(0, min(start, n))
    return start, max(start, min(stop, n))


def _positional(fn):
    def run(b, a, length=None):
        a, length = a.as_py(), None if length is None else length.as_py()
        return _per_value(b, lambda x: x[slice(*_range(len(x), fn, a, length))], pa.binary())
    return run


def _get(b, index, null_on_oob=None):
    i, lenient = index.as_py(), null_on_oob is not None and null_on_oob.as_py()

    def one(x: bytes):
        at = i if i >= 0 else len(x) + i
        if 0 <= at < len(x):
            return x[at]
        if lenient:
            return None
        raise PolaroidError("get index is out of bounds: byte %d of a value of %d bytes; null_on_oob=True makes it null"
                            % (i, len(x)), "INVALID_VALUE")
    return _per_value(b, one, pa.int64())


_FORMATS = {pa.int8(): "b", pa.int16(): "h", pa.int32(): "i", pa.int64(): "q", pa.float32(): "f", pa.float64(): "d"}


def _reinterpret(b, typed, little):
    """Values of exactly the type's width as that number (little- or big-endian); others null."""
    code = _FORMATS.get(typed.type)
    if code is None:
        raise PolaroidError("bin.reinterpret reads an integer or float type only, not %s" % typed.type, "NOT_SUPPORTED")
    fmt = ("<" if little.as_py() else ">") + code
    width = struct.calcsize(fmt)
    return _per_value(b, lambda x: struct.unpack(fmt, x)[0] if len(x) == width else None, typed.type)


FUNCTIONS = {
    "bin.contains": _predicate(pc.match_substring, lambda x, p: p in x),
    "bin.starts_with": _predicate(pc.starts_with, lambda x, p: x.startswith(p)),
    "bin.ends_with": _predicate(pc.ends_with, lambda x, p: x.endswith(p)),
    "bin.size": _size,
    "bin.encode": _encode,
    "bin.decode": _decode,
    "bin.slice": _positional("bin.slice"),
    "bin.head": _positional("bin.head"),
    "bin.tail": _positional("bin.tail"),
    "bin.get": _get,
    "bin.reinterpret": _reinterpret,
    "str.encode": _encode,
    "str.decode": _decode,
}
