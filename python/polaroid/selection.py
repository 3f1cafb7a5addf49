"""Expressions over columns chosen by the frame's schema: ``pl.all()``, ``pl.exclude("a")``,
``pl.col(pl.Int64)``, ``pl.col("^x_.*$")``, ``pl.first()``, ``pl.nth(1)``. Until a frame method receives
one, it records what is done to it (methods, operators, ``.name.suffix(...)``); the frame then asks its
schema for the columns and replays the record on each, as Polars expands them."""
from __future__ import annotations

import re
from typing import Any, Callable


class Selection:
    """Columns picked from a schema (``pick(names, types) -> names``), with what is done to each."""

    def __init__(self, pick: Callable, steps: tuple = (), excluded: tuple = ()):
        self._pick, self._steps, self._excluded = pick, steps, excluded

    def _then(self, step) -> "Selection":
        return Selection(self._pick, self._steps + (step,), self._excluded)

    def exclude(self, columns, *more_columns) -> "Selection":
        """These columns (names or data types) left out."""
        items = [*columns, *more_columns] if isinstance(columns, (list, tuple, set)) else [columns, *more_columns]
        return Selection(self._pick, self._steps, self._excluded + tuple(items))

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        from polaroid.expr import Expr
        member = getattr(Expr, name, None)
        if member is None:
            raise AttributeError("'Expr' object has no attribute '%s'" % name)
        if isinstance(member, property):
            return _Attribute(self, (name,))
        return lambda *args, **kwargs: self._then((name, args, kwargs))

    def columns(self, schema) -> list:
        """The names this selection picks from a ``pyarrow.Schema``, in schema order."""
        names, types = schema.names, list(schema.types)
        picked = self._pick(names, types)
        dropped = set()
        for item in self._excluded:
            dropped |= set(names_of_type(item, names, types)) if not isinstance(item, str) else {item}
        return [n for n in picked if n not in dropped]

    def expand(self, schema, skip=()) -> list:
        """One expression per picked column (less ``skip``), with the recorded steps replayed."""
        from polaroid.expr import col
        out = []
        for name in self.columns(schema):
            if name in skip:
                continue
            e: Any = col(name)
            for step in self._steps:
                e = _replay(e, step)
            out.append(e)
        return out

    def __repr__(self) -> str:
        return "Selection(%d steps)" % len(self._steps)


class _Attribute:
    """``selection.name`` / ``selection.str`` / ...: a namespace whose calls are recorded too."""

    def __init__(self, selection: Selection, path: tuple):
        self._selection, self._path = selection, path

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._selection._then((self._path + (name,), args, kwargs))


def _replay(e, step):
    name, args, kwargs = step
    target = e
    for part in (name[:-1] if isinstance(name, tuple) else ()):
        target = getattr(target, part)
    return getattr(target, name[-1] if isinstance(name, tuple) else name)(*args, **kwargs)


def _operator(name: str):
    return lambda self, *args: self._then((name, args, {}))


for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
              "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__neg__", "__abs__", "__eq__", "__ne__",
              "__lt__", "__le__", "__gt__", "__ge__", "__and__", "__rand__", "__or__", "__ror__", "__invert__",
              "__pow__", "__rpow__"):
    setattr(Selection, _name, _operator(_name))
Selection.__hash__ = lambda self: id(self)


def names_of_type(dtype, names: list, types: list) -> list:
    """The columns whose Arrow type is the Polaroid data type ``dtype`` (a class means any of its kind)."""
    from polaroid import datatypes as _types
    if isinstance(dtype, type) and issubclass(dtype, _types.DataType):
        return [n for n, t in zip(names, types) if _kind_of(t) is dtype]
    return [n for n, t in zip(names, types) if _same_type(dtype, t)]


def _kind_of(arrow_type):
    from polaroid import datatypes as _types
    try:
        return type(_types.from_arrow(arrow_type))
    except TypeError:
        return None


def _same_type(dtype, arrow_type) -> bool:
    from polaroid import datatypes as _types
    try:
        return _types.from_arrow(arrow_type) == dtype
    except TypeError:
        return False


def everything() -> Selection:
    return Selection(lambda names, types: list(names))


def by_names_or_types(items: list) -> Selection:
    """``col(pl.Int64, pl.String)`` or ``col("^a.*$")``: columns of these types or matching these patterns."""
    def pick(names, types):
        chosen = set()
        for item in items:
            if isinstance(item, str):
                chosen |= {n for n in names if re.fullmatch(item, n)} if _is_pattern(item) else {item}
            else:
                chosen |= set(names_of_type(item, names, types))
        return [n for n in names if n in chosen]
    return Selection(pick)


def by_index(indices: list) -> Selection:
    def pick(names, types):
        try:
            return [names[i] for i in indices]
        except IndexError:
            raise IndexError("nth(%s): the frame has %d columns" % (indices, len(names))) from None
    return Selection(pick)


def _is_pattern(name: str) -> bool:
    return name.startswith("^") and name.endswith("$")


def needs_schema(item) -> bool:
    return isinstance(item, Selection)
