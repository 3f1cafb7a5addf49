"""The portable backend's number functions (the engine's NumberFunctions family), in Python over
pyarrow values: bit counts of integers in their own width, erf/erfc, round_sig_figs, and the
aggregations that reduce each group's values in row order (product, bitwise_and/or/xor,
arg_min/arg_max, approx_quantile), with the engine's (and Polars') rules for nulls and NaN."""
from __future__ import annotations

import math

import pyarrow as pa

from polaroid.backend import PolaroidError

_WIDTHS = {pa.int8(): 8, pa.int16(): 16, pa.int32(): 32, pa.int64(): 64}


def _rowwise(fn, result_type):
    """A kernel applying ``fn(value, type)`` to each non-null value of an array (or a scalar)."""
    def kernel(x, *options):
        opts = [o.as_py() if isinstance(o, pa.Scalar) else o for o in options]
        values = [x.as_py()] if isinstance(x, pa.Scalar) else x.to_pylist()
        out = pa.array([None if v is None else fn(v, x.type, *opts) for v in values], result_type(x.type))
        return out[0] if isinstance(x, pa.Scalar) else out
    return kernel


def _width(t) -> int:
    if t not in _WIDTHS:
        raise TypeError("a bit count needs an integer, not %s" % t)
    return _WIDTHS[t]


def _bits(count):
    def fn(v, t):
        width = _width(t)
        return count(v & ((1 << width) - 1), width)
    return _rowwise(fn, lambda t: pa.int64())


def _leading_zeros(low: int, width: int) -> int:
    return width - low.bit_length()


def _trailing_zeros(low: int, width: int) -> int:
    return width if low == 0 else (low & -low).bit_length() - 1


def _float_type(t):
    return pa.float32() if t == pa.float32() else pa.float64()


def powi(base: float, exponent: int) -> float:
    """``base`` to an integer power by repeated squaring (as Rust's powi), a negative power as the reciprocal."""
    e, result, b = abs(exponent), 1.0, base
    while True:
        if e & 1:
            result *= b
        e >>= 1
        if e == 0:
            break
        b *= b
    return 1.0 / result if exponent < 0 else result


def _round_half_away(v: float) -> float:
    if not math.isfinite(v):
        return v
    a = abs(v)
    whole = math.floor(a)
    if a - whole >= 0.5:
        whole += 1
    return math.copysign(float(whole), v)


def round_sig_figs(v, t, digits: int):
    """Polars' rounding to significant figures, in f64, back to the type of v (integers truncated)."""
    x = float(v)
    if x != 0.0 and math.isfinite(x):
        magnitude = powi(10.0, digits - 1 - math.floor(math.log10(abs(x))))
        rounded = _round_half_away(x * magnitude) / magnitude
        x = rounded if math.isfinite(rounded) else x  # a power of ten beyond f64 (subnormals) leaves x as it is
    if not pa.types.is_integer(t):
        return x
    half = 2 ** (_width(t) - 1)
    return min(max(int(x), -half), half - 1)  # truncated and saturated to the type, as Rust's as


def _check_digits(kernel):
    def checked(x, digits):
        d = digits.as_py() if isinstance(digits, pa.Scalar) else digits
        if not isinstance(d, int) or d < 1:
            raise ValueError("round_sig_figs: digits must be an integer of at least 1, not %r" % (d,))
        return kernel(x, d)
    return checked


SCALARS = {
    "bitwise_count_ones": _bits(lambda low, width: bin(low).count("1")),
    "bitwise_count_zeros": _bits(lambda low, width: width - bin(low).count("1")),
    "bitwise_leading_zeros": _bits(_leading_zeros),
    "bitwise_leading_ones": _bits(lambda low, width: _leading_zeros(low ^ ((1 << width) - 1), width)),
    "bitwise_trailing_zeros": _bits(_trailing_zeros),
    "bitwise_trailing_ones": _bits(lambda low, width: _trailing_zeros(low ^ ((1 << width) - 1), width)),
    "erf": _rowwise(lambda v, t: math.erf(v), _float_type),
    "erfc": _rowwise(lambda v, t: math.erfc(v), _float_type),
    "round_sig_figs": _check_digits(_rowwise(round_sig_figs, lambda t: pa.float64() if t == pa.null() else t)),
    "lower_bound": lambda x: _bound(x, True),
    "upper_bound": lambda x: _bound(x, False),
    "to_physical": lambda x: _physical(x),
}


