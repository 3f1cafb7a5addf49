"""``Series``: one named column, as in Polars. Its values are a ``pyarrow.ChunkedArray``; anything
computed from them (arithmetic, comparisons, aggregations, the ``str`` and ``dt`` namespaces, every
other expression method) runs as the same expression on a one-column frame of the portable backend,
so a Series means what the expression means."""
from __future__ import annotations

import builtins
from typing import Any

import pyarrow as pa

from polaroid import datatypes as _types
from polaroid.expr import Expr, col
from polaroid.series_more import SeriesLocal
from polaroid.series_extra import SeriesExtra
from polaroid.numpy_pandas import SeriesNumpy
from polaroid.windows_more import SeriesByWindows

_AGGREGATIONS = {"sum", "mean", "min", "max", "median", "count", "n_unique", "first", "last", "std", "var", "len",
                 "nan_max", "nan_min", "skew", "kurtosis", "entropy", "null_count", "has_nulls", "any", "all",
                 "product", "bitwise_and", "bitwise_or", "bitwise_xor", "arg_min", "arg_max", "approx_quantile"}


class Series(SeriesLocal, SeriesExtra, SeriesByWindows, SeriesNumpy):
    def __init__(self, name: Any = None, values: Any = None, dtype: Any = None):
        if values is None and not isinstance(name, (str, type(None))):
            name, values = "", name
        arrow_type = None
        if dtype is not None:
            from polaroid.portable import _arrow_type
            arrow_type = _arrow_type(_types.to_dict(dtype), "Series")
        if isinstance(values, Series):
            values = values.to_arrow()
        if isinstance(values, pa.ChunkedArray):
            data = values if arrow_type is None else values.cast(arrow_type)
        else:
            data = pa.chunked_array([pa.array([] if values is None else list(values), type=arrow_type)])
        self._name = name or ""
        self._values = data

    # ---- what it is ---------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self):
        return self._values.type

    @property
    def shape(self) -> tuple:
        return (builtins.len(self._values),)

    def len(self) -> int:
        return builtins.len(self._values)

    def __len__(self) -> int:
        return builtins.len(self._values)

    def to_list(self) -> list:
        return self._values.to_pylist()

    def to_arrow(self) -> pa.ChunkedArray:
        return self._values

    def to_frame(self, name: str | None = None):
        from polaroid.frame import DataFrame
        return DataFrame(pa.table({name or self._name: self._values}))

    def __iter__(self):
        return iter(self.to_list())

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Series(self._name, pa.chunked_array([pa.array(self.to_list()[index], self.dtype)]))
        return self._values[index].as_py()

    def __repr__(self) -> str:
        shown = self.to_list()[:10]
        return "shape: (%d,)\nSeries: '%s' [%s]\n%s" % (self.len(), self._name, self.dtype, shown)

    def alias(self, name: str) -> "Series":
        return Series(name, self._values)

    rename = alias

    def head(self, n: int = 10) -> "Series":
        return self[:n]

    def tail(self, n: int = 10) -> "Series":
        return self[builtins.max(0, self.len() - n):]

    def equals(self, other: "Series") -> bool:
        return isinstance(other, Series) and self._name == other._name and self._values.equals(other._values)

    # ---- computed through expressions ------------------------------------------------------------

    def _column(self) -> str:
        return self._name or "values"

    def _run(self, expr: Expr, table: pa.Table | None = None):
        from polaroid.backend import PortableBackend
        from polaroid.frame import from_arrow
        table = table if table is not None else pa.table({self._column(): self._values})
        frame = from_arrow(table, backend=PortableBackend()).select(expr.alias(self._column())).collect()
        return frame.to_arrow().column(0)

    def _result(self, expr: Expr, function: str, table: pa.Table | None = None):
        values = self._run(expr, table)
        if function in _AGGREGATIONS:
            return values[0].as_py()
        return Series(self._name, values)

    def _binary(self, operator: str, other: Any) -> "Series":
        if isinstance(other, Series):
            table = pa.table({self._column(): self._values, "__other": other._values})
            return Series(self._name, self._run(getattr(col(self._column()), operator)(col("__other")), table))
        return Series(self._name, self._run(getattr(col(self._column()), operator)(other)))

    def __dir__(self):
        """Its own names and every expression method, which it runs on its values."""
        return sorted(set(object.__dir__(self)) | {n for n in dir(Expr) if not n.startswith("_")})

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = getattr(col(self._column()), name)  # AttributeError names what Polaroid lacks
        if callable(attribute):
            return lambda *args, **kwargs: self._result(attribute(*args, **kwargs), name)
        return _Namespace(self, attribute)


class _Namespace:
    """``series.str`` / ``series.dt``: the expression namespace, evaluated on the series."""

    def __init__(self, series: Series, namespace):
        self._series, self._namespace = series, namespace

    def __getattr__(self, name: str):
        method = getattr(self._namespace, name)
        # a namespaced name: list.sum is one value per list, not an aggregation of the series
        return lambda *args, **kwargs: self._series._result(method(*args, **kwargs), "namespace." + name)


def _operator(name: str):
    return lambda self, other: self._binary(name, other)


for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
              "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
              "__ge__", "__and__", "__rand__", "__or__", "__ror__", "__pow__"):
    setattr(Series, _name, _operator(_name))
Series.__neg__ = lambda self: Series(self._name, self._run(-col(self._column())))
Series.__hash__ = None
