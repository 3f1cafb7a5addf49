"""Still more of Polars' Series, computed on its own values: ``describe``, ``set``, ``scatter``,
``shrink_dtype``, ``to_init_repr``, ``to_dummies``, ``lower_bound``/``upper_bound``, ``replace_strict``
(which checks the mapping is complete when there is no default), ``repeat_by``, ``map_elements``."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

_NO_DEFAULT = object()
_BOUNDS = {pa.int8(): 7, pa.int16(): 15, pa.int32(): 31, pa.int64(): 63}


class SeriesExtra:
    """Mixed into ``Series`` (``self._values`` is its ``pyarrow.ChunkedArray``)."""

    def describe(self, percentiles=(0.25, 0.5, 0.75), interpolation: str = "nearest"):
        """``DataFrame.describe`` of this Series as ``statistic`` and ``value``, without the statistics
        that do not apply (null)."""
        from polaroid.frame import DataFrame
        stats = DataFrame(pa.table({self._column(): self._values})).describe(percentiles,
                                                                             interpolation=interpolation)
        table = stats.to_arrow().rename_columns(["statistic", "value"])
        return DataFrame(table.filter(pc.is_valid(table.column("value"))))

    def set(self, filter, value):
        """``value`` where ``filter`` is true (a null filter keeps the value)."""
        mask = pc.fill_null(filter.to_arrow(), False)
        return self._new(pc.if_else(mask, pa.scalar(value, self.dtype), self._values))

    def scatter(self, indices, values):
        """Puts ``values`` (one for all, or one per index) at ``indices`` (negative from the end), in
        this Series; returns it."""
        indices = [indices] if isinstance(indices, int) else \
            (indices.to_list() if hasattr(indices, "to_list") else list(indices))
        if hasattr(values, "to_list"):
            values = values.to_list()
        elif not isinstance(values, (list, tuple)):
            values = [values] * len(indices)
        if len(values) != len(indices):
            raise ValueError("scatter: %d indices and %d values" % (len(indices), len(values)))
        data, n = self._values.to_pylist(), len(self._values)
        for i, v in zip(indices, values):
            j = i + n if i < 0 else i
            if not 0 <= j < n:
                raise IndexError("scatter: index %d is out of bounds for a Series of %d values" % (i, n))
            data[j] = v
        self._values = pa.chunked_array([pa.array(data, self.dtype)], self.dtype)
        return self

    def shrink_dtype(self):
        """Integers in the smallest signed type that holds them, Float64 as Float32 (as Polars)."""
        t = self.dtype
        if pa.types.is_signed_integer(t):
            low, high = pc.min(self._values).as_py(), pc.max(self._values).as_py()
            for target, bits in _BOUNDS.items():
                if low is None or (-(1 << bits) <= low and high < (1 << bits)):
                    return self._new(self._values.cast(target))
        if t == pa.float64():
            return self._new(self._values.cast(pa.float32(), safe=False))
        return self

    def to_init_repr(self, n: int = 1000) -> str:
        """Python code that makes the first ``n`` values again (as Polars writes it)."""
        from polaroid.eager_extra import series_init_repr
        return series_init_repr(self._name, self._values, n)

    def to_dummies(self, *, separator: str = "_", drop_first: bool = False, drop_nulls: bool = False):
        from polaroid.eager_extra import dummies
        from polaroid.frame import DataFrame
        return dummies(DataFrame(pa.table({self._name: self._values})), None, separator, drop_first, drop_nulls)

    def _bound(self, upper: bool):
        t = self.dtype
        if t in _BOUNDS:
            value = (1 << _BOUNDS[t]) - 1 if upper else -(1 << _BOUNDS[t])
        elif pa.types.is_floating(t):
            value = float("inf") if upper else float("-inf")
        else:
            raise ValueError("%s of a %s Series: Polaroid gives the bounds of number types"
                             % ("upper_bound" if upper else "lower_bound", t))
        return self._new(pa.array([value], t))

    def lower_bound(self):
        """The smallest value of this Series' type, as a Series of one."""
        return self._bound(False)

    def upper_bound(self):
        return self._bound(True)

    def replace_strict(self, old, new=_NO_DEFAULT, *, default=_NO_DEFAULT, return_dtype=None):
        """``Expr.replace_strict``; without a default, a value with no mapping is an error (as Polars)."""
        from polaroid.expr import col
        from polaroid.expr_more import _NO_DEFAULT as _MORE_NO_DEFAULT, _pairs
        if default is _NO_DEFAULT:
            known = [a for a, _ in _pairs(old, _MORE_NO_DEFAULT if new is _NO_DEFAULT else new)]
            missing = [v for v in self._values.to_pylist() if v is not None and v not in known]
            if missing:
                raise ValueError("incomplete mapping specified for `replace_strict` (no mapping for %r); "
                                 "pass a `default` value to set unmapped values" % (missing[0],))
            default = None
        args = (old,) if new is _NO_DEFAULT else (old, new)
        return self._result(col(self._column()).replace_strict(*args, default=default, return_dtype=return_dtype),
                            "replace_strict")

    def repeat_by(self, by):
        """Each value repeated ``by`` times (a number, or a Series of them) as a list; a null count gives null."""
        counts = by.to_list() if hasattr(by, "to_list") else [by] * len(self._values)
        lists = [None if k is None else [v] * k for v, k in zip(self._values.to_pylist(), counts)]
        return self._new(pa.array(lists, pa.list_(self.dtype)))

    def map_elements(self, function, return_dtype=None, *, skip_nulls: bool = True, **_options):
        """``function`` of every value (nulls stay null with ``skip_nulls``), in ``return_dtype`` or the
        type the results have."""
        from polaroid import datatypes as _types
        from polaroid.portable import _arrow_type
        results = [None if (v is None and skip_nulls) else function(v) for v in self._values.to_pylist()]
        t = None if return_dtype is None else _arrow_type(_types.to_dict(return_dtype), "map_elements")
        return self._new(pa.array(results, t))
