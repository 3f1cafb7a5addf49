"""Polars' structs: ``pl.struct``, the ``Expr.struct`` namespace (the engine's StructFunctions, so both
backends run them), and what Polars answers with a struct: ``value_counts``, ``rle``, ``cum_fold``,
``cum_reduce`` and ``cum_sum_horizontal``, composed here of functions both backends have. A struct
being made sends its field names after its values, named by Polars' output-name rule."""
from __future__ import annotations


def _expr():
    from polaroid import expr
    return expr


def _values(exprs, named: dict) -> list:
    """Expressions (strings name columns) and named ones (aliased), in order, as Expr objects."""
    e = _expr()
    out = [e.Expr(node) for node in e.to_exprs(exprs)]
    out += [_as_expr(v).alias(k) for k, v in named.items()]
    return out


def _as_expr(v):
    e = _expr()
    return v if isinstance(v, e.Expr) else e.col(v) if isinstance(v, str) else e.lit(v)


def struct(*exprs, schema=None, eager: bool = False, **named_exprs):
    """A struct column of the expressions (strings name columns; keywords name fields), each field named
    as the column the expression would make (Polars' ``pl.struct``)."""
    if eager:
        raise ValueError("pl.struct(eager=True): Polaroid builds expressions; use it in select()")
    values = _values(exprs, named_exprs)
    if not values:
        raise ValueError("pl.struct needs at least one expression")
    names = [_expr().output_name(v.to_dict()) for v in values]
    made = _expr()._call("struct", *values, *names)
    return made.cast(schema) if schema is not None else made


class StructNamespace:
    """``col("s").struct.…``: functions of struct columns, as Polars names them."""

    def __init__(self, expr):
        self._e = expr

    def field(self, name: str, *more_names: str):
        """The field ``name`` of each struct (null where the struct is), named ``name``."""
        if more_names:
            raise TypeError("struct.field: one name at a time here (select several struct.field() calls)")
        return self._e._call("struct.field", name).alias(name)

    def __getitem__(self, item: str):
        return self.field(item)

    def rename_fields(self, names):
        """The same values under new field names, one per field in order."""
        return self._e._call("struct.rename_fields", *list(names))

    def json_encode(self):
        """Each struct as JSON text, as Polars writes it (a null struct is the text null)."""
        return self._e._call("struct.json_encode")

    def with_fields(self, *exprs, **named_exprs):
        """Each struct with fields set, as Polars: ``pl.field("a")`` in the expressions is this struct's
        field ``a``; a value named as a field replaces it in place, any other is added after; a null
        struct stays null."""
        values = [_Expr(_with_fields_of(v.to_dict(), self._e)) for v in _values(exprs, named_exprs)]
        names = [_expr().output_name(v.to_dict()) for v in values]
        return self._e._call("struct.with_fields", *values, *names)


class FieldRef(dict):
    """The plan form of ``pl.field(name)`` until ``with_fields`` replaces it with its struct's field."""

    def __init__(self, name: str):
        super().__init__(column={"name": name})


def _Expr(node: dict):
    return _expr().Expr(node)


def _with_fields_of(node, struct_expr):
    """``node`` with every ``pl.field(name)`` replaced by ``struct_expr.struct.field(name)``."""
    from polaroid._wire import replaced
    return replaced(node, lambda d: struct_expr.struct.field(d["column"]["name"]).to_dict()
                    if isinstance(d, FieldRef) else None)


def field(name):
    """The field ``name`` of the struct that ``Expr.struct.with_fields`` sets (several names: one
    expression each, as ``pl.col``); Polars refuses it anywhere else."""
    e = _expr()
    names = [name] if isinstance(name, str) else list(name)
    made = [e.Expr(FieldRef(n)) for n in names]
    return made[0] if len(made) == 1 else e.Columns(made)


