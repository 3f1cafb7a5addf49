"""Polars' ``DataTypeExpr``: a data type known once the frame is: ``pl.dtype_of(expr)`` (the type of an
expression), ``pl.struct_with_fields({...})`` (a struct of such types), for ``cast``, and
``pl.self_dtype()`` (the input's type, for a Python function's ``return_dtype``). In a plan it is a
placeholder; the frame that receives the plan node replaces it with the type, asked from the node's
input (``resolve``), so that both backends and the server only ever see real types."""
from __future__ import annotations

from typing import Callable

_MARK = "DTYPE_OF"


class _Placeholder(dict):
    """The plan form of a DataTypeExpr: a type dict that carries the expression it stands for."""

    def __init__(self, dtype_expr: "DataTypeExpr"):
        super().__init__(id=_MARK)
        self.dtype_expr = dtype_expr


_SELF = object()  # pl.self_dtype(): the type of the input a Python function is given


class DataTypeExpr:
    """A type to be read from the frame: of ``of`` (a column name or an expression, ``_SELF``, or a
    mapping of field names to types and DataTypeExprs, for a struct)."""

    def __init__(self, of, transforms: tuple = ()):
        self._of, self._transforms = of, transforms

    def _type_in(self, type_of: Callable, self_dtype=None):
        """The type, given ``type_of(expr)`` (an expression's type in the frame) and the input's type."""
        if self._of is _SELF:
            if self_dtype is None:
                from polaroid.exceptions import InvalidOperationError
                raise InvalidOperationError("'self_dtype' cannot be used in this context", "NOT_SUPPORTED")
            dtype = self_dtype
        elif isinstance(self._of, dict):
            from polaroid.datatypes_more import Struct
            dtype = Struct({n: t._type_in(type_of, self_dtype) if isinstance(t, DataTypeExpr) else t
                            for n, t in self._of.items()})
        else:
            dtype = type_of(_expr(self._of))
        return self._finish(dtype)

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
        return self._type_in(lambda e: _type_of(frame, e))

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


def _type_of(frame, e):
    return frame.select(e.alias("__dtype")).head(0).collect_schema()["__dtype"]


def dtype_of(col_or_expr) -> DataTypeExpr:
    """The type of a column (by name) or an expression, read from the frame where it is used."""
    return DataTypeExpr(col_or_expr)


def self_dtype() -> DataTypeExpr:
    """The type of the input of ``map_batches``/``map_elements``, as their ``return_dtype``."""
    return DataTypeExpr(_SELF)


def struct_with_fields(mapping) -> DataTypeExpr:
    """A struct type of these fields, each a data type or a DataTypeExpr."""
    from polaroid.datatypes import DataType
    for name, t in mapping.items():
        if not (isinstance(t, (DataType, DataTypeExpr)) or (isinstance(t, type) and issubclass(t, DataType))):
            raise TypeError("mapping item must be a datatype or datatype expression; found %r" % type(t).__name__)
    return DataTypeExpr(dict(mapping))


def return_type(return_dtype, input_type):
    """A Python function's ``return_dtype`` as a type: a DataTypeExpr is resolved against the type of
    the function's (first) input, a ``pyarrow`` type."""
    if not isinstance(return_dtype, DataTypeExpr):
        return return_dtype
    from polaroid.datatypes import from_arrow

    def refuse(_):
        raise TypeError("a Python function's return_dtype can be pl.self_dtype() or types made of it, not pl.dtype_of")
    return return_dtype._type_in(refuse, from_arrow(input_type))


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
        cast["type"] = to_dict(cast["type"].dtype_expr._type_in(lambda e: _type_of(frame, e)))
    return body
