"""The canonical JSON form of a ``polaroid.v1`` plan, written exactly as the Java side writes it.

Plans are built as plain dicts whose keys are the protobuf JSON names, in field-number order, with
proto3 default values left out (the builders in this package take care of that). ``dumps`` then
prints them the way protobuf-java's ``JsonFormat.printer()`` does, so that a plan built in Python
is byte for byte the plan built in Java.
"""
from __future__ import annotations

import math
from typing import Any

_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
    # Gson, which JsonFormat uses, escapes these for HTML safety.
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "=": "\\u003d", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
}


class Int64(int):
    """An int64 field: JSON prints it as a string."""


def _string(s: str) -> str:
    out = ['"']
    for ch in s:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _double(v: float) -> str:
    """Java's ``Double.toString``."""
    if math.isnan(v):
        return '"NaN"'
    if math.isinf(v):
        return '"Infinity"' if v > 0 else '"-Infinity"'
    if v == 0:
        return "-0.0" if math.copysign(1.0, v) < 0 else "0.0"
    a = abs(v)
    if 1e-3 <= a < 1e7:
        r = repr(v)
        return r if ("." in r or "e" in r) else r + ".0"
    digits, exp = _shortest_digits(a)
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return ("-" if v < 0 else "") + mantissa + "E" + str(exp)


def _shortest_digits(a: float) -> tuple[str, int]:
    """The shortest decimal digits of ``a`` and the exponent of the first one."""
    mant, _, e = ("%r" % a).partition("e")
    exp = int(e) if e else 0
    int_part, _, frac = mant.partition(".")
    digits = (int_part + frac).lstrip("0")
    exp += len(int_part.lstrip("0")) - 1 if int_part.strip("0") else -(len(frac) - len(frac.lstrip("0")) + 1)
    return digits.rstrip("0") or "0", exp


def _value(v: Any, indent: int) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Int64):
        return '"%d"' % v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _double(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, dict):
        return _object(v, indent)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x, indent) for x in v) + "]"
    raise TypeError("cannot write %r in a plan" % (v,))


def _object(d: dict, indent: int) -> str:
    pad = "  " * (indent + 1)
    if not d:
        return "{\n" + "  " * indent + "}"
    fields = [pad + _string(k) + ": " + _value(v, indent + 1) for k, v in d.items()]
    return "{\n" + ",\n".join(fields) + "\n" + "  " * indent + "}"


def dumps(plan: dict) -> str:
    """The canonical JSON text of a plan dict (``{"root": relation}``)."""
    return _object(plan, 0)


def dicts(node: Any, skip: tuple = ()):
    """Every dict in a plan (or part of one), depth first; a dict's keys in ``skip`` are not entered."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(v for k, v in current.items() if k not in skip and isinstance(v, (dict, list)))
        elif isinstance(current, list):
            stack.extend(v for v in current if isinstance(v, (dict, list)))


def replaced(node: Any, replace, skip: tuple = ()):
    """A copy of a plan (or part of one) in which each dict that ``replace(d)`` maps to something other
    than None is that instead; a dict's keys in ``skip`` are kept as they are. A dict subclass (a node
    that carries a Python object) stays of its class."""
    import copy
    if isinstance(node, list):
        return [replaced(v, replace, skip) for v in node]
    if not isinstance(node, dict):
        return node
    instead = replace(node)
    if instead is not None:
        return instead
    out = copy.copy(node)
    for k, v in node.items():
        if k not in skip:
            out[k] = replaced(v, replace, skip)
    return out
