"""Polars' ``DataTypeExpr``: a data type known once the frame is, ``pl.dtype_of(expr)`` (the type of an
expression), for ``cast``. In a plan it
is a placeholder; the frame that receives the plan node replaces it with the type, asked from the
node's input (``resolve``), so that both backends and the server only ever see real types."""
from __future__ import annotations

from typing import Callable

_MARK = "DTYPE_OF"


class _Placeholder(dict):
    """The plan form of a DataTypeExpr: a type dict that carries the expression it stands for."""

    def __init__(self, dtype_expr: "DataTypeExpr"):
        super().__init__(id=_MARK)
        self.dtype_expr = dtype_expr


class DataTypeExpr:
    """A type to be read from the frame: of ``of`` (a column name or an expression)."""

    def __init__(self, of, transforms: tuple = ()):
        self._of, self._transforms = of, transforms

    def _then(self, transform: Callable) -> "DataTypeExpr":
        return DataTypeExpr(self._of, self._transforms + (transform,))

    def to_dict(self) -> dict:
        return _Placeholder(self)

    def collect_dtype(self, context):
        """The type in ``context`` (a frame or a schema)."""
        if isinstance(context, dict):
            from polaroid.frame import from_arrow
            from polaroid.datatypes_more import Schema
            context = from_arrow(Schema(context).to_arrow().empty_table())
        frame = context.lazy() if hasattr(context, "lazy") else context
        return self._finish(frame.select(_expr(self._of).alias("__dtype")).head(0).collect_schema()["__dtype"])

    def _finish(self, dtype):
        for transform in self._transforms:
            dtype = transform(dtype)
        return dtype

    def inner_dtype(self) -> "DataTypeExpr":
        """The element type of a list type."""
        return self._then(lambda t: t.inner)

    def wrap_in_list(self) -> "DataTypeExpr":
        from polaroid.datatypes import List
        return self._then(List)

    def to_signed_integer(self) -> "DataTypeExpr":
        """The signed integer type of the same width."""
        from polaroid import datatypes as d
        from polaroid import datatypes_more as m
        signed = {m.UInt8: d.Int8, m.UInt16: d.Int16, m.UInt32: d.Int32, m.UInt64: d.Int64}
        return self._then(lambda t: next((s() for u, s in signed.items() if t == u), t))


def _expr(of):
    from polaroid.expr import Expr, col
    return col(of) if isinstance(of, str) else of if isinstance(of, Expr) else Expr(of)


def dtype_of(col_or_expr) -> DataTypeExpr:
    """The type of a column (by name) or an expression, read from the frame where it is used."""
    return DataTypeExpr(col_or_expr)


def resolve(body: dict, frame_of: Callable) -> dict:
    """``body`` (a plan node) with each DataTypeExpr placeholder replaced by its type in the node's
    input (``frame_of(input)`` makes a frame of it); unchanged when it has none."""
    from polaroid.datatypes import to_dict
    from polaroid._wire import dicts
    # the inputs were resolved when they were made
    found = [d["cast"] for d in dicts({k: v for k, v in body.items() if k not in ("input", "left", "right", "inputs")})
             if isinstance(d.get("cast"), dict) and isinstance(d["cast"].get("type"), _Placeholder)]
    if not found:
        return body
    if "input" not in body:
        raise TypeError("pl.dtype_of is read from one input frame; this step (a join or a concat) has several")
    frame = frame_of(body["input"])
    for cast in found:
        placeholder = cast["type"]
        dtype = frame.select(_expr(placeholder.dtype_expr._of).alias("__dtype")).head(0).collect_schema()["__dtype"]
        cast["type"] = to_dict(placeholder.dtype_expr._finish(dtype))
    return body
