"""More of Polars' LazyFrame, each made of the plan's nodes and expressions (so both backends run it):
``cast``, ``fill_null``, ``fill_nan``, ``drop_nans``, ``remove``, ``join_where``, ``unpivot``,
``merge_sorted``, the schema properties, and the sinks (a collect, then a write)."""
from __future__ import annotations

import functools
from typing import Any, Callable

from polaroid import datatypes as _types
from polaroid.expr import Expr, col, lit

_STRATEGIES = ("min", "max", "mean", "zero", "one")


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def _is_number(t) -> bool:
    import pyarrow as pa
    return pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)


def supertype(types: list):
    """The type a column of several types' values takes, as Polars' unpivot: one type stays, integers
    widen, integers with floats make Float64, anything else String."""
    import pyarrow as pa
    distinct = list(dict.fromkeys(types))
    if len(distinct) == 1:
        return _types.from_arrow(distinct[0])
    if all(pa.types.is_integer(t) for t in distinct):
        return _types.Int64
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in distinct):
        return _types.Float64
    return _types.String


class LazyFrameMore:
    """Mixed into ``LazyFrame``."""

    @property
    def schema(self):
        """The result's names and types (Polars' ``Schema``; asks the backend, as ``collect_schema``)."""
        return self.collect_schema()

    @property
    def columns(self) -> list:
        return self._arrow_schema().names

    @property
    def dtypes(self) -> list:
        return list(self.collect_schema().values())

    def pipe(self, function: Callable, *args, **kwargs):
        return function(self, *args, **kwargs)

    def select_seq(self, *exprs, **named):
        return self.select(*exprs, **named)

    def with_columns_seq(self, *exprs, **named):
        return self.with_columns(*exprs, **named)

    def cache(self):
        """As Polars: a hint to reuse this part of the plan; the result is the same frame."""
        return self

    def set_sorted(self, column, *more_columns, descending=False, nulls_last=False):
        """As Polars: a promise that these columns are sorted, which Polaroid does not use; the same frame."""
        return self

    def cast(self, dtypes, *, strict: bool = True):
        """Columns cast: ``{name or data type: data type}``, or one data type for every column."""
        from polaroid.selection import names_of_type
        schema = self._arrow_schema()
        if not isinstance(dtypes, dict):
            return self.with_columns([col(n).cast(dtypes, strict=strict) for n in schema.names])
        target = {}
        for key, dtype in dtypes.items():
            names = [key] if isinstance(key, str) else names_of_type(key, schema.names, list(schema.types))
            target.update({n: dtype for n in names})
        return self.with_columns([col(n).cast(t, strict=strict) for n, t in target.items()])

    def fill_null(self, value: Any = None, strategy: str | None = None, limit: int | None = None, *,
                  matches_supertype: bool = True):
        """Nulls replaced by ``value`` in the columns whose type it fits (as Polars picks them), or by
        each column's ``min``/``max``/``mean``/``zero``/``one`` (``strategy``)."""
        schema = self._arrow_schema()
        if value is None and strategy is None:
            raise ValueError("fill_null needs a value or a strategy")
        if strategy in ("forward", "backward"):
            return self.with_columns([col(f.name).fill_null(strategy=strategy, limit=limit) for f in schema])
        if limit is not None:
            raise ValueError("fill_null(limit=...) goes with strategy='forward' or 'backward'")
        if strategy is not None:
            if strategy not in _STRATEGIES:
                raise ValueError("fill_null(strategy=%r): Polaroid fills forward, backward or with %s"
                                 % (strategy, ", ".join(_STRATEGIES)))
            return self.with_columns([_fill_by_strategy(f, strategy) for f in schema])
        fits = _fits(value, matches_supertype)
        return self.with_columns([col(f.name).fill_null(value) for f in schema if fits(f.type)])

    def fill_nan(self, value):
        """NaN replaced by ``value`` in the float columns."""
        import pyarrow as pa
        floats = [f.name for f in self._arrow_schema() if pa.types.is_floating(f.type)]
        return self.with_columns([col(n).fill_nan(value) for n in floats]) if floats else self

    def drop_nans(self, subset: Any = None):
        """Rows without a NaN in ``subset`` (by default every float column)."""
        import pyarrow as pa
        names = [f.name for f in self._arrow_schema() if pa.types.is_floating(f.type)] if subset is None \
            else _names(subset)
        if not names:
            return self
        any_nan = functools.reduce(lambda a, b: a | b, [col(n).is_nan().fill_null(False) for n in names])
        return self.filter(~any_nan)

    def remove(self, *predicates, **constraints):
        """The rows where the predicates do not all hold (a null is not a hold: those rows stay)."""
        from polaroid.frame import to_expr_list
        terms = [*to_expr_list(predicates), *[col(k) == v for k, v in constraints.items()]]
        if not terms:
            raise ValueError("remove needs a predicate")
        every = functools.reduce(lambda a, b: a & b, terms)
        return self.filter(~every.fill_null(False))

    def join_where(self, other, *predicates, how: str = "inner", suffix: str = "_right"):
        """Every pair of rows where the predicates hold (a right column whose name is taken gets ``suffix``)."""
        from polaroid.frame import to_expr_list
        if how != "inner":
            raise ValueError("join_where(how=%r): Polaroid joins where predicates hold as 'inner'" % how)
        terms = to_expr_list(predicates)
        if not terms:
            raise ValueError("join_where needs a predicate")
        return self.join(other, how="cross", suffix=suffix).filter(*terms)

    def unpivot(self, on: Any = None, *, index: Any = None, variable_name: str | None = None,
                value_name: str | None = None):
        """Wide to long: for each ``on`` column in turn, the ``index`` columns, its name and its values."""
        from polaroid.toplevel import concat
        schema = self._arrow_schema()
        index = [] if index is None else _names(index)
        on = [n for n in schema.names if n not in index] if on is None else _names(on)
        variable, value = variable_name or "variable", value_name or "value"
        if not on:
            return self.select([*index, lit(None).cast(_types.String).alias(variable),
                                lit(None).alias(value)]).head(0)
        dtype = supertype([schema.field(n).type for n in on])
        parts = [self.select([*index, lit(n).alias(variable), col(n).cast(dtype).alias(value)]) for n in on]
        return concat(parts) if len(parts) > 1 else parts[0]

    def merge_sorted(self, other, key: str | list, *, maintain_order: bool = False):
        """Two frames sorted by ``key`` as one sorted frame; equal keys: this frame's rows first."""
        from polaroid.toplevel import concat
        return concat([self, other]).sort(key, maintain_order=True)

    def clear(self, n: int = 0):
        """No rows, or ``n`` rows of nulls, with this frame's columns."""
        if n == 0:
            return self.head(0)
        import pyarrow as pa
        from polaroid.frame import from_arrow
        schema = self._arrow_schema()
        nulls = pa.table({f.name: pa.nulls(n, f.type) for f in schema}, schema=schema)
        return from_arrow(nulls, backend=self._backend)

    def rename(self, mapping, *, strict: bool = True):
        """Columns renamed by ``{old: new}``, or by a function of the name."""
        if callable(mapping):
            mapping = {n: mapping(n) for n in self._arrow_schema().names}
            mapping = {a: b for a, b in mapping.items() if a != b}
        elif not strict:
            present = set(self._arrow_schema().names)
            mapping = {a: b for a, b in mapping.items() if a in present}
        if not mapping:
            return self
        return self._wrap("rename", {"input": self._rel,
                                     "columns": [{"from": a, "to": b} for a, b in mapping.items()]})

    def show(self, limit: int | None = 5, **_format) -> None:
        """Prints the first ``limit`` rows (all with None)."""
        frame = self if limit is None else self.head(limit)
        print(frame.collect())

    def sink_parquet(self, path, **_options) -> None:
        """Runs the query and writes its result to ``path`` as Parquet (or to files a ``pl.PartitionBy`` says)."""
        self._sink(path, "parquet")

    def sink_csv(self, path) -> None:
        self._sink(path, "csv")

    def sink_ipc(self, path, **_options) -> None:
        self._sink(path, "ipc")

    def sink_ndjson(self, path, **_options) -> None:
        self._sink(path, "ndjson")

    def _sink(self, path, format: str) -> None:
        from polaroid.partitioned_sinks import PartitionBy
        if isinstance(path, PartitionBy):
            path.sink(self, format)
        else:
            getattr(self.collect(), "write_" + format)(path)


