"""``LazyFrame`` builds a ``polaroid.v1`` plan; ``collect()`` runs it on a backend into a ``DataFrame``."""
from __future__ import annotations

import io
from typing import Any, Iterable, Sequence

from polaroid import datatypes as _types
from polaroid._wire import Int64, dumps
from polaroid import expr as _expr
from polaroid.expr import Expr, col, lit, to_exprs
from polaroid.lazy_more import LazyFrameMore
from polaroid.lazy_extra import LazyFrameExtra
from polaroid.eager_extra import DataFrameExtra
from polaroid.lazy_ordered import LazyOrdered, group_rows
from polaroid.eager import DataFrameLocal
from polaroid.series import Series
from polaroid import scan_options as _scan_options
from polaroid import storage_options as _storage_options
from polaroid import dtype_exprs as _dtype_exprs
from polaroid import scan_casts as _scan_casts
from polaroid import dtype_pipes as _dtype_pipes
from polaroid import structs as _structs
from polaroid import python_functions as _python_functions
from polaroid.structs_frames import EagerStructs, LazyStructs

_HOW = {"inner": "INNER", "left": "LEFT", "right": "RIGHT", "full": "FULL", "outer": "FULL",
        "semi": "SEMI", "anti": "ANTI", "cross": "CROSS"}
_KEEP = {"any": "ANY", "first": "FIRST", "last": "LAST", "none": "NONE"}


def _paths(source) -> list:
    if isinstance(source, (str, bytes)) or hasattr(source, "__fspath__"):
        return [str(source)]
    return [str(s) for s in source]