def _bound(x, lower: bool):
    t = x.type
    if pa.types.is_integer(t) and pa.types.is_signed_integer(t):
        bits = t.bit_width - 1
        return pa.scalar(-(1 << bits) if lower else (1 << bits) - 1, t)
    if pa.types.is_floating(t):
        return pa.scalar(-math.inf if lower else math.inf, t)
    raise PolaroidError("cannot determine %s bound for %s" % ("lower" if lower else "upper", t), "TYPE_MISMATCH")


def _physical(x):
    if pa.types.is_date32(x.type):
        return x.cast(pa.int32())
    if pa.types.is_timestamp(x.type):
        return x.cast(pa.int64())
    if pa.types.is_decimal(x.type) or pa.types.is_list(x.type):
        raise PolaroidError("to_physical of %s is not supported" % x.type, "TYPE_MISMATCH")
    return x


def _product(values, t):
    present = [v for v in values if v is not None]
    if pa.types.is_floating(t):
        p = 1.0
        for v in present:
            p *= v
        return p
    p = 1
    for v in present:
        p *= int(v)
    return ((p + 2 ** 63) % 2 ** 64) - 2 ** 63  # wraps in an i64, as the engine


def _bitwise(op):
    def reduce(values, t):
        acc = None
        for v in values:
            if v is not None:
                acc = int(v) if acc is None else op(acc, int(v))
        return None if acc is None else bool(acc) if pa.types.is_boolean(t) else acc
    return reduce


def _position(largest: bool):
    """The first position of the smallest (largest) value; NaN only when every value is NaN."""
    def reduce(values, t):
        best = first_nan = None
        for i, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, float) and math.isnan(v):
                first_nan = i if first_nan is None else first_nan
            elif best is None or (v > values[best] if largest else v < values[best]):
                best = i
        return best if best is not None else first_nan
    return reduce


def _nearest_quantile(values, t, q):
    present = sorted((v for v in values if v is not None), key=lambda x: (isinstance(x, float) and math.isnan(x), x))
    return present[math.floor(q * (len(present) - 1) + 0.5)] if present else None


def _numbers(what):
    def check(t):
        if not (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t) and "bool" in what
                or pa.types.is_null(t)):
            raise TypeError("%s, not %s" % (what, t))
    return check


# wire name -> (reduce(values in row order, value type, *options), result type of the value type, type check)
REDUCTIONS = {
    "product": (_product, lambda t: pa.float32() if t == pa.float32() else pa.float64() if pa.types.is_floating(t)
                else pa.int64(), _numbers("product needs numbers or bools")),
    "bitwise_and": (_bitwise(lambda a, b: a & b), None, _numbers("bitwise_and needs integers or bools")),
    "bitwise_or": (_bitwise(lambda a, b: a | b), None, _numbers("bitwise_or needs integers or bools")),
    "bitwise_xor": (_bitwise(lambda a, b: a ^ b), None, _numbers("bitwise_xor needs integers or bools")),
    "arg_min": (_position(False), lambda t: pa.int64(), None),
    "arg_max": (_position(True), lambda t: pa.int64(), None),
    "approx_quantile": (_nearest_quantile, None, _numbers("approx_quantile needs numbers")),
}


