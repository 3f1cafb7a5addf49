"""Polars' number functions of ``Expr`` that the engine's NumberFunctions family runs (and the portable
backend's portable_numbers): bit counts, ``erf``/``erfc``, ``round_sig_figs``, and the aggregations
``product``, ``bitwise_and``/``bitwise_or``/``bitwise_xor``, ``arg_min``/``arg_max`` and
``approx_quantile``. Polars' u32 results (counts, positions) are Int64 here, as Polaroid's other counts."""
from __future__ import annotations


class NumberMore:
    """Mixed into ``Expr``."""

    __slots__ = ()

    def bitwise_count_ones(self):
        """The number of 1 bits of each integer in its own width."""
        return self._call("bitwise_count_ones")

    def bitwise_count_zeros(self):
        """The number of 0 bits of each integer in its own width."""
        return self._call("bitwise_count_zeros")

    def bitwise_leading_ones(self):
        """The number of 1 bits before the first 0, from the most significant bit."""
        return self._call("bitwise_leading_ones")

    def bitwise_leading_zeros(self):
        """The number of 0 bits before the first 1, from the most significant bit."""
        return self._call("bitwise_leading_zeros")

    def bitwise_trailing_ones(self):
        """The number of 1 bits before the first 0, from the least significant bit."""
        return self._call("bitwise_trailing_ones")

    def bitwise_trailing_zeros(self):
        """The number of 0 bits before the first 1, from the least significant bit."""
        return self._call("bitwise_trailing_zeros")

    def erf(self):
        """The error function (Float64; Float32 stays Float32)."""
        return self._call("erf")

    def erfc(self):
        """The complementary error function, 1 - erf(x)."""
        return self._call("erfc")

    def round_sig_figs(self, digits: int):
        """Each value rounded to ``digits`` significant figures (half away from zero), in its own type."""
        if isinstance(digits, bool) or not isinstance(digits, int):
            raise TypeError("round_sig_figs(digits): digits must be an int, not %r" % (digits,))
        return self._call("round_sig_figs", digits)

    def lower_bound(self):
        """The smallest value of this expression's type (-inf of floats), as one value."""
        return self._call("lower_bound").first()

    def upper_bound(self):
        """The largest value of this expression's type (inf of floats), as one value."""
        return self._call("upper_bound").first()

    def to_physical(self):
        """A date's days since 1970 (Int32), a datetime's count of its unit (Int64); other types as they are."""
        return self._call("to_physical")

    def product(self):
        """Aggregation: the product of the values, nulls skipped (1 for none); Int64 of integers."""
        return self._call("product")

    def bitwise_and(self):
        """Aggregation: the bitwise and of the integers (the logical and of booleans), nulls skipped."""
        return self._call("bitwise_and")

    def bitwise_or(self):
        """Aggregation: the bitwise or of the integers (the logical or of booleans), nulls skipped."""
        return self._call("bitwise_or")

    def bitwise_xor(self):
        """Aggregation: the bitwise exclusive or of the integers (of booleans), nulls skipped."""
        return self._call("bitwise_xor")

    def arg_min(self):
        """Aggregation: the position of the first smallest value (nulls skipped, NaN only if all are)."""
        return self._call("arg_min")

    def arg_max(self):
        """Aggregation: the position of the first largest value (nulls skipped, NaN only if all are)."""
        return self._call("arg_max")

    def approx_quantile(self, quantile, *, method: str = "auto", error: float = 0.001,
                        error_tightness: str = "empirical"):
        """Aggregation: the ``quantile`` of the values, computed exactly (Polars' nearest quantile, which is
        what Polars' sketch gives for small data), in the type of the values. ``method``, ``error`` and
        ``error_tightness`` tune Polars' sketch, which Polaroid does not use."""
        if isinstance(quantile, bool) or not isinstance(quantile, (int, float)):
            raise ValueError("approx_quantile(%r): Polaroid takes one quantile as a number" % (quantile,))
        if not 0 <= quantile <= 1:
            raise ValueError("approx_quantile: the quantile must be between 0 and 1, not %r" % (quantile,))
        return self._call("approx_quantile", float(quantile))