def _fits(value, matches_supertype: bool):
    """Which column types ``fill_null(value)`` touches, as Polars decides (null columns take anything)."""
    import datetime as dt
    import pyarrow as pa
    if isinstance(value, Expr):
        return lambda t: True
    if isinstance(value, bool):
        kinds = [pa.types.is_boolean]
    elif isinstance(value, (int, float)) and matches_supertype:
        kinds = [_is_number]
    elif isinstance(value, int):
        kinds = [lambda t: t == pa.int64()]
    elif isinstance(value, float):
        kinds = [lambda t: t == pa.float64()]
    elif isinstance(value, dt.datetime):
        kinds = [pa.types.is_timestamp]
    elif isinstance(value, dt.date):
        kinds = [pa.types.is_date32]
    elif isinstance(value, str):
        kinds = [lambda t: pa.types.is_string(t) or pa.types.is_large_string(t)]
    else:
        return lambda t: True
    return lambda t: pa.types.is_null(t) or any(k(t) for k in kinds)


def _fill_by_strategy(field, strategy: str) -> Expr:
    """A column's nulls filled by ``strategy``, keeping the column's type (a mean is cast back, as Polars)."""
    c = col(field.name)
    fill = {"min": c.min(), "max": c.max(), "zero": lit(0), "one": lit(1)}.get(strategy)
    if strategy == "mean":
        fill = c.mean().cast(_types.from_arrow(field.type))
    return c.fill_null(fill)
