"""Polars' DataFrame methods that reshape or inspect rows already here: computed with pyarrow on the
frame's Arrow table, whichever backend made it. ``pivot`` refuses more than ``PIVOT_LIMIT`` new columns."""
from __future__ import annotations

import json
from typing import Any, Callable

PIVOT_LIMIT = 10_000


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


class DataFrameLocal:
    """Mixed into ``DataFrame`` (``self._table`` is its ``pyarrow.Table``)."""

    def _new(self, table):
        return type(self)(table, backend=self._backend)

    def collect_schema(self):
        return self.schema

    def _arrow_schema(self):
        return self._table.schema

    def pipe(self, function: Callable, *args, **kwargs):
        return function(self, *args, **kwargs)

    def shrink_to_fit(self, *, in_place: bool = False):
        return self

    def set_sorted(self, column, *more_columns, descending=False, nulls_last=False):
        """As Polars: a promise that these columns are sorted, which Polaroid does not use."""
        return self

    def get_column_index(self, name: str) -> int:
        if name not in self._table.column_names:
            raise KeyError("column '%s' not found; available columns: %s" % (name, self._table.column_names))
        return self._table.column_names.index(name)

    def to_series(self, index: int = 0):
        from polaroid.series import Series
        return Series(self._table.column_names[index], self._table.column(index))

    def iter_columns(self):
        from polaroid.series import Series
        return (Series(n, c) for n, c in zip(self._table.column_names, self._table.columns))

    def iter_slices(self, n_rows: int = 10_000):
        for offset in range(0, self._table.num_rows, n_rows):
            yield self._new(self._table.slice(offset, n_rows))

    def reverse(self):
        import pyarrow as pa
        return self._new(self._table.take(pa.array(range(self._table.num_rows - 1, -1, -1), pa.int64())))

    def gather_every(self, n: int, offset: int = 0):
        import pyarrow as pa
        return self._new(self._table.take(pa.array(range(offset, self._table.num_rows, n), pa.int64())))

    def drop_in_place(self, name: str):
        """Removes the column from this frame and returns it."""
        column = self.to_series(self.get_column_index(name))
        self._table = self._table.drop_columns([name])
        return column

    def insert_column(self, index: int, column):
        """Puts the Series at position ``index`` of this frame (negative: from the end); returns the frame."""
        index = index if index >= 0 else self._table.num_columns + 1 + index
        self._table = self._table.add_column(index, column.name, column.to_arrow())
        return self

    def replace_column(self, index: int, column):
        self._table = self._table.set_column(index, column.name, column.to_arrow())
        return self

    def extend(self, other):
        """Appends ``other``'s rows to this frame; returns it."""
        import pyarrow as pa
        self._table = pa.concat_tables([self._table, other.to_arrow()])
        return self

    def _row_groups(self, subset=None):
        """For every row, the index of the first row equal to it (over ``subset``)."""
        names = self._table.column_names if subset is None else _names(subset)
        first, ids = {}, []
        for row in zip(*[self._table.column(n).to_pylist() for n in names]):
            ids.append(first.setdefault(row, len(first)))
        return ids

    def is_duplicated(self):
        from collections import Counter
        from polaroid.series import Series
        ids = self._row_groups()
        counts = Counter(ids)
        return Series("", [counts[i] > 1 for i in ids])

    def is_unique(self):
        from polaroid.series import Series
        return Series("", [not d for d in self.is_duplicated().to_list()])

    def n_unique(self, subset=None) -> int:
        return len(set(self._row_groups(subset)))

    def partition_by(self, by, *more_by, maintain_order: bool = True, include_key: bool = True,
                     as_dict: bool = False):
        """One frame per distinct key, in order of first appearance."""
        import pyarrow as pa
        keys = _names(by) + [m for b in more_by for m in _names(b)]
        rows: dict = {}
        for i, key in enumerate(zip(*[self._table.column(k).to_pylist() for k in keys])):
            rows.setdefault(key, []).append(i)
        table = self._table if include_key else self._table.drop_columns(keys)
        parts = {k: self._new(table.take(pa.array(v, pa.int64()))) for k, v in rows.items()}
        return parts if as_dict else list(parts.values())

    def transpose(self, *, include_header: bool = False, header_name: str = "column", column_names=None):
        """Rows as columns (named ``column_0``... unless ``column_names``), values cast to one type."""
        import pyarrow as pa
        from polaroid.lazy_more import supertype
        from polaroid.portable import _arrow_type
        from polaroid.datatypes import to_dict
        target = _arrow_type(to_dict(supertype(list(self._table.schema.types))), "transpose")
        values = [c.cast(target).to_pylist() for c in self._table.columns]
        n = self._table.num_rows
        names = list(column_names) if column_names is not None and not isinstance(column_names, str) \
            else ["column_%d" % i for i in range(n)]
        if isinstance(column_names, str):
            names = [str(v) for v in self._table.column(column_names).to_pylist()]
            values = [c.cast(target).to_pylist() for n_, c in zip(self._table.column_names, self._table.columns)
                      if n_ != column_names]
        out = {header_name: self._table.column_names if not isinstance(column_names, str)
               else [c for c in self._table.column_names if c != column_names]} if include_header else {}
        for j, name in enumerate(names):
            out[name] = pa.array([col[j] for col in values], target)
        return self._new(pa.table(out))

    def pivot(self, on, on_columns=None, *, index=None, values=None, aggregate_function=None,
              maintain_order: bool = True, sort_columns: bool = False, separator: str = "_"):
        """Long to wide: a row per ``index`` key, a column per distinct ``on`` value (at most
        ``PIVOT_LIMIT``), holding ``values`` (one value per cell, or ``aggregate_function`` of them:
        sum, min, max, mean, len); null where a key has no row for a value."""
        on = _names(on)
        if len(on) != 1:
            raise ValueError("pivot: Polaroid pivots on one column")
        on = on[0]
        names = self._table.column_names
        index = [n for n in names if n != on and n not in _names(values or [])] if index is None else _names(index)
        values = [n for n in names if n != on and n not in index] if values is None else _names(values)
        distinct = list(dict.fromkeys(self._table.column(on).to_pylist())) if on_columns is None else list(on_columns)
        if len(distinct) > PIVOT_LIMIT:
            raise ValueError("pivot: '%s' has %d distinct values, more than polaroid.eager.PIVOT_LIMIT (%d) columns"
                             % (on, len(distinct), PIVOT_LIMIT))
        if sort_columns:
            distinct = sorted(distinct, key=lambda v: (v is None, v))
        from polaroid.lazy_extra import pivot_frame
        return pivot_frame(self.lazy(), on, distinct, index, values, aggregate_function or "item", separator,
                           True).collect()

    def map_rows(self, function: Callable, return_dtype=None):
        """``function`` of every row (a tuple); a tuple result makes columns ``column_0``..., another ``map``."""
        import pyarrow as pa
        results = [function(r) for r in self.iter_rows()]
        if results and isinstance(results[0], tuple):
            return self._new(pa.table({"column_%d" % i: list(c) for i, c in enumerate(zip(*results))}))
        return self._new(pa.table({"map": results}))

    def fold(self, operation: Callable):
        """``operation`` applied to the columns (Series) left to right."""
        import functools
        return functools.reduce(operation, list(self.iter_columns()))

    def _horizontal(self, function: str, name: str):
        import polaroid
        out = self.select(getattr(polaroid, function)(*self.columns).alias(name))
        return out.to_series()

    def max_horizontal(self):
        return self._horizontal("max_horizontal", "max")

    def min_horizontal(self):
        return self._horizontal("min_horizontal", "min")

    def sum_horizontal(self, *, ignore_nulls: bool = True):
        if not ignore_nulls:
            raise ValueError("sum_horizontal(ignore_nulls=False) is not supported")
        return self._horizontal("sum_horizontal", "sum")

    def mean_horizontal(self, *, ignore_nulls: bool = True):
        if not ignore_nulls:
            raise ValueError("mean_horizontal(ignore_nulls=False) is not supported")
        return self._horizontal("mean_horizontal", "mean")

    def write_ndjson(self, file=None):
        """One JSON object per row and line; without ``file``, as a string."""
        text = "".join(json.dumps(r, separators=(",", ":"), default=str) + "\n" for r in self._table.to_pylist())
        return _write_text(text, file)

    def write_json(self, file=None):
        """The rows as one JSON array of objects; without ``file``, as a string."""
        text = json.dumps(self._table.to_pylist(), separators=(",", ":"), default=str)
        return _write_text(text, file)

    def write_ipc_stream(self, file) -> None:
        import pyarrow as pa
        with pa.ipc.new_stream(file, self._table.schema) as writer:
            writer.write_table(self._table)


def _write_text(text: str, file: Any):
    if file is None:
        return text
    if hasattr(file, "write"):
        file.write(text)
    else:
        with open(file, "w", encoding="utf-8") as f:
            f.write(text)
    return None
