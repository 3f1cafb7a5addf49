"""Polars' row-set expressions: ``sort``, ``sort_by``, ``arg_sort``, ``head``, ``tail``, ``slice``,
``top_k(_by)``, ``bottom_k(_by)``, ``gather``, ``gather_every``, ``drop_nulls``, ``drop_nans``,
``arg_true``, ``filter`` and ``get``. Each gives a column of its own length from the rows of its
window (the frame, a group of ``group_by`` or a partition of ``over``): alone in a select, beside
other row sets of its length or aggregations, or inside an aggregation (``col("a").sort_by("b").last()``
is not one of them: ``first``, ``sum``, ``mean``, ``len``, ... are)."""
from __future__ import annotations

# What both backends run as a row set (the engine's RowSets, the portable backend's per-window lists).
NAMES = {"sort", "sort_by", "arg_sort", "head", "tail", "slice", "top_k", "bottom_k", "top_k_by", "bottom_k_by",
         "gather", "gather_every", "drop_nulls", "drop_nans", "arg_true", "filter"}


def _expr():
    from polaroid import expr
    return expr


def _types():
    from polaroid import datatypes
    return datatypes


def _flags(value, n: int, what: str) -> list:
    flags = list(value) if isinstance(value, (list, tuple)) else [value] * n
    if len(flags) != n:
        raise ValueError("%s has %d values for %d sort keys" % (what, len(flags), n))
    return [bool(f) for f in flags]


def _keys(by, more_by, descending, nulls_last) -> list:
    """Sort keys as the wire's (expression, descending, nulls_last) triples; a string names a column."""
    e = _expr()
    keys = (list(by) if isinstance(by, (list, tuple)) else [by]) + list(more_by)
    keys = [e.col(k) if isinstance(k, str) else k for k in keys]
    out = []
    for key, d, n in zip(keys, _flags(descending, len(keys), "descending"), _flags(nulls_last, len(keys), "nulls_last")):
        out += [key, d, n]
    return out


def has_row_set(node) -> bool:
    if isinstance(node, dict):
        if node.get("call", {}).get("function") in NAMES:
            return True
        return any(has_row_set(v) for v in node.values())
    if isinstance(node, list):
        return any(has_row_set(v) for v in node)
    return False


