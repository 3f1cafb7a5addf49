"""More of Polars' ``Expr.list`` (mixed into the list namespace) and ``pl.concat_list``: the engine's
``ListMoreFunctions``, so both backends run them. A Python list where Polars takes a literal list
(``gather([0, -1])``, ``set_union([1, 2])``) travels as a ``concat_list`` of literals, one list for
every row."""
from __future__ import annotations


ELEMENT = "element()"  # the engine's ListElementsExpr.ELEMENT


# Aggregations of the element that list.agg runs as the list function of the same name.
_LIST_AGGREGATIONS = {name: "list." + name for name in
                      ("sum", "mean", "min", "max", "median", "std", "var", "n_unique", "first", "last")}


def _expr():
    from polaroid import expr
    return expr


def _literal_list(values):
    """A Python collection as an expression of one list per row (empty: None, the caller decides)."""
    values = list(values)
    return _expr()._call("concat_list", *[_expr().lit(v) for v in values]) if values else None


def _into_list(namespace, other, what: str):
    """``other`` of a set operation: an expression, a column name or a collection of values."""
    e = _expr()
    if isinstance(other, (e.Expr, str)):
        return e.col(other) if isinstance(other, str) else other
    if isinstance(other, (list, tuple, set, frozenset)):
        values = _literal_list(other)
        return values if values is not None else namespace.slice(0, 0)
    raise TypeError("list.%s: other must be an expression, a column name or a collection of values, not %s"
                    % (what, type(other).__name__))


class ListMore:
    """Mixed into ``ListNamespace`` (``self._e`` is the list expression)."""

    __slots__ = ()

    def explode(self, *, empty_as_null: bool = False, keep_nulls: bool = True):
        """One row per value of the lists (see ``Expr.explode``)."""
        return self._e.explode(empty_as_null=empty_as_null, keep_nulls=keep_nulls)

    def all(self, *, ignore_nulls: bool = True):
        """Whether every value is true (true for an empty list); a null makes it null unless ignored."""
        return self._e._call("list.all", ignore_nulls)

    def any(self, *, ignore_nulls: bool = True):
        """Whether a value is true (false for an empty list); a null makes it null unless ignored."""
        return self._e._call("list.any", ignore_nulls)

    def arg_max(self):
        """The position of the largest value (Polars' u32 is Int64 here)."""
        return self._e._call("list.arg_max")

    def arg_min(self):
        """The position of the smallest value (Polars' u32 is Int64 here)."""
        return self._e._call("list.arg_min")

    def count_matches(self, element):
        """How many values equal the literal ``element`` (None counts nulls; Polars' u32 is Int64 here)."""
        return self._e._call("list.count_matches", element)

    def diff(self, n: int = 1, null_behavior: str = "ignore"):
        """Each value minus the one ``n`` before it; ``null_behavior="drop"`` drops the first ``n``."""
        return self._e._call("list.diff", n, null_behavior)

    def drop_nulls(self):
        return self._e._call("list.drop_nulls")

    def gather(self, indices, *, null_on_oob: bool = False):
        """The values at ``indices`` (negative: from the end): a list column, or a Python list for every row."""
        e = _expr()
        if isinstance(indices, (list, tuple)):
            if not indices:
                raise ValueError("list.gather: no indices (Polars cannot gather an empty list of indices either)")
            if not all(isinstance(i, int) and not isinstance(i, bool) for i in indices):
                raise TypeError("list.gather: a Python list of indices must hold integers")
            indices = _literal_list(indices)
        elif isinstance(indices, str):
            indices = e.col(indices)
        elif not isinstance(indices, e.Expr):
            raise TypeError("list.gather: indices must be a list of integers or an expression of lists of integers, "
                            "not %s" % type(indices).__name__)
        return self._e._call("list.gather", indices, null_on_oob)

    def gather_every(self, n: int, offset: int = 0):
        """Every ``n``-th value from ``offset``."""
        return self._e._call("list.gather_every", n, offset)

    def item(self, *, allow_empty: bool = False):
        """The one value of each list; a list of another length fails (an empty one gives null if allowed)."""
        return self._e._call("list.item", allow_empty)

    def median(self):
        return self._e._call("list.median")

    def std(self, ddof: int = 1):
        return self._e._call("list.std", ddof)

    def var(self, ddof: int = 1):
        return self._e._call("list.var", ddof)

    def shift(self, n: int = 1):
        """The values moved ``n`` places later (negative: earlier), nulls shifted in."""
        return self._e._call("list.shift", n)

    def set_union(self, other):
        return self._e._call("list.set_union", _into_list(self, other, "set_union"))

    def set_intersection(self, other):
        return self._e._call("list.set_intersection", _into_list(self, other, "set_intersection"))

    def set_difference(self, other):
        return self._e._call("list.set_difference", _into_list(self, other, "set_difference"))

    def set_symmetric_difference(self, other):
        return self._e._call("list.set_symmetric_difference", _into_list(self, other, "set_symmetric_difference"))

    def eval(self, expr, *, parallel: bool = False):
        """``expr``, an element-wise expression of ``pl.element()``, of each value of each list (an
        aggregation or an order-dependent function of the values is refused by name)."""
        return self._e._call("list.eval", expr)

    def filter(self, predicate):
        """The values for which ``predicate``, an element-wise expression of ``pl.element()``, is true."""
        return self._e._call("list.filter", predicate)

    def agg(self, expr):
        """``expr`` of each list's values: an aggregation of an element-wise expression of ``pl.element()``
        (``pl.element().sum()``, ``(pl.element() * 2).max()``) is one value per list, the list function
        of the same name after ``eval``; an element-wise expression is ``eval``."""
        e = _expr()
        node = expr.to_dict()
        call = node.get("call", {})
        function = _LIST_AGGREGATIONS.get(call.get("function"))
        if function is not None and len(call.get("args", [])) == 1:
            inner = call["args"][0]
            values = self._e if inner == {"column": {"name": ELEMENT}} else self.eval(e.Expr(inner))
            return values._call(function)
        return self.eval(expr)

    def concat(self, other):
        """This list followed by ``other``: lists or values (expressions or column names), or a Python
        list of values (one literal list for every row)."""
        e = _expr()
        if isinstance(other, list) and other and not isinstance(other[0], (e.Expr, str)):
            return self._e._call("list.concat", _literal_list(other))
        others = other if isinstance(other, list) else [other]
        return self._e._call("list.concat", *[e.col(o) if isinstance(o, str) else o for o in others])


def element():
    """Each value of a list, in ``list.eval`` and ``list.filter`` (the engine's column ``element()``)."""
    return _expr().Expr({"column": {"name": ELEMENT}})


def concat_list(exprs, *more_exprs):
    """One list per row from lists and values (a value is a list of one), in order; column names are columns."""
    e = _expr()
    items = list(exprs) if isinstance(exprs, (list, tuple)) else [exprs]
    items += list(more_exprs)
    if not items:
        raise ValueError("concat_list needs at least one expression")
    return e._call("concat_list", *[e.col(i) if isinstance(i, str) else i for i in items])
