"""How the portable backend reports a strict conversion that fails, as Polars (and the engine) do:
``conversion from `f64` to `i32` failed in column 'x' for 1 out of 2 values: [1e+30]``, an
InvalidOperationError on both backends."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError

_NAMES = {pa.int8(): "i8", pa.int16(): "i16", pa.int32(): "i32", pa.int64(): "i64", pa.uint8(): "u8",
          pa.uint16(): "u16", pa.uint32(): "u32", pa.uint64(): "u64", pa.float32(): "f32", pa.float64(): "f64",
          pa.string(): "str", pa.large_string(): "str", pa.bool_(): "bool", pa.date32(): "date", pa.binary(): "binary"}


def polars_name(t: pa.DataType) -> str:
    if pa.types.is_decimal(t):
        return "decimal[%d,%d]" % (t.precision, t.scale)
    if pa.types.is_timestamp(t):
        unit = "μs" if t.unit == "us" else t.unit
        return "datetime[%s%s]" % (unit, ", " + t.tz if t.tz else "")
    return _NAMES.get(t, str(t))


def root_column(e: dict):
    """The first column an expression (its plan JSON) reads, or None."""
    kind, body = next(iter(e.items()))
    if kind == "column":
        return body["name"]
    children = [v for v in (body.values() if isinstance(body, dict) else []) if isinstance(v, (dict, list))]
    for child in children:
        for item in child if isinstance(child, list) else [child]:
            if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), dict):
                found = root_column(item)
                if found is not None:
                    return found
    return None


def failed(values, source, target, column, convert_one) -> PolaroidError:
    """The error of a strict conversion: which values of ``values`` (``convert_one`` gives None for
    them) did not convert."""
    items = [values.as_py()] if isinstance(values, pa.Scalar) else values.to_pylist()
    bad = [x for x in items if x is not None and convert_one(x) is None]
    shown = ", ".join('"%s"' % x if isinstance(x, str) else str(x) for x in bad[:5])
    return PolaroidError("conversion from `%s` to `%s` failed in column '%s' for %d out of %d values: [%s]; "
                         "cast(..., strict=False) makes such values null"
                         % (polars_name(source), polars_name(target), column, len(bad), len(items), shown),
                         "INVALID_VALUE")


def check_decimal_fits(v, target) -> None:
    """pyarrow casts a decimal to a smaller precision without a check: values past it fail here."""
    if isinstance(v, pa.Scalar):
        v = pa.array([v.as_py()], v.type)
    limit = 10 ** (target.precision - target.scale)
    as_float = pc.abs(pc.cast(v, pa.float64()))
    if pc.any(pc.greater_equal(as_float, float(limit))).as_py():
        raise PolaroidError("a value needs more digits than %s has" % polars_name(target), "INVALID_VALUE")
