"""Still more of Polars' Expr, composed of the engine's functions (so both backends run it):
``replace_strict`` with a ``default``."""
from __future__ import annotations

from polaroid import datatypes as _types

_NO_DEFAULT = object()


class ExprExtra:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def replace_strict(self, old, new=_NO_DEFAULT, *, default=_NO_DEFAULT, return_dtype=None):
        """Every value replaced: by the matching one in ``new`` (``{old: new}`` or two lists, or one value
        for all), else by ``default`` (a value or an expression); the result has the type of the new
        values (``return_dtype`` if given). Polars fails on a value without a mapping when there is no
        default; an expression here cannot check that, so it needs ``default=`` (a Series checks itself)."""
        from polaroid import expr as e
        from polaroid.expr_more import _NO_DEFAULT as _MORE_NO_DEFAULT, _pairs
        if default is _NO_DEFAULT:
            raise ValueError("Expr.replace_strict without default=: Polaroid cannot fail on an unmapped value "
                             "inside a query; give default= (default=None makes unmapped values null)")
        pairs = _pairs(old, _MORE_NO_DEFAULT if new is _NO_DEFAULT else new)
        fallback = default if isinstance(default, e.Expr) else e.lit(default)
        chain = None
        # new values given as a list or a mapping are a Series in Polars: whole numbers are Int64 there
        listed = isinstance(old, dict) or isinstance(new, (list, tuple))
        for a, b in pairs:
            hit = self.is_null() if a is None else self.eq(a)
            value = e.lit(b, _types.Int64) if listed and type(b) is int else e.lit(b)
            chain = (e.when(hit) if chain is None else chain.when(hit)).then(value)
        result = fallback if chain is None else chain.otherwise(fallback)
        if return_dtype is not None:
            result = result.cast(return_dtype)
        return result.alias(e.output_name(self._node))