def reduction(fn: str, options: list, value_type, at: str):
    """The aggregation ``fn`` of each list of values (one group's, in row order), as an array of one value per list."""
    reduce, result, check = REDUCTIONS[fn]
    if fn == "product" and pa.types.is_decimal(value_type):  # Polars keeps the decimal: not here yet
        raise PolaroidError("the portable backend cannot run product() of %s (at %s)" % (value_type, at),
                            "NOT_SUPPORTED")
    if pa.types.is_floating(value_type) and fn in ("bitwise_and", "bitwise_or", "bitwise_xor"):
        raise TypeError("%s needs integers or bools, not %s (at %s)" % (fn, value_type, at))
    if check is not None:
        check(value_type)
    if fn == "approx_quantile" and (len(options) != 1 or not isinstance(options[0], (int, float))
                                    or not 0 <= options[0] <= 1):
        raise ValueError("approx_quantile needs a quantile between 0 and 1 as a number (at %s)" % at)
    t = value_type if value_type != pa.null() else pa.int32()
    result_type = result(t) if result else t
    return lambda lists: pa.array([reduce(values or [], t, *options) for values in lists], result_type)


def per_group(compute, values, group, count: int):
    """An aggregation per group inside a window: ``compute`` of each group's values (in row order), per row."""
    lists = [[] for _ in range(count)]
    groups = group.to_pylist()
    for g, v in zip(groups, values.to_pylist()):
        lists[g].append(v)
    results = compute(lists)
    return results.take(pa.array(groups, pa.int64()))


def round_as_polars(x, decimals=None, mode=None):
    """Polars' ``round``: halves to even (or away from zero), a float through 10^decimals; a decimal keeps
    its scale and gains a digit of precision when digits are rounded away, as Polars."""
    import pyarrow.compute as pc
    ndigits = decimals.as_py() if isinstance(decimals, pa.Scalar) else (decimals or 0)
    mode = mode.as_py() if isinstance(mode, pa.Scalar) else (mode or "half_to_even")
    if mode not in ("half_to_even", "half_away_from_zero"):
        raise PolaroidError("invalid call of round(): mode must be 'half_to_even' or 'half_away_from_zero', not '%s'"
                            % mode, "INVALID_PLAN")
    if pa.types.is_integer(x.type):
        return x
    t = x.type
    if pa.types.is_decimal(t) and ndigits < t.scale:  # widened first: 99.99 rounds to 100.00
        x = x.cast(pa.decimal128(min(38, t.precision + 1), t.scale))
    elif t == pa.float32():  # through Float64, where x * 10^decimals cannot overflow
        x = x.cast(pa.float64())
    out = pc.round(x, ndigits=ndigits, round_mode="half_to_even" if mode == "half_to_even" else "half_towards_infinity")
    return out.cast(pa.float32()) if t == pa.float32() else out


def float_type(*values):
    """Polars' float type for numbers made floats together (``/``, float ``//`` and ``%``): Float32 where a
    Float32 meets only Float32s, integers of 16 bits or fewer and literals; else Float64."""
    types = [v.type for v in values]
    kept = all(t == pa.float32() or isinstance(v, pa.Scalar) or pa.types.is_integer(t) and t.bit_width <= 16
               for v, t in zip(values, types))
    return pa.float32() if kept and pa.float32() in types else pa.float64()


def as_float(v, target=None):
    """Numbers as ``target`` (their own float type, else Float64): integers beyond 2^53 round to the
    nearest float, as Polars converts them."""
    import pyarrow.compute as pc
    target = target or (v.type if pa.types.is_floating(v.type) and v.type != pa.float16() else pa.float64())
    return pc.cast(v, options=pc.CastOptions(target, allow_float_truncate=True))


def integer_type(a, b):
    """The integer type two integers meet in (Polars' supertype): the wider, signed when either is; a
    literal takes the column's type."""
    import pyarrow.compute as pc
    if isinstance(a, pa.Scalar) != isinstance(b, pa.Scalar):
        return b.type if isinstance(a, pa.Scalar) else a.type
    return pc.subtract(pa.array([], a.type), pa.array([], b.type)).type
