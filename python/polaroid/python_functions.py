"""Python functions in a query, as Polars runs them: ``Expr.map_batches`` (a function of the whole
column as a Series), ``Expr.map_elements`` (of each value), ``pl.map_batches``/``pl.map_groups`` (of
several columns), ``LazyFrame.map_batches`` and ``GroupBy.map_groups`` (of frames). In a plan an
expression of a Python function is a ``pythonCall`` node that carries the function; the portable
backend calls it in-process. The cluster runs no Python, so the distributed backend refuses such a
plan by name (``refuse_python_calls``), while the frame-level ones collect and continue from the
result there."""
from __future__ import annotations

from typing import Callable, Sequence

import pyarrow as pa

from polaroid.backend import PolaroidError
from polaroid.dtype_exprs import return_type


class PythonCall(dict):
    """The plan form: the function's Polars name and its argument expressions; ``apply`` computes it."""

    def __init__(self, name: str, args: list, apply: Callable):
        super().__init__(name=name, args=args)
        self.apply = apply


def _series(values, name: str = ""):
    from polaroid.series import Series
    return Series(name, values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values]))


def _to_arrow(result, rows: int, return_dtype, returns_scalar: bool):
    """A function's result (a Series, values or one value) as an array of ``rows`` (one if a scalar)."""
    from polaroid.series import Series
    target = None
    if return_dtype is not None:
        from polaroid.datatypes import to_dict
        from polaroid.portable import _arrow_type
        target = _arrow_type(to_dict(return_dtype), "return_dtype")
    if isinstance(result, Series):
        values = result.to_arrow()
    elif isinstance(result, (pa.Array, pa.ChunkedArray)):
        values = result
    elif returns_scalar or not isinstance(result, (list, tuple)):
        values = pa.array([result], type=target)
    else:
        values = pa.array(list(result), type=target)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if target is not None and values.type != target:
        values = values.cast(target)
    if not returns_scalar and len(values) not in (rows, 1):
        raise PolaroidError("map_batches: the function returned %d values for %d rows" % (len(values), rows),
                            "INVALID_VALUE")
    return values


def batches_call(name: str, args: list, function: Callable, return_dtype=None, returns_scalar=False, one=False):
    """An expression of ``function`` over the argument columns as Series (one Series if ``one``)."""
    from polaroid.expr import Expr, to_exprs

    def apply(columns: list, rows: int):
        series = [_series(c) for c in columns]
        return _to_arrow(function(series[0] if one else series), rows, return_type(return_dtype, columns[0].type),
                         returns_scalar)
    return Expr({"pythonCall": PythonCall(name, to_exprs(args), apply)})


def elements_call(arg, function: Callable, return_dtype=None, skip_nulls: bool = True):
    """An expression of ``function`` applied to each value (nulls stay null with ``skip_nulls``)."""
    from polaroid.expr import Expr, to_exprs

    def apply(columns: list, rows: int):
        values = columns[0].to_pylist()
        out = [None if v is None and skip_nulls else function(v) for v in values]
        return _to_arrow(out, rows, return_type(return_dtype, columns[0].type), False)
    return Expr({"pythonCall": PythonCall("map_elements", to_exprs([arg]), apply)})


def map_batches(exprs: Sequence, function: Callable, return_dtype=None, *, is_elementwise: bool = False,
                returns_scalar: bool = False):
    """``function`` of the columns of ``exprs`` (names or expressions), as Series."""
    from polaroid.expr import col
    return batches_call("map_batches", [col(e) if isinstance(e, str) else e for e in exprs], function, return_dtype,
                        returns_scalar)


def map_groups(exprs: Sequence, function: Callable, return_dtype=None, *, is_elementwise: bool = False,
               returns_scalar: bool = False):
    """As ``map_batches`` (over a select, the whole frame is one group)."""
    return map_batches(exprs, function, return_dtype, returns_scalar=returns_scalar)


def refuse_python_calls(node) -> None:
    """Raises when a plan (dict) holds a Python function: the cluster cannot run it."""
    from polaroid._wire import dicts
    for d in dicts(node):
        if isinstance(d, PythonCall):
            raise PolaroidError("%s runs a Python function, which the cluster cannot: use the portable backend, or "
                                "collect first and apply it to the DataFrame" % d["name"], "NOT_SUPPORTED")


class ExprFunctions:
    """Mixed into ``Expr``: its Python functions."""

    def map_batches(self, function: Callable, return_dtype=None, *, is_elementwise: bool = False,
                    returns_scalar: bool = False):
        """``function`` of the whole column, as a Series, giving a Series (or one value)."""
        return batches_call("map_batches", [self], function, return_dtype, returns_scalar, one=True)

    def map_elements(self, function: Callable, return_dtype=None, *, skip_nulls: bool = True, pass_name: bool = False,
                     strategy: str = "thread_local"):
        """``function`` of each value (nulls stay null unless ``skip_nulls=False``)."""
        return elements_call(self, function, return_dtype, skip_nulls)


class FrameFunctions:
    """Mixed into ``LazyFrame``: ``map_batches`` of the whole frame."""

    def map_batches(self, function: Callable, *, predicate_pushdown: bool = False, projection_pushdown: bool = False,
                    slice_pushdown: bool = False, schema=None, validate_output_schema: bool = True,
                    streamable: bool = False):
        """``function`` of the collected frame (a DataFrame to a DataFrame); the query goes on from its result."""
        result = function(self.collect())
        return result.lazy() if hasattr(result, "lazy") else result


def map_groups_of(frame, keys: list, maintain_order: bool, function: Callable):
    """``GroupBy.map_groups``: ``function`` of each group's frame, the results stacked."""
    from polaroid.frame import DataFrame
    eager = frame.collect()
    names = [k.get("column", {}).get("name") for k in keys]
    if None in names:
        raise PolaroidError("map_groups groups by columns, not expressions", "INVALID_PLAN")
    parts = [function(part) for part in eager.partition_by(names, maintain_order=True)]
    tables = [p.to_arrow() for p in parts]
    return DataFrame(pa.concat_tables(tables, promote_options="default"), backend=frame._backend)