def _is_relation(value) -> bool:
    """Whether ``value`` is a plan relation (``{"kind": {...}}``) rather than data of columns."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value.values())), dict)


class LazyFrame(LazyFrameMore, LazyOrdered, LazyFrameExtra, _python_functions.FrameFunctions, LazyStructs):
    """A lazy query. Nothing runs until ``collect()``."""

    def __init__(self, relation=None, backend=None):
        if not _is_relation(relation):  # Polars' LazyFrame(data): a dict of columns, Series, a pyarrow Table
            relation = DataFrame(relation).lazy()._rel
        kind, body = next(iter(relation.items()))
        if isinstance(body, dict):  # pl.dtype_of/self_dtype read from this step's input
            _structs.refuse_fields_outside_structs(body)
            body = _dtype_pipes.resolve(body, lambda input_: LazyFrame(input_, backend))
            relation = {kind: body}
            _dtype_exprs.resolve(body, lambda input_: LazyFrame(input_, backend))
        self._rel = relation
        self._backend = backend

    def _wrap(self, kind: str, body: dict) -> "LazyFrame":
        return LazyFrame({kind: body}, self._backend)

    def sql(self, query: str, *, table_name: str = "self") -> "LazyFrame":
        """A SQL query over this frame, named ``self`` in it (Polars' ``LazyFrame.sql``)."""
        from polaroid.sql import sql_frame
        return sql_frame(query, {table_name: self}, self._backend)

    def to_dict(self) -> dict:
        """The plan as a ``polaroid.v1.Plan`` dict (scans' credential providers called, see storage_options)."""
        return {"root": _storage_options.resolve(self._rel)}

    def to_json(self) -> str:
        """The plan's canonical JSON: what travels to the server, byte for byte as the Java SDK writes it."""
        return dumps(self.to_dict())

    def filter(self, *predicates: Expr, **constraints: Any) -> "LazyFrame":
        """Rows where every predicate holds; ``name=value`` keywords mean ``col(name) == value``."""
        predicates = [*self._expand(to_expr_list(predicates)), *[col(k) == v for k, v in constraints.items()]]
        if not predicates:
            raise ValueError("filter needs a predicate")
        predicate = predicates[0]
        for p in predicates[1:]:
            predicate = predicate & p
        return self._wrap("filter", {"input": self._rel, "predicate": to_exprs([predicate])[0]})

    def select(self, *exprs: Any, **named: Any) -> "LazyFrame":
        """Expressions (names mean columns); ``name=expr`` keywords name their expression."""
        nodes = to_exprs(self._expand([*exprs, *_named(named)]))
        exploded = _explode_select(nodes)
        if exploded is not None:
            lists, names, options = exploded
            return self._wrap("select", {"input": self._rel, "exprs": lists}).explode(names, **options)
        return self._wrap("select", {"input": self._rel, "exprs": nodes})

    def with_columns(self, *exprs: Any, **named: Any) -> "LazyFrame":
        return self._wrap("withColumns", {"input": self._rel,
                                          "exprs": to_exprs(self._expand([*exprs, *_named(named)]))})

    def with_row_index(self, name: str = "index", offset: int = 0) -> "LazyFrame":
        """A first column numbering the rows from ``offset`` (Polars' u32 is Int64 here)."""
        from polaroid.windows import int_range
        return self.select((int_range(_expr.len()) + offset).alias(name), _expr.col("*"))

    def group_by(self, *keys: Any, maintain_order: bool = False) -> "GroupBy":
        return GroupBy(self, to_exprs(self._expand(keys)), maintain_order)

    def join(self, other: "LazyFrame", on: Any = None, how: str = "inner", *, left_on: Any = None,
             right_on: Any = None, suffix: str = "_right") -> "LazyFrame":
        if how not in _HOW:
            raise ValueError("how is one of %s, not %r" % (sorted(_HOW), how))
        body: dict = {"left": self._rel, "right": other._rel}
        if how != "cross":
            left_on, right_on = (on, on) if on is not None else (left_on, right_on)
            if left_on is None or right_on is None:
                raise ValueError("join needs on=, or left_on= and right_on=")
            body["leftOn"] = to_exprs([left_on])
            body["rightOn"] = to_exprs([right_on])
        body["how"] = _HOW[how]
        if suffix != "_right":
            body["suffix"] = suffix
        return self._wrap("join", body)

    def sort(self, by: Any, *more_by: Any, descending: bool | Sequence[bool] = False,
             nulls_last: bool | Sequence[bool] = False, maintain_order: bool = False) -> "LazyFrame":
        exprs = to_exprs(self._expand([by, *more_by]))
        desc = [descending] * len(exprs) if isinstance(descending, bool) else list(descending)
        last = [nulls_last] * len(exprs) if isinstance(nulls_last, bool) else list(nulls_last)
        if len(desc) != len(exprs) or len(last) != len(exprs):
            raise ValueError("descending and nulls_last need one value per sort key")
        keys = []
        for e, d, n in zip(exprs, desc, last):
            key: dict = {"expr": e}
            if d:
                key["descending"] = True
            if n:
                key["nullsLast"] = True
            keys.append(key)
        body: dict = {"input": self._rel, "keys": keys}
        if maintain_order:
            body["maintainOrder"] = True
        return self._wrap("sort", body)

    def slice(self, offset: int, length: int | None = None) -> "LazyFrame":
        body: dict = {"input": self._rel}
        if offset:
            body["offset"] = Int64(offset)
        if length is not None:
            body["length"] = Int64(length)
        return self._wrap("slice", body)

    def head(self, n: int = 5) -> "LazyFrame":
        return self.slice(0, n)

    def limit(self, n: int = 5) -> "LazyFrame":
        return self.slice(0, n)

    def unique(self, subset: Any = None, *, keep: str = "any", maintain_order: bool = False) -> "LazyFrame":
        if keep not in _KEEP:
            raise ValueError("keep is one of %s, not %r" % (sorted(_KEEP), keep))
        body: dict = {"input": self._rel}
        if subset is not None:
            body["subset"] = [subset] if isinstance(subset, str) else list(subset)
        body["keep"] = _KEEP[keep]
        if maintain_order:
            body["maintainOrder"] = True
        return self._wrap("unique", body)

    def drop(self, *columns: Any) -> "LazyFrame":
        from polaroid.selection import Selection
        names = []
        for c in columns:
            names.extend([c] if isinstance(c, str) else c.columns(self._arrow_schema()) if isinstance(c, Selection)
                         else list(c))
        return self._wrap("drop", {"input": self._rel, "columns": names})

    def explode(self, columns: Any, *more_columns: Any, empty_as_null: bool = False,
                keep_nulls: bool = True) -> "LazyFrame":
        """One row per value of the list ``columns`` (of equal lengths in each row), the other columns
        repeated. As Polars: an empty list gives no row (``empty_as_null``: a null row), a null list a
        null row (none without ``keep_nulls``)."""
        names = []
        for c in to_expr_list([columns, *more_columns]):
            names.append(c if isinstance(c, str) else _expr.output_name(c.to_dict()))
        body = {"input": self._rel, "columns": names}
        if empty_as_null:
            body["emptyAsNull"] = True
        if not keep_nulls:
            body["keepNulls"] = False
        return self._wrap("explode", body)

    def _expand(self, items, skip=()) -> list:
        """``items`` with every multi-column selection (``pl.all()``, ``pl.exclude``, ``col(pl.Int64)``)
        replaced by its expressions over this frame's columns (less ``skip``)."""
        from polaroid.selection import Selection
        flat = to_expr_list(items)
        if not any(isinstance(i, Selection) for i in flat):
            return flat
        schema = self._arrow_schema()
        return [e for i in flat for e in (i.expand(schema, skip) if isinstance(i, Selection) else [i])]

    def _run_on(self):
        from polaroid.backend import get_backend_for
        return get_backend_for(self._backend)

    def collect(self, *, engine="auto", optimizations=None, background: bool = False) -> "DataFrame":
        from polaroid.engines import check_collect
        check_collect(engine, optimizations, background)
        from polaroid.deferred import materialized
        return DataFrame(self._run_on().execute(materialized(self)), backend=self._backend)

    def profile(self, *, show_plot: bool = False, truncate_nodes: int = 0, engine="auto", optimizations=None,
                **_options) -> tuple:
        """Runs the query as ``collect`` does and returns ``(result, timings)``, as Polars does: a row per node of
        the plan, root first (indented by depth), with ``start`` and ``end`` in microseconds from the start of the
        run, then ``rows``, ``batches``, ``time`` and ``spilled_bytes``. On a cluster, one row for the whole query.
        Polars 1.x has this method; Polars 2 removed it (its streaming engine made per-node times misleading),
        Polaroid keeps it: its operators' times are what they say."""
        from polaroid.engines import check_collect
        check_collect(engine, optimizations, False)
        if show_plot:
            raise ValueError("profile(show_plot=True) draws with matplotlib, which Polaroid does not use: "
                             "print the timings frame instead")
        from polaroid.deferred import materialized
        result, timings = self._run_on().profile(materialized(self))
        if truncate_nodes > 0:
            import pyarrow.compute as pc
            timings = timings.set_column(0, "node", pc.utf8_slice_codeunits(timings.column("node"), 0, truncate_nodes))
        return DataFrame(result, backend=self._backend), DataFrame(timings, backend=self._backend)

    # ---- Polars' whole-frame shorthands, made of the operations above -----------------------------

    def quantile(self, quantile: float, interpolation: str = "nearest") -> "LazyFrame":
        """The ``quantile`` of every column as one row (a non-number column gives a null)."""
        return self._each_column("quantile", True, quantile, interpolation)

    def _each_column(self, method: str, numbers_only: bool, *args) -> "LazyFrame":
        """``method`` of every column as one row; a column it does not apply to gives a null of its type."""
        import pyarrow as pa
        exprs = []
        for field in self._arrow_schema():
            t = field.type
            applies = not numbers_only or pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
            exprs.append(getattr(col(field.name), method)(*args) if applies
                         else lit(None).cast(_types.from_arrow(t)).alias(field.name))
        return self.select(exprs)

    def sum(self) -> "LazyFrame": return self._each_column("sum", True)
    def mean(self) -> "LazyFrame": return self._each_column("mean", True)
    def median(self) -> "LazyFrame": return self._each_column("median", True)
    def std(self) -> "LazyFrame": return self._each_column("std", True)
    def var(self) -> "LazyFrame": return self._each_column("var", True)
    def max(self) -> "LazyFrame": return self._each_column("max", False)
    def min(self) -> "LazyFrame": return self._each_column("min", False)
    def count(self) -> "LazyFrame": return self._each_column("count", False)

    def null_count(self) -> "LazyFrame":
        return self.select([col(f.name).is_null().sum().alias(f.name) for f in self._arrow_schema()])

    def drop_nulls(self, subset: Any = None) -> "LazyFrame":
        """Rows without a null in ``subset`` (column names; by default every column)."""
        names = [f.name for f in self._arrow_schema()] if subset is None else \
            ([subset] if isinstance(subset, str) else list(subset))
        return self.filter(*[col(n).is_not_null() for n in names]) if names else self

    def first(self) -> "LazyFrame":
        return self.head(1)

    def top_k(self, k: int, *, by: Any, reverse: bool = False) -> "LazyFrame":
        """The ``k`` rows largest by ``by`` (smallest with ``reverse``), nulls last."""
        return self.sort(by, descending=not reverse, nulls_last=True).head(k)

    def bottom_k(self, k: int, *, by: Any, reverse: bool = False) -> "LazyFrame":
        return self.top_k(k, by=by, reverse=not reverse)

    @property
    def width(self) -> int:
        return len(self._arrow_schema())

    def lazy(self) -> "LazyFrame":
        return self

    def clone(self) -> "LazyFrame":
        return self

    def collect_schema(self):
        """The result's column names and types (Polars' ``Schema``), without running the query."""
        from polaroid.datatypes_more import Schema
        return Schema.from_arrow(self._arrow_schema())

    def _arrow_schema(self):
        """The result's ``pyarrow.Schema``, without running the query."""
        return self._run_on().schema(self)

    def explain(self) -> str:
        return self._run_on().explain(self)

    def __repr__(self) -> str:
        return "<LazyFrame %s>" % next(iter(self._rel))


class GroupBy:
    def __init__(self, frame: LazyFrame, keys: list, maintain_order: bool, having: tuple = ()):
        self._frame, self._keys, self._maintain_order, self._having = frame, keys, maintain_order, having

    def map_groups(self, function) -> "LazyFrame":
        """``function`` of each group's DataFrame, the results stacked (the groups are collected first)."""
        return _python_functions.map_groups_of(self._frame, self._keys, self._maintain_order, function).lazy()

    def having(self, *predicates: Any) -> "GroupBy":
        """Only the groups where these predicates (of aggregations) hold."""
        return GroupBy(self._frame, self._keys, self._maintain_order, self._having + tuple(to_expr_list(predicates)))

    def agg(self, *aggs: Any, **named: Any) -> LazyFrame:
        keys = {k.get("column", {}).get("name") for k in self._keys}
        aggs = self._frame._expand([*aggs, *_named(named)], skip=keys)
        hidden = ["__having%d" % i for i in range(len(self._having))]
        aggs += [p.alias(h) for p, h in zip(self._having, hidden)]
        body: dict = {"input": self._frame._rel, "keys": self._keys, "aggs": to_exprs(aggs)}
        if self._maintain_order:
            body["maintainOrder"] = True
        out = self._frame._wrap("aggregate", body)
        return out.filter(*[col(h) for h in hidden]).drop(hidden) if hidden else out

    def len(self, name: str = "len") -> LazyFrame:
        """Rows per group, in a column named ``len`` (as Polars)."""
        return self.agg(_expr.len().alias(name))

    def head(self, n: int = 5) -> LazyFrame:
        """The first ``n`` rows of every group."""
        return group_rows(self._frame, self._keys, n, True, self._maintain_order)

    def tail(self, n: int = 5) -> LazyFrame:
        """The last ``n`` rows of every group."""
        return group_rows(self._frame, self._keys, n, False, self._maintain_order)

    def _every(self, method: str, *args) -> LazyFrame:
        keys = {k.get("column", {}).get("name") for k in self._keys}
        others = [n for n in self._frame._arrow_schema().names if n not in keys]
        return self.agg(*[getattr(_expr.col(n), method)(*args) for n in others])

    def quantile(self, quantile: float, interpolation: str = "nearest") -> LazyFrame:
        return self._every("quantile", quantile, interpolation)

    def sum(self) -> LazyFrame: return self._every("sum")
    def mean(self) -> LazyFrame: return self._every("mean")
    def min(self) -> LazyFrame: return self._every("min")
    def max(self) -> LazyFrame: return self._every("max")
    def first(self) -> LazyFrame: return self._every("first")
    def last(self) -> LazyFrame: return self._every("last")
    def n_unique(self) -> LazyFrame: return self._every("n_unique")
    def median(self) -> LazyFrame: return self._every("median")
    def count(self) -> LazyFrame: return self._every("count")


class DataFrame(DataFrameLocal, DataFrameExtra, EagerStructs):
    """A result: a ``pyarrow.Table`` with Polars' conveniences around it."""

    def __init__(self, data=None, *, backend=None):
        """From a ``pyarrow.Table``, a dict of column name to values, or a list of Series."""
        import pyarrow as pa
        if data is None:
            data = pa.table({})
        elif isinstance(data, dict):
            data = pa.table({k: v.to_arrow() if isinstance(v, Series) else v for k, v in data.items()})
        elif isinstance(data, (list, tuple)) and all(isinstance(s, Series) for s in data):
            data = pa.table({s.name: s.to_arrow() for s in data})
        self._table = data
        self._backend = backend

    def to_arrow(self, *, compat_level=None):
        from polaroid.engines import check_compat_level
        check_compat_level(compat_level)
        return self._table

    def describe(self, percentiles=(0.25, 0.5, 0.75), *, interpolation: str = "nearest") -> "DataFrame":
        """Summary statistics of every column, computed on this frame's backend (see ``LazyFrame.describe``)."""
        return self.lazy().describe(percentiles, interpolation=interpolation)

    def to_pandas(self):
        return self._table.to_pandas()

    def to_polars(self):
        import polars  # noqa: only when asked for
        return polars.from_arrow(self._table)

    def sql(self, query: str, *, table_name: str = "self") -> "DataFrame":
        """A SQL query over this frame, named ``self`` in it (Polars' ``DataFrame.sql``)."""
        return self.lazy().sql(query, table_name=table_name).collect()

    def lazy(self) -> LazyFrame:
        """A lazy frame over this one's rows, on the backend that made it."""
        return from_arrow(self._table, backend=self._backend)

    def group_by(self, *keys: Any, maintain_order: bool = False) -> "_EagerGroupBy":
        return _EagerGroupBy(self.lazy().group_by(*keys, maintain_order=maintain_order))

    @property
    def width(self) -> int:
        return self._table.num_columns

    @property
    def dtypes(self) -> list:
        return list(self.schema.values())

    def is_empty(self) -> bool:
        return self._table.num_rows == 0

    def estimated_size(self, unit: str = "b") -> float:
        scale = {"b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}[unit]
        return self._table.nbytes / scale

    def tail(self, n: int = 5) -> "DataFrame":
        return DataFrame(self._table.slice(max(0, self._table.num_rows - n)), backend=self._backend)

    def clear(self, n: int = 0) -> "DataFrame":
        return DataFrame(self._table.slice(0, 0), backend=self._backend)

    def clone(self) -> "DataFrame":
        return DataFrame(self._table, backend=self._backend)

    def rechunk(self) -> "DataFrame":
        return DataFrame(self._table.combine_chunks(), backend=self._backend)

    def n_chunks(self, strategy: str = "first") -> int:
        chunks = [c.num_chunks for c in self._table.columns] or [0]
        return chunks[0] if strategy == "first" else chunks

    def equals(self, other: "DataFrame") -> bool:
        return isinstance(other, DataFrame) and self._table.equals(other._table)

    def vstack(self, other: "DataFrame") -> "DataFrame":
        """This frame's rows, then ``other``'s (same columns)."""
        import pyarrow as pa
        return DataFrame(pa.concat_tables([self._table, other._table]), backend=self._backend)

    def hstack(self, columns) -> "DataFrame":
        """This frame's columns, then ``columns`` (Series, or another frame's)."""
        table = self._table
        for c in (columns.get_columns() if isinstance(columns, DataFrame) else columns):
            table = table.append_column(c.name, c.to_arrow())
        return DataFrame(table, backend=self._backend)

    def get_columns(self) -> list:
        return [Series(n, c) for n, c in zip(self.columns, self._table.columns)]

    def write_parquet(self, file) -> None:
        import pyarrow.parquet as pq
        pq.write_table(self._table, file)

    def write_csv(self, file=None, *, include_header: bool = True, separator: str = ",", line_terminator: str = "\n",
                  quote_char: str = '"', null_value: str | None = None, include_bom: bool = False):
        """To ``file`` (a path or a text/binary stream), or, without one, as a string, as Polars writes CSV."""
        from polaroid.csv_text import csv_text
        text = ("\ufeff" if include_bom else "") + csv_text(
            self._table, include_header=include_header, separator=separator, line_terminator=line_terminator,
            quote_char=quote_char, null_value=null_value or "")
        if file is None:
            return text
        if hasattr(file, "write"):
            file.write(text if not isinstance(file, (io.BufferedIOBase, io.RawIOBase, io.BytesIO)) else text.encode())
        else:
            with open(file, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        return None

    def write_ipc(self, file, *, compat_level=None) -> None:
        import pyarrow as pa
        from polaroid.engines import check_compat_level
        check_compat_level(compat_level)
        with pa.ipc.new_file(file, self._table.schema) as writer:
            writer.write_table(self._table)

    def get_column(self, name: str) -> Series:
        return Series(name, self._table.column(name))

    def item(self, row: int | None = None, column: str | int | None = None):
        """The one value of a 1x1 frame, or the value at ``row`` and ``column``."""
        if row is None and column is None:
            if self.shape != (1, 1):
                raise ValueError("item() without a row and column needs a 1x1 frame, not %s" % (self.shape,))
            return self._table.column(0)[0].as_py()
        values = self._table.column(column)
        return values[row].as_py()

    def row(self, index: int) -> tuple:
        return tuple(self._table.slice(index, 1).to_pylist()[0].values())

    def iter_rows(self, *, named: bool = False):
        for r in self._table.to_pylist():
            yield r if named else tuple(r.values())

    def to_dict(self, *, as_series: bool = True) -> dict:
        """Columns by name, as Series, or as lists with ``as_series=False``."""
        return {n: (Series(n, c) if as_series else c.to_pylist()) for n, c in zip(self.columns, self._table.columns)}

    @property
    def columns(self) -> list:
        return self._table.column_names

    @property
    def schema(self):
        """Column names and types (Polars' ``Schema``)."""
        from polaroid.datatypes_more import Schema
        return Schema.from_arrow(self._table.schema)

    @property
    def height(self) -> int:
        return self._table.num_rows

    @property
    def shape(self) -> tuple:
        return (self._table.num_rows, self._table.num_columns)

    def __len__(self) -> int:
        return self._table.num_rows

    def rows(self) -> list:
        return [tuple(r.values()) for r in self._table.to_pylist()]

    def to_dicts(self) -> list:
        return self._table.to_pylist()

    def __getitem__(self, name: str) -> Series:
        return Series(name, self._table.column(name))

    def __eq__(self, other):
        return isinstance(other, DataFrame) and self._table.equals(other._table)

    def __repr__(self) -> str:
        from polaroid._printer import render
        return render(self._table)

    __str__ = __repr__


def _named(named: dict) -> list:
    """``name=expr`` keywords as aliased expressions (a string value names a column, as in Polars)."""
    return [(col(v) if isinstance(v, str) else lit(v) if not isinstance(v, Expr) else v).alias(k) for k, v in named.items()]


def to_expr_list(items) -> list:
    """Predicates, with several-column expressions and lists flattened."""
    out = []
    for item in items:
        out.extend(to_expr_list(list(item)) if isinstance(item, (list, tuple, _expr.Columns)) else [item])
    return out


def _eager(name: str):
    def method(self, *args, **kwargs):
        args = [a.lazy() if isinstance(a, DataFrame) else a for a in args]
        kwargs = {k: v.lazy() if isinstance(v, DataFrame) else v for k, v in kwargs.items()}
        return getattr(self.lazy(), name)(*args, **kwargs).collect()
    method.__name__ = name
    method.__doc__ = "LazyFrame.%s, run at once on this frame's backend." % name
    return method


for _name in ("select", "filter", "with_columns", "join", "sort", "head", "limit", "slice", "unique", "rename", "drop",
              "explode",
              "sum", "mean", "median", "std", "var", "max", "min", "count", "null_count", "drop_nulls", "top_k",
              "bottom_k", "cast", "fill_null", "fill_nan", "drop_nans", "remove", "select_seq", "with_columns_seq",
              "join_where", "merge_sorted", "unpivot", "with_row_index", "shift", "quantile", "join_asof"):
    setattr(DataFrame, _name, _eager(_name))


class _EagerGroupBy:
    """``DataFrame.group_by``: each aggregation runs at once."""

    def __init__(self, lazy: GroupBy):
        self._lazy = lazy

    def __getattr__(self, name: str):
        method = getattr(self._lazy, name)
        return lambda *args, **kwargs: method(*args, **kwargs).collect()


def scan_parquet(source, *, n_rows: int | None = None, row_index_name: str | None = None, row_index_offset: int = 0,
                 schema=None, cast_options=None, missing_columns: str = "raise", extra_columns: str = "raise",
                 storage_options: dict | None = None, credential_provider="auto", backend=None,
                 **options) -> LazyFrame:
    """Parquet files (a path, a folder, a glob or a list of them), with Polars' options (scan_options)
    and object-store settings (storage_options); a ``schema`` is met under Polars' rules (scan_casts)."""
    _scan_options.check("scan_parquet", options)
    scan = {"format": "PARQUET", "paths": _paths(source),
            **_storage_options.scan_fields(storage_options, credential_provider)}
    frame = LazyFrame({"scan": scan}, backend)
    if schema is not None:
        frame = _scan_casts.conform(frame, schema, cast_options, missing_columns, extra_columns)
    return _scan_options.apply(frame, n_rows=n_rows, row_index_name=row_index_name, row_index_offset=row_index_offset)


def scan_ipc(source, *, n_rows: int | None = None, row_index_name: str | None = None, row_index_offset: int = 0,
             storage_options: dict | None = None, credential_provider="auto", backend=None, **options) -> LazyFrame:
    """Arrow IPC files, with Polars' options (scan_options) and object-store settings (storage_options)."""
    _scan_options.check("scan_ipc", options)
    scan = {"format": "IPC", "paths": _paths(source), **_storage_options.scan_fields(storage_options, credential_provider)}
    return _scan_options.apply(LazyFrame({"scan": scan}, backend),
                               n_rows=n_rows, row_index_name=row_index_name, row_index_offset=row_index_offset)


def scan_table(name: str, *, backend=None) -> LazyFrame:
    """A table of the server's catalog, by name (distributed backend only)."""
    return LazyFrame({"scan": {"table": name}}, backend)


def scan_csv(source, *, has_header: bool = True, separator: str = ",", quote_char: str = '"',
             null_values: Iterable[str] | None = None, infer_schema_length: int = 100,
             schema_overrides: dict | None = None, ignore_errors: bool = False, try_parse_dates: bool = False,
             n_rows: int | None = None, row_index_name: str | None = None, row_index_offset: int = 0, schema=None, new_columns=None,
             with_column_names=None, storage_options: dict | None = None, credential_provider="auto", backend=None,
             **options) -> LazyFrame:
    """CSV files, with Polars' options (scan_options) and object-store settings (storage_options);
    ``schema`` names and types every column."""
    _scan_options.check("scan_csv", options)
    csv: dict = {}
    if not has_header:
        csv["hasHeader"] = False
    if separator != ",":
        csv["delimiter"] = separator
    if quote_char != '"':
        csv["quote"] = quote_char
    if null_values:
        csv["nullValues"] = list(null_values)
    if infer_schema_length != 100:
        csv["inferSchemaLength"] = infer_schema_length
    if schema_overrides:
        csv["schemaOverrides"] = [{"name": n, "type": _types.to_dict(t), "nullable": True}
                                  for n, t in schema_overrides.items()]
    if ignore_errors:
        csv["ignoreErrors"] = True
    if try_parse_dates:
        csv["tryParseDates"] = True
    scan: dict = {"format": "CSV", "paths": _paths(source)}
    if csv:
        scan["csv"] = csv
    scan.update(_storage_options.scan_fields(storage_options, credential_provider))
    if schema is not None and new_columns is None:
        new_columns = list(dict(schema))
    return _scan_options.apply(LazyFrame({"scan": scan}, backend), n_rows=n_rows, row_index_name=row_index_name,
                               row_index_offset=row_index_offset, schema=schema, new_columns=new_columns,
                               with_column_names=with_column_names)


def read_parquet(source, *, columns=None, **kwargs) -> DataFrame:
    return _read(scan_parquet, source, columns, kwargs)


def read_ipc(source, *, columns=None, **kwargs) -> DataFrame:
    return _read(scan_ipc, source, columns, kwargs)


def _read(scan, source, columns, kwargs) -> DataFrame:
    """A scan's rows, of ``columns`` (names or positions) when given, as Polars' ``read_*``."""
    frame = scan(source, **kwargs)
    if columns is not None:
        frame = _scan_options.pick(frame, columns, kwargs.get("row_index_name"))
    return frame.collect()


def from_dict(data: dict, *, backend=None) -> DataFrame:
    """A frame of columns given as name -> values (lists, pyarrow arrays or Series)."""
    return DataFrame(data, backend=backend)


def from_dicts(rows: Sequence[dict], *, backend=None) -> DataFrame:
    """A frame of rows given as dicts of column name -> value."""
    import pyarrow as pa
    return DataFrame(pa.Table.from_pylist(list(rows)), backend=backend)


def from_pandas(frame, *, backend=None) -> DataFrame:
    import pyarrow as pa
    return DataFrame(pa.Table.from_pandas(frame, preserve_index=False), backend=backend)


def read_csv(source, *, columns=None, **kwargs) -> DataFrame:
    return _read(scan_csv, source, columns, kwargs)


def _narrow_lists(table):
    """Large lists (and large strings inside lists), as Polars' ``to_arrow`` makes them, as plain
    ones: the engine takes lists as they are and converts only flat columns' large strings."""
    import pyarrow as pa

    def narrow(t):
        if pa.types.is_large_list(t) or pa.types.is_list(t):
            return pa.list_(pa.field("item", narrow(t.value_type)))
        return pa.string() if t == pa.large_string() else t

    nested = [f for f in table.schema if pa.types.is_large_list(f.type) or pa.types.is_list(f.type)]
    if all(narrow(f.type) == f.type for f in nested):
        return table
    schema = pa.schema([f.with_type(narrow(f.type)) if f in nested else f for f in table.schema])
    return table.cast(schema)


def from_arrow(table, *, backend=None) -> LazyFrame:
    """A frame over an in-memory ``pyarrow.Table`` (sent as Arrow IPC inside the plan)."""
    import base64
    import pyarrow as pa
    table = _narrow_lists(table)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return LazyFrame({"inMemory": {"arrowIpc": base64.b64encode(sink.getvalue().to_pybytes()).decode("ascii")}}, backend)


def _explode_select(nodes: list):
    """``select(col("a").explode(), ...)``: when every expression is exploded, the lists selected and the
    frame exploded (as Polars: each row's lists must have the same length); None when none is."""
    def inner(node):
        while "alias" in node:
            node = node["alias"]["expr"]
        call = node.get("call", {})
        return call["args"][0] if call.get("function") == "explode" else None  # the list expression
    found = [inner(n) for n in nodes]
    if all(f is None for f in found):
        return None
    options = set()
    for n in nodes:
        while "alias" in n:
            n = n["alias"]["expr"]
        if n.get("call", {}).get("function") == "explode":
            empty, keep = (a["literal"]["boolean"] for a in n["call"]["args"][1:3])
            options.add((empty, keep))
    if len(options) > 1:
        raise ValueError("explode() with different empty_as_null/keep_nulls in one select")
    if any(f is None for f in found):
        raise ValueError("explode() in a select with expressions that are not exploded: as Polars requires equal"
                         " lengths, explode them all or explode the frame after the select")
    names = [_expr.output_name(n) for n in nodes]
    empty, keep = options.pop()
    return ([{"alias": {"expr": f, "name": name}} for f, name in zip(found, names)],
            names, {"empty_as_null": empty, "keep_nulls": keep})
