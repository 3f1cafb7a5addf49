"""Still more of Polars' LazyFrame, each made of the plan's nodes and expressions (so both backends run
it): ``gather_every``, ``interpolate``, ``update``, ``match_to_schema``, ``pivot`` (with ``on_columns``, as
Polars' lazy pivot needs them), ``pipe_with_schema``, ``collect_batches``, ``sink_batches``, ``collect_async``, and ``serialize`` /
``deserialize`` of Polaroid's JSON plan (not Polars' own format)."""
from __future__ import annotations

import json
from typing import Any, Callable

from polaroid import datatypes as _types
from polaroid.expr import col, lit

_PIVOT_AGGREGATES = ("item", "sum", "min", "max", "mean", "len")


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


class LazyFrameExtra:
    """Mixed into ``LazyFrame``."""

    def gather_every(self, n: int, offset: int = 0):
        """Every ``n``-th row, from row ``offset``."""
        from polaroid import expr as _expr
        from polaroid.windows import int_range
        if n <= 0:
            raise ValueError("gather_every(n=%r): n must be positive" % n)
        row = int_range(_expr.len())
        return self.filter((row >= offset) & ((row - offset) % n == 0))

    def interpolate(self):
        """The number columns' nulls on the straight line between the values around them (integers
        become Float64, as Polars' linear interpolation); the other columns as they are."""
        import pyarrow as pa
        from polaroid.lazy_more import _is_number
        schema = self._arrow_schema()
        for f in schema:
            if pa.types.is_temporal(f.type):
                raise ValueError("interpolate of the %s column %r: Polaroid interpolates numbers" % (f.type, f.name))
        return self.select([col(f.name).interpolate() if _is_number(f.type) else col(f.name) for f in schema])

    def pipe_with_schema(self, function: Callable):
        """``function(frame, schema)``, the schema being the frame's ``pyarrow.Schema``."""
        return function(self, self._arrow_schema())

    def collect_batches(self, *, chunk_size: int | None = None, maintain_order: bool = True, lazy: bool = False,
                        **_options):
        """The result, as DataFrames of at most ``chunk_size`` rows (one if not given)."""
        frame = self.collect()
        if chunk_size is None or frame.height <= chunk_size:
            return iter([frame])
        return frame.iter_slices(chunk_size)

    def sink_batches(self, function: Callable, *, chunk_size: int | None = None, maintain_order: bool = True,
                     lazy: bool = False, **_options):
        """Runs the query and calls ``function`` with each batch of the result (as ``collect_batches``
        cuts it) until it returns True."""
        if lazy:
            raise ValueError("sink_batches(lazy=True): Polaroid runs the query and the function at once")
        for batch in self.collect_batches(chunk_size=chunk_size):
            if function(batch):
                break

    def collect_async(self, *, gevent: bool = False, **_options):
        """An awaitable of ``collect()``, which runs in a thread (asyncio; not gevent)."""
        import asyncio
        if gevent:
            raise ValueError("collect_async(gevent=True): Polaroid collects asynchronously with asyncio")
        return asyncio.to_thread(self.collect)

    def serialize(self, file=None, *, format: str = "binary"):
        """The plan as Polaroid's JSON text (``format='json'``, a str) or its UTF-8 bytes (``binary``),
        written to ``file`` if given. Only ``LazyFrame.deserialize`` reads it (not Polars)."""
        if format not in ("binary", "json"):
            raise ValueError("serialize(format=%r): 'binary' or 'json'" % format)
        text = self.to_json()
        data = text.encode("utf-8") if format == "binary" else text
        if file is None:
            return data
        if hasattr(file, "write"):
            file.write(data)
        else:
            with open(file, "wb" if format == "binary" else "w") as f:
                f.write(data)
        return None

    @classmethod
    def deserialize(cls, source, *, format: str = "binary", backend=None):
        """A frame from what ``serialize`` wrote (bytes, a str, a path or a file)."""
        if format not in ("binary", "json"):
            raise ValueError("deserialize(format=%r): 'binary' or 'json'" % format)
        if hasattr(source, "read"):
            source = source.read()
        elif not isinstance(source, (bytes, str)) or (isinstance(source, str) and not source.lstrip().startswith("{")):
            with open(source, "rb") as f:
                source = f.read()
        if isinstance(source, bytes):
            source = source.decode("utf-8")
        plan = json.loads(source)
        if not isinstance(plan, dict) or "root" not in plan:
            raise ValueError("deserialize: not a Polaroid plan (no 'root')")
        return cls(plan["root"], backend)

    def update(self, other, on: Any = None, how: str = "left", *, left_on: Any = None, right_on: Any = None,
               include_nulls: bool = False, maintain_order: str | None = "left"):
        """This frame's values replaced by ``other``'s non-null ones (or all of them with
        ``include_nulls``) where the keys match (no keys: the row positions), as Polars."""
        from polaroid import expr as _expr
        from polaroid.windows import int_range
        if how not in ("left", "inner", "full"):
            raise ValueError("`how` must be one of {'left', 'inner', 'full'}; found %r" % (how,))
        index = None
        if on is None:
            if left_on is None and right_on is None:
                index = "__polaroid_row"
                self = self.with_columns(int_range(_expr.len()).alias(index))
                other = other.with_columns(int_range(_expr.len()).alias(index))
                left_on = right_on = [index]
            elif left_on is None or right_on is None:
                raise ValueError("missing join columns for %s frame" % ("left" if left_on is None else "right"))
        else:
            left_on = right_on = on
        left_on, right_on = _names(left_on), _names(right_on)
        left_schema, right_schema = self._arrow_schema(), other._arrow_schema()
        for side, names, schema in (("left", left_on, left_schema), ("right", right_on, right_schema)):
            for name in names:
                if name not in schema.names:
                    raise ValueError("%s join column %r not found" % (side, name))
        if how != "full" and len(right_schema) == len(right_on):
            return self.drop(index) if index else self
        right_other = [n for n in left_schema.names if n in right_schema.names and n not in right_on]
        validity = ["__polaroid_valid"] if include_nulls else []
        other = other.select(*right_on, *right_other, *[lit(True).alias(v) for v in validity])
        order = "__polaroid_order"
        left = self.with_columns(int_range(_expr.len()).alias(order))
        if len(left_on) == 1:
            joined = left.join(other, how=how, left_on=left_on[0], right_on=right_on[0], suffix="__right")
        else:
            joined = left.join(other, how=how, left_on=[col(n) for n in left_on], right_on=[col(n) for n in right_on],
                               suffix="__right")
        updated = [(_expr.when(col(validity[0]).is_null()).then(col(n)).otherwise(col(n + "__right"))
                    if include_nulls else _expr.coalesce(col(n + "__right"), col(n))).alias(n) for n in right_other]
        joined_names = joined._arrow_schema().names
        right_keys = []  # a full join may keep the right keys apart: one key column, as Polars' coalesced join
        for left_key, right_key in zip(left_on, right_on):
            name = right_key + "__right" if right_key in left_schema.names else right_key
            if name in joined_names and name not in left_schema.names:
                right_keys.append(name)
                updated.append(_expr.coalesce(col(left_key), col(name)).alias(left_key))
        result = joined.with_columns(updated) if updated else joined
        if maintain_order in ("left", "left_right"):
            result = result.sort(order, nulls_last=True, maintain_order=True)
        drop = [*(n + "__right" for n in right_other), *right_keys, *validity, order, *([index] if index else [])]
        keep = [n for n in result._arrow_schema().names if n not in drop]
        return result.select(keep)

    def match_to_schema(self, schema, *, missing_columns: Any = "raise", missing_struct_fields: Any = "raise",
                        extra_columns: str = "raise", extra_struct_fields: Any = "raise", integer_cast: Any = "forbid",
                        float_cast: Any = "forbid"):
        """This frame's columns in ``schema``'s order and types: a missing column is an error, or nulls
        (``missing_columns='insert'``) or an expression; an extra one an error or dropped (``'ignore'``);
        a type that differs an error, unless an integer (float) may widen (``integer_cast``/``float_cast``
        ``'upcast'``). Per-column choices as mappings, as Polars."""
        import pyarrow as pa
        if extra_columns not in ("ignore", "raise"):
            raise ValueError("extra_columns must be 'ignore' or 'raise', not %r" % (extra_columns,))
        target = _schema_dict(schema)
        mine = self._arrow_schema()
        extra = [n for n in mine.names if n not in target]
        if extra and extra_columns == "raise":
            raise ValueError("match_to_schema: extra columns in the frame: %s" % ", ".join(extra))
        exprs = []
        for name, dtype in target.items():
            wanted = dtype() if isinstance(dtype, type) else dtype
            if name not in mine.names:
                how = missing_columns.get(name, "raise") if isinstance(missing_columns, dict) else missing_columns
                if isinstance(how, str) and how == "raise":
                    raise ValueError("match_to_schema: column %r is missing" % name)
                fill = lit(None) if isinstance(how, str) and how == "insert" else how
                if isinstance(fill, str):
                    raise ValueError("missing_columns for %r: 'insert', 'raise' or an expression, not %r" % (name, fill))
                exprs.append((fill.cast(wanted) if fill is not how else fill).alias(name))  # as Polars: an
                # expression keeps its own type
                continue
            have = mine.field(name).type
            if _types.from_arrow(have) == wanted:
                exprs.append(col(name))
                continue
            ints = integer_cast.get(name, "forbid") if isinstance(integer_cast, dict) else integer_cast
            floats = float_cast.get(name, "forbid") if isinstance(float_cast, dict) else float_cast
            from polaroid.portable import _arrow_type
            want = _arrow_type(_types.to_dict(wanted), "match_to_schema")
            widens = ((ints == "upcast" and pa.types.is_integer(have) and pa.types.is_integer(want)
                       and want.bit_width > have.bit_width)
                      or (floats == "upcast" and pa.types.is_floating(have) and pa.types.is_floating(want)
                          and want.bit_width > have.bit_width))
            if not widens:
                raise ValueError("match_to_schema: column %r is %s, the schema wants %r" % (name, have, wanted))
            exprs.append(col(name).cast(wanted))
        return self.select(exprs)

    def pivot(self, on, on_columns, *, index=None, values=None, aggregate_function=None, maintain_order: bool = False,
              separator: str = "_", column_naming: str = "auto"):
        """Long to wide with the new columns given (``on_columns``): a row per ``index`` key, a column per
        ``on`` value holding ``values`` (one value per cell, checked by a count query now, or
        ``aggregate_function`` of them); null where a key has no row for a value."""
        if column_naming != "auto":
            raise ValueError("pivot(column_naming=%r): Polaroid names columns as 'auto'" % (column_naming,))
        on = _names(on)
        if len(on) != 1:
            raise ValueError("pivot: Polaroid pivots on one column")
        if index is None and values is None:
            raise ValueError("pivot needs index or values")
        names = self._arrow_schema().names
        index = [n for n in names if n not in on and n not in _names(values)] if index is None else _names(index)
        values = [n for n in names if n not in on and n not in index] if values is None else _names(values)
        distinct = on_columns.to_list() if hasattr(on_columns, "to_list") else list(on_columns)
        return pivot_frame(self, on[0], distinct, index, values, aggregate_function or "item", separator, maintain_order)


