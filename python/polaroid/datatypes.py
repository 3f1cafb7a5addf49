"""Data types for ``cast`` and schema overrides, named as in Polars."""
from __future__ import annotations


class _DataTypeClass(type):
    """As in Polars, a type's class equals its instances: ``pl.Int64 == pl.Int64()``, and a
    parameterised class any of its instances: ``pl.Datetime == pl.Datetime("ms")``."""

    def __eq__(cls, other):
        return type.__eq__(cls, other) if isinstance(other, type) else isinstance(other, cls)

    def __ne__(cls, other):
        return not cls.__eq__(other)

    def __hash__(cls):
        return hash(cls.__name__)

    def __repr__(cls):
        return cls.__name__


class DataType(metaclass=_DataTypeClass):
    _id = "ID_UNSPECIFIED"

    def to_dict(self) -> dict:
        return {"id": self._id}

    def __eq__(self, other):
        if isinstance(other, type):
            return isinstance(self, other)
        return isinstance(other, DataType) and self.to_dict() == other.to_dict()

    def __hash__(self):
        return hash(type(self).__name__)  # as its class's: a class and its instances are equal

    def __repr__(self):
        return type(self).__name__

    # Polars' type predicates, on the class and its instances alike
    @classmethod
    def is_signed_integer(cls) -> bool:
        return cls._id in ("INT8", "INT16", "INT32", "INT64")

    @classmethod
    def is_unsigned_integer(cls) -> bool:
        return cls._id in ("UINT8", "UINT16", "UINT32", "UINT64")

    @classmethod
    def is_integer(cls) -> bool:
        return cls.is_signed_integer() or cls.is_unsigned_integer()

    @classmethod
    def is_float(cls) -> bool:
        return cls._id in ("FLOAT16", "FLOAT32", "FLOAT64")

    @classmethod
    def is_decimal(cls) -> bool:
        return cls._id == "DECIMAL"

    @classmethod
    def is_numeric(cls) -> bool:
        return cls.is_integer() or cls.is_float() or cls.is_decimal()

    @classmethod
    def is_temporal(cls) -> bool:
        return cls._id in ("DATE32", "TIMESTAMP", "DURATION", "TIME")

    @classmethod
    def is_nested(cls) -> bool:
        return cls._id in ("LIST", "STRUCT", "ARRAY")

    @classmethod
    def is_object(cls) -> bool:
        return False

    @classmethod
    def is_extension(cls) -> bool:
        return False


def _simple(name: str, type_id: str):
    cls = type(name, (DataType,), {"_id": type_id})
    return cls


Null = _simple("Null", "NULL")
Boolean = _simple("Boolean", "BOOL")
Int8 = _simple("Int8", "INT8")
Int16 = _simple("Int16", "INT16")
Int32 = _simple("Int32", "INT32")
Int64 = _simple("Int64", "INT64")
Float32 = _simple("Float32", "FLOAT32")
Float64 = _simple("Float64", "FLOAT64")
String = _simple("String", "UTF8")
Utf8 = String
Date = _simple("Date", "DATE32")


class Decimal(DataType):
    _id = "DECIMAL"

    def __init__(self, precision: int = 38, scale: int = 0):
        self.precision, self.scale = precision, scale

    def __repr__(self):
        return "Decimal(precision=%r, scale=%r)" % (self.precision, self.scale)

    def to_dict(self) -> dict:
        out: dict = {"id": self._id}
        if self.precision:
            out["precision"] = self.precision
        if self.scale:
            out["scale"] = self.scale
        return out


class Datetime(DataType):
    _id = "TIMESTAMP"
    _units = {"s": "SECOND", "ms": "MILLISECOND", "us": "MICROSECOND", "ns": "NANOSECOND"}

    def __init__(self, time_unit: str = "us", time_zone: str | None = None):
        if time_unit not in self._units:
            raise ValueError("time_unit is one of %s, not %r" % (sorted(self._units), time_unit))
        self.time_unit, self.time_zone = time_unit, time_zone

    def __repr__(self):
        return "Datetime(time_unit=%r, time_zone=%r)" % (self.time_unit, self.time_zone)

    def to_dict(self) -> dict:
        out: dict = {"id": self._id, "unit": self._units[self.time_unit]}
        if self.time_zone:
            out["timeZone"] = self.time_zone
        return out


class List(DataType):
    """Polars' ``List(inner)``: a list of values of one type per row."""
    _id = "LIST"

    def __init__(self, inner):
        self.inner = inner() if isinstance(inner, type) else inner

    def to_dict(self) -> dict:
        return {"id": self._id, "element": to_dict(self.inner)}

    def __repr__(self):
        return "List(%r)" % (self.inner,)


def to_dict(dtype) -> dict:
    """A ``polaroid.v1.DataType`` dict from a type class or instance."""
    if isinstance(dtype, type) and issubclass(dtype, DataType):
        dtype = dtype()
    if type(dtype).__name__ == "DataTypeExpr":  # pl.dtype_of(...): resolved by the frame (dtype_exprs)
        return dtype.to_dict()
    if not isinstance(dtype, DataType):
        raise TypeError("not a polaroid data type: %r (use pl.Int64, pl.Decimal(15, 2), ...)" % (dtype,))
    return dtype.to_dict()


def from_arrow(arrow_type) -> DataType:
    """The Polaroid type of a ``pyarrow`` type (for schemas a server or pyarrow reports)."""
    import pyarrow as pa
    simple = {pa.bool_(): Boolean, pa.int8(): Int8, pa.int16(): Int16, pa.int32(): Int32, pa.int64(): Int64,
              pa.float32(): Float32, pa.float64(): Float64, pa.string(): String, pa.large_string(): String,
              pa.date32(): Date, pa.null(): Null}
    if arrow_type in simple:
        return simple[arrow_type]()
    if getattr(pa.types, "is_string_view", lambda t: False)(arrow_type):  # what Polars writes strings as
        return String()
    if pa.types.is_decimal(arrow_type):
        return Decimal(arrow_type.precision, arrow_type.scale)
    if pa.types.is_timestamp(arrow_type):
        return Datetime(arrow_type.unit, arrow_type.tz)
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return List(from_arrow(arrow_type.value_type))
    from polaroid.datatypes_more import from_arrow as more
    if more(arrow_type) is not None:
        return more(arrow_type)
    raise TypeError("no Polaroid type for the Arrow type %s" % arrow_type)