class RowSets:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def sort(self, *, descending: bool = False, nulls_last: bool = False):
        """The values in order (stable), nulls first unless ``nulls_last``."""
        return self._call("sort", bool(descending), bool(nulls_last))

    def sort_by(self, by, *more_by, descending=False, nulls_last=False, multithreaded: bool = True,
                maintain_order: bool = False):
        """The values in the order of ``by`` (stable: ties keep their order)."""
        return self._call("sort_by", *_keys(by, more_by, descending, nulls_last))

    def arg_sort(self, *, descending: bool = False, nulls_last: bool = False):
        """The positions that would sort the values."""
        return self._call("arg_sort", bool(descending), bool(nulls_last))

    def head(self, n: int = 10):
        return self._call("head", _count(n, "head"))

    def tail(self, n: int = 10):
        return self._call("tail", _count(n, "tail"))

    def limit(self, n: int = 10):
        return self.head(n)

    def slice(self, offset: int, length: int | None = None):
        """The values from ``offset`` (negative: from the end), at most ``length`` of them."""
        return self._call("slice", int(offset), None if length is None else _count(length, "slice"))

    def top_k(self, k: int = 5):
        """The ``k`` largest values, largest first."""
        return self._call("top_k", _count(k, "top_k"))

    def bottom_k(self, k: int = 5):
        """The ``k`` smallest values, smallest first."""
        return self._call("bottom_k", _count(k, "bottom_k"))

    def top_k_by(self, by, k: int = 5, *, reverse=False):
        """The values of the ``k`` rows where ``by`` is largest (smallest where ``reverse``)."""
        keys = by if isinstance(by, (list, tuple)) else [by]
        descending = [not r for r in _flags(reverse, len(keys), "reverse")]
        return self._call("top_k_by", _count(k, "top_k_by"), *_keys(keys, (), descending, True))

    def bottom_k_by(self, by, k: int = 5, *, reverse=False):
        """The values of the ``k`` rows where ``by`` is smallest (largest where ``reverse``)."""
        keys = by if isinstance(by, (list, tuple)) else [by]
        return self._call("bottom_k_by", _count(k, "bottom_k_by"), *_keys(keys, (), _flags(reverse, len(keys), "reverse"), True))

    def gather(self, indices):
        """The values at ``indices`` (negative: from the end)."""
        e = _expr()
        if isinstance(indices, e.Expr):
            raise TypeError("gather() takes indices as integers; Polaroid does not gather by an expression")
        indices = [indices] if isinstance(indices, int) else list(indices)
        return self._call("gather", *[int(i) for i in indices])

    def get(self, index: int, *, null_on_oob: bool = False):
        """The value at ``index``: one value (per group in an aggregation)."""
        if null_on_oob:
            raise TypeError("get(null_on_oob=True) is not supported; Polaroid's get() fails out of bounds")
        return self.gather(index).first()

    def gather_every(self, n: int, offset: int = 0):
        return self._call("gather_every", int(n), _count(offset, "gather_every"))

    def drop_nulls(self):
        return self._call("drop_nulls")

    def drop_nans(self):
        return self._call("drop_nans")

    def arg_true(self):
        """The positions where this bool expression is true."""
        return self._call("arg_true")

    def explode(self, *, empty_as_null: bool = False, keep_nulls: bool = True):
        """One row per value of this list expression, in a select of exploded expressions (the frame
        exploded after the select): an empty list gives no row (a null row if ``empty_as_null``), a null
        list a null row (none without ``keep_nulls``)."""
        return self._call("explode", bool(empty_as_null), bool(keep_nulls))

    def max_by(self, by):
        """The value where ``by`` is largest (the first such row; null if ``by`` is all null)."""
        return self._by(by, True)

    def min_by(self, by):
        """The value where ``by`` is smallest (the first such row; null if ``by`` is all null)."""
        return self._by(by, False)

    def _by(self, by, largest: bool):
        e = _expr()
        by = e.col(by) if isinstance(by, str) else by
        picked = self.sort_by(by, descending=largest, nulls_last=True).first()
        return e.when(by.count() == 0).then(None).otherwise(picked).alias(e.output_name(self._node))

    def search_sorted(self, element, side: str = "any", *, descending: bool = False):
        """Where ``element`` would go in these sorted values (nulls first) to keep them sorted: before the
        equal ones (``left``, and ``any``) or after them (``right``)."""
        if side not in ("any", "left", "right"):
            raise ValueError("search_sorted side must be 'any', 'left' or 'right', not %r" % side)
        e = _expr()
        if isinstance(element, (list, tuple)) or isinstance(element, e.Expr) and not element._node.get("literal"):
            raise TypeError("search_sorted() takes one value; Polaroid does not search for an expression's values")
        before = (self > element) if descending else (self < element)
        if side == "right":
            before = (self >= element) if descending else (self <= element)
        return (self.null_count() + before.cast(_types().Int64).sum()).alias(e.output_name(self._node))

    def mode(self, *, maintain_order: bool = False):
        """The most frequent values (a null too, if it is one), in order of first appearance."""
        e = _expr()
        count = e.len().over(self)
        return self.filter((count == count.max()) & self.is_first_distinct())

    def is_sorted(self, *, descending: bool = False, nulls_last: bool = False):
        """Whether the values are in order (nulls first unless ``nulls_last``)."""
        return self.eq_missing(self.sort(descending=bool(descending), nulls_last=bool(nulls_last))).all()

    def index_of(self, element):
        """The position of the first value equal to ``element`` (null: of the first null), or null."""
        hit = self.is_null() if element is None else self == element
        return hit.arg_true().first().alias(_expr().output_name(self._node))

    def arg_unique(self):
        """The positions of each value's first appearance."""
        return self.is_first_distinct().arg_true()

    def unique_counts(self):
        """How many times each distinct value appears, in order of first appearance."""
        e = _expr()
        return e.len().over(self).filter(self.is_first_distinct()).alias(e.output_name(self._node))

    def filter(self, *predicates, **constraints):
        """The values where every predicate holds (and each ``name=value``): fewer rows in a select, fewer
        values for an aggregation (``col("a").filter(col("b") > 1).sum()``)."""
        e = _expr()
        conditions = [p for group in predicates for p in (group if isinstance(group, (list, tuple)) else [group])]
        conditions += [e.col(name) == value for name, value in constraints.items()]
        if not conditions:
            raise TypeError("filter() needs a predicate")
        predicate = conditions[0]
        for more in conditions[1:]:
            predicate = predicate & more
        return self._call("filter", predicate)


def _count(n, what: str) -> int:
    n = int(n)
    if n < 0:
        raise ValueError("%s() needs a count of at least 0, not %d" % (what, n))
    return n