def refuse_fields_outside_structs(body: dict) -> None:
    """Raises when a plan step holds a ``pl.field`` that no ``with_fields`` took (Polars' message)."""
    from polaroid._wire import dicts
    from polaroid.exceptions import InvalidOperationError
    if any(isinstance(d, FieldRef) for d in dicts({k: v for k, v in body.items() if k not in ("input", "left", "right",
                                                                                            "inputs")})):
        raise InvalidOperationError("`pl.field()` called outside of struct context", "NOT_SUPPORTED")


class StructExpr:
    """Mixed into ``Expr``: the ``struct`` namespace and the functions that answer with a struct."""

    __slots__ = ()

    @property
    def struct(self) -> StructNamespace:
        return StructNamespace(self)

    def value_counts(self, *, sort: bool = False, parallel: bool = False, name: str | None = None,
                     normalize: bool = False):
        """Each distinct value (in order of first appearance) and how many times it occurs, as a struct
        ``{value, count}`` (``proportion`` with ``normalize``); ``sort`` puts the most frequent first.
        Polars' u32 count is Int64 here."""
        e = _expr()
        label = name or ("proportion" if normalize else "count")
        count = self.is_null().count().over(self)  # the rows of each value, nulls a value of their own
        if normalize:
            count = count.cast(e._types.Float64) / self.is_null().count()
        name = e.output_name(self.to_dict())
        if not sort:
            first = self.is_first_distinct()
            return struct(self.filter(first), count.filter(first).alias(label)).alias(name)
        # the struct is made of the sorted, filtered columns: row sets move flat values only
        order = dict(descending=True, maintain_order=True)
        first = self.sort_by(count, **order).is_first_distinct()
        return struct(self.sort_by(count, **order).filter(first), count.sort_by(count, **order).filter(first).alias(label)
                      ).alias(name)

    def rle(self):
        """Runs of equal values as structs ``{len, value}`` (Polars' u32 len is Int64 here)."""
        e = _expr()
        run = self.rle_id()
        made = struct(e.len().over(run).alias("len"), self.alias("value"))
        return made.filter(run.is_first_distinct()).alias(e.output_name(self.to_dict()))


def _inputs(exprs, more) -> list:
    e = _expr()
    items = list(exprs) if isinstance(exprs, (list, tuple)) else [exprs]
    return [e.Expr(node) for node in e.to_exprs(items + list(more))]


def _cumulative(name: str, steps: list, inputs: list):
    """A struct named ``name`` of the running values, each field named by its input."""
    e = _expr()
    names = [e.output_name(x.to_dict()) for x in inputs]
    return e._call("struct", *steps, *names).alias(name)


def cum_fold(acc, function, exprs, *more_exprs, returns_scalar: bool = False, return_dtype=None,
             include_init: bool = False):
    """A struct of the running ``function(acc, x)`` over the expressions (fields named by them)."""
    if include_init:
        raise ValueError("cum_fold(include_init=True): Polars 2.1 cannot run it either (a struct field of"
                         " another length)")
    inputs = _inputs(exprs, more_exprs)
    steps, value = [], _as_expr(acc)
    for x in inputs:
        value = function(value, x)
        steps.append(value)
    made = _cumulative("cum_fold", steps, inputs)
    return made.cast(return_dtype) if return_dtype is not None else made


def cum_reduce(function, exprs, *more_exprs, returns_scalar: bool = False, return_dtype=None):
    """A struct of the running ``function(acc, x)``, starting from the first expression."""
    inputs = _inputs(exprs, more_exprs)
    steps, value = [inputs[0]], inputs[0]
    for x in inputs[1:]:
        value = function(value, x)
        steps.append(value)
    made = _cumulative("cum_reduce", steps, inputs)
    return made.cast(return_dtype) if return_dtype is not None else made


def cum_sum_horizontal(*exprs):
    """A struct ``cum_sum`` of the running sums across the expressions (null from the first null on)."""
    inputs = _inputs(list(exprs), [])
    steps, value = [inputs[0]], inputs[0]
    for x in inputs[1:]:
        value = value + x
        steps.append(value)
    return _cumulative("cum_sum", steps, inputs)