def pivot_frame(frame, on: str, distinct: list, index: list, values: list, agg: str, separator: str,
                maintain_order: bool):
    """The lazy pivot both frames run: one aggregation per value column and ``on`` value."""
    from polaroid import expr as e
    if agg not in _PIVOT_AGGREGATES:
        raise ValueError("pivot(aggregate_function=%r): one of %s" % (agg, ", ".join(_PIVOT_AGGREGATES)))
    if agg == "item":
        counts = frame.group_by(*index, on).agg(e.len().alias("__n")).select(e.col("__n").max()).collect()
        if (counts.item() or 0) > 1:
            raise ValueError("pivot: several values for one cell; give an aggregate_function")
        agg = "max"  # of the one value
    cells = []
    for v in values:
        for d in distinct:
            name = str(d) if len(values) == 1 else "%s%s%s" % (v, separator, d)
            hit = e.col(on).is_null() if d is None else e.col(on) == d
            # Counted with is_in, not with hit itself: the engine's common-subexpression names are
            # not the same on its coordinator and workers yet, and a shared term fails the query.
            rows = (hit if d is None else e.col(on).is_in([d]).fill_null(False)).cast(e._types.Int64).sum()
            if agg in ("len", "sum"):  # 0 where a key has no row for the value, as Polars
                cell = rows if agg == "len" else e.col(v).filter(hit).sum().fill_null(0)
            else:
                cell = e.when(rows > 0).then(getattr(e.col(v).filter(hit), agg)())
            cells.append(cell.alias(name))
    return frame.group_by(*index, maintain_order=maintain_order).agg(*cells)


def _schema_dict(schema) -> dict:
    """``{name: polaroid type}`` of a dict, a ``pyarrow.Schema`` or a Polars-like schema."""
    if hasattr(schema, "types") and hasattr(schema, "names") and not isinstance(schema, dict):
        names, types = list(schema.names), list(schema.types)
        if hasattr(schema, "field"):  # pyarrow
            return {n: _types.from_arrow(t) for n, t in zip(names, types)}
        return dict(zip(names, types))
    return dict(schema)
