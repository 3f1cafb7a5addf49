"""Polars' LazyFrame methods that depend on the row order, made of the order-dependent expressions
(so both backends run them): ``tail``, ``last``, ``shift``, ``reverse``, and ``GroupBy.head/tail``."""
from __future__ import annotations

from typing import Any

from polaroid import expr as _expr
from polaroid.windows import int_range


class LazyOrdered:
    """Mixed into ``LazyFrame``."""

    def tail(self, n: int = 5):
        """The last ``n`` rows."""
        return self.filter(int_range(_expr.len()) >= _expr.len() - n)

    def last(self):
        """The last row."""
        return self.tail(1)

    def shift(self, n: int = 1, *, fill_value: Any = None):
        """Every column shifted ``n`` rows down (up when negative), the gap filled with ``fill_value``."""
        return self.select([_expr.col(name).shift(n, fill_value=fill_value) for name in self._arrow_schema().names])

    def reverse(self):
        return self.select([_expr.col(name).reverse() for name in self._arrow_schema().names])

    def describe(self, percentiles=(0.25, 0.5, 0.75), *, interpolation: str = "nearest"):
        """Count, null count, mean, std, min, percentiles and max of every column, as a DataFrame (as Polars)."""
        from polaroid.describe import describe
        return describe(self, percentiles, interpolation=interpolation)

    def join_asof(self, other, **options):
        """Each row with the values of the right row nearest before it on the key (``strategy``:
        ``backward``; ``forward``: after; ``nearest``), within ``by`` groups, as Polars."""
        from polaroid.asof import join_asof
        return join_asof(self, other, **options)


def group_rows(frame, keys: list, n: int, first: bool, maintain_order: bool):
    """The first (last) ``n`` rows of every group of ``keys``: the keys, then the other columns,
    each group's rows together and in row order; groups in order of first appearance if
    ``maintain_order``, else by key."""
    names = [k.get("column", {}).get("name") for k in keys]
    if None in names:
        raise ValueError("GroupBy.head/tail group by columns (name them), not expressions")
    others = [c for c in frame._arrow_schema().names if c not in names]
    position = int_range(_expr.len()).over(names)
    kept = position < n if first else position >= _expr.len().over(names) - n
    numbered = frame.with_columns(int_range(_expr.len()).alias("__row"))
    if maintain_order:  # a group's place is its first row's, whichever rows it keeps
        numbered = numbered.with_columns(_expr.col("__row").min().over(names).alias("__group"))
        order = ["__group", "__row"]
    else:
        order = [*names, "__row"]
    return numbered.filter(kept).sort(order, nulls_last=False).select([*names, *others])
