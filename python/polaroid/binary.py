"""Polars' ``Binary`` values: the ``Expr.bin`` namespace (the engine's BinaryFunctions: contains,
starts_with, ends_with, size, encode, decode, slice, head, tail, get, reinterpret) and ``str.encode`` / ``str.decode`` (hex and base64), on
both backends. Bytes literals (``pl.lit(b"\\x00\\xff")``) travel as the plan's ``binary`` literal."""
from __future__ import annotations

import base64

_UNITS = ("b", "kb", "mb", "gb", "tb")
_ENCODINGS = ("hex", "base64")


def literal(value: bytes) -> dict:
    """The plan form of a bytes literal (protobuf JSON writes bytes as padded standard base64)."""
    return {"binary": base64.b64encode(bytes(value)).decode("ascii")}


def _pattern(value, method: str):
    """A bytes literal (text as its UTF-8 bytes) or a binary expression."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if hasattr(value, "to_dict"):
        return value
    raise TypeError("bin.%s takes bytes or a binary expression, not %r" % (method, value))


def _int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int in Polaroid's bin namespace, not %r" % (what, value))
    return value


def _encoding(encoding: str) -> str:
    if encoding not in _ENCODINGS:
        raise ValueError("encoding must be one of {'hex', 'base64'}, got %r" % (encoding,))
    return encoding


class BinaryNamespace:
    """``col("b").bin.…``"""

    def __init__(self, expr):
        self._e = expr

    def contains(self, literal) -> "Expr":  # noqa: F821
        return self._e._call("bin.contains", _pattern(literal, "contains"))

    def starts_with(self, prefix) -> "Expr":  # noqa: F821
        return self._e._call("bin.starts_with", _pattern(prefix, "starts_with"))

    def ends_with(self, suffix) -> "Expr":  # noqa: F821
        return self._e._call("bin.ends_with", _pattern(suffix, "ends_with"))

    def size(self, unit: str = "b") -> "Expr":  # noqa: F821
        """Bytes per value (Polars' UInt32 is Int64 here), or kb .. tb as Float64 (units of 1024)."""
        if unit not in _UNITS:
            raise ValueError("unit must be one of %s, got %r" % (_UNITS, unit))
        return self._e._call("bin.size", unit)

    def slice(self, offset: int, length: int | None = None) -> "Expr":  # noqa: F821
        """``length`` bytes (all to the end when None) from ``offset`` (negative: from the end), clipped."""
        return self._e._call("bin.slice", _int(offset, "offset"), None if length is None else _int(length, "length"))

    def head(self, n: int = 5) -> "Expr":  # noqa: F821
        return self._e._call("bin.head", _int(n, "n"))

    def tail(self, n: int = 5) -> "Expr":  # noqa: F821
        return self._e._call("bin.tail", _int(n, "n"))

    def get(self, index: int, *, null_on_oob: bool = False) -> "Expr":  # noqa: F821
        """Byte ``index`` (negative: from the end); Polars' UInt8 is Int64 here."""
        return self._e._call("bin.get", _int(index, "index"), null_on_oob)

    def reinterpret(self, *, dtype, endianness: str = "little") -> "Expr":  # noqa: F821
        """Each value of exactly the type's width read as that integer or float type; others are null."""
        from polaroid.expr import lit
        if endianness not in ("little", "big"):
            raise ValueError("endianness must be 'little' or 'big', got %r" % (endianness,))
        return self._e._call("bin.reinterpret", lit(None).cast(dtype), endianness == "little")  # a null of the type

    def encode(self, encoding: str) -> "Expr":  # noqa: F821
        return self._e._call("bin.encode", _encoding(encoding))

    def decode(self, encoding: str, *, strict: bool = True) -> "Expr":  # noqa: F821
        return self._e._call("bin.decode", _encoding(encoding), strict)


class BinaryExpr:
    """Mixed into ``Expr``: the ``bin`` namespace."""

    __slots__ = ()

    @property
    def bin(self) -> BinaryNamespace:
        return BinaryNamespace(self)


class StringCodecs:
    """Mixed into ``StringNamespace``: ``str.encode`` / ``str.decode`` of hex and base64."""

    def encode(self, encoding: str):
        """The hex or base64 text of each string's UTF-8 bytes."""
        return self._e._call("str.encode", _encoding(encoding))

    def decode(self, encoding: str, *, strict: bool = True):
        """The bytes (Binary) hex or base64 text spells; text that does not decode fails, or is null
        when not ``strict``."""
        return self._e._call("str.decode", _encoding(encoding), strict)
