"""Polars' ``join_asof``, made of the order-dependent expressions (so both backends and the cluster run
it): the right rows are stacked under the left ones, ordered by the key (and grouped by ``by``), and
each left row takes the values of the last right row before it (``backward``: a forward fill), of
the first one after it (``forward``: a backward fill), or of the nearer of the two (``nearest``,
ties going forward, as Polars); the left rows then come back in their order."""
from __future__ import annotations

from typing import Any

from polaroid import expr as _expr
from polaroid.expr import col, lit, when
from polaroid.windows import int_range

_STRATEGIES = ("backward", "forward", "nearest")


def _names(value) -> list:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def join_asof(left, other, *, left_on: str | None = None, right_on: str | None = None, on: str | None = None,
              by_left: Any = None, by_right: Any = None, by: Any = None, strategy: str = "backward",
              suffix: str = "_right", tolerance: Any = None, allow_parallel: bool = True, force_parallel: bool = False,
              coalesce: bool = True, allow_exact_matches: bool = True, check_sortedness: bool = True):
    from polaroid.frame import DataFrame
    from polaroid.toplevel import concat
    if strategy not in _STRATEGIES:
        raise ValueError("join_asof strategy is one of %s, not %r" % (", ".join(_STRATEGIES), strategy))
    other = other.lazy() if isinstance(other, DataFrame) else other
    left_on, right_on = left_on or on, right_on or on
    if left_on is None or right_on is None:
        raise ValueError("join_asof needs on, or left_on and right_on")
    by_left, by_right = _names(by_left if by_left is not None else by), _names(by_right if by_right is not None else by)
    if len(by_left) != len(by_right):
        raise ValueError("join_asof needs as many by_left as by_right columns")
    left_names = left._arrow_schema().names
    right_names = other._arrow_schema().names
    dropped = set(by_right) | ({right_on} if on is not None and coalesce else set())
    kept = {c: c + suffix if c in left_names else c for c in right_names if c not in dropped}
    numbered = other.with_columns(int_range(_expr.len()).alias("__rrow"))
    # Rows of either side in one order: the key, then the side, so that an equal key is found or not.
    exact_first = 0 if allow_exact_matches else 1
    stacked = concat([
        left.with_columns(int_range(_expr.len()).alias("__lrow"), col(left_on).alias("__key"),
                          lit(1 - exact_first).alias("__back"), lit(exact_first).alias("__ahead")),
        numbered.select(col(right_on).alias("__key"), col(right_on).alias("__rkey"), col("__rrow"),
                        *[col(r).alias(b) for r, b in zip(by_right, by_left)],
                        lit(exact_first).alias("__back"), lit(1 - exact_first).alias("__ahead")),
    ], how="diagonal_relaxed")
    # Each left row finds the number (and key) of the right row before it and after it.
    groups = by_left or None
    found = []
    for side, fill, order in (("b", "forward_fill", "__back"), ("f", "backward_fill", "__ahead")):
        if strategy in ("nearest", {"b": "backward", "f": "forward"}[side]):
            found += [getattr(col(h), fill)().over(groups, order_by=["__key", order]).alias(h + side)
                      for h in ("__rrow", "__rkey")]
    key = col("__key")
    if strategy == "nearest":
        back, ahead = col("__rkeyb"), col("__rkeyf")
        use_back = back.is_not_null() & (ahead.is_null() | ((key - back) < (ahead - key)))
        match, match_key = (when(use_back).then(col(h + "b")).otherwise(col(h + "f")) for h in ("__rrow", "__rkey"))
    else:
        side = "b" if strategy == "backward" else "f"
        match, match_key = col("__rrow" + side), col("__rkey" + side)
    if tolerance is not None:
        match = when((key - match_key).abs() <= tolerance).then(match)
    matched = stacked.with_columns(*found).filter(col("__lrow").is_not_null()) \
        .select(*[col(c) for c in left_names], col("__lrow"), match.alias("__match"))
    values = numbered.select(col("__rrow"), *[col(c).alias(name) for c, name in kept.items()])
    return matched.join(values, left_on="__match", right_on="__rrow", how="left").sort("__lrow") \
        .select(*[col(c) for c in left_names], *[col(name) for name in kept.values()])
