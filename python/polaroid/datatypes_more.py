"""Polars' data types beyond datatypes.py: unsigned integers, ``Float16``, ``Categorical``,
``Struct`` (of ``Field``\\ s) and ``Array``, which the engine does not have, ``Time``, ``Duration`` and
``Binary``, which it has, and ``Schema``.

The portable backend (pyarrow) casts to them and reads them; in a plan they travel with type ids the
engine does not define, so the distributed backend refuses such a plan before sending it, naming the
type (``refuse_engine_less_types``). Reading them from data on the cluster fails there, naming the
column and its Arrow type."""
from __future__ import annotations

from collections import OrderedDict

from polaroid.datatypes import DataType, _simple, to_dict

UInt8 = _simple("UInt8", "UINT8")
UInt16 = _simple("UInt16", "UINT16")
UInt32 = _simple("UInt32", "UINT32")
UInt64 = _simple("UInt64", "UINT64")
Float16 = _simple("Float16", "FLOAT16")
Binary = _simple("Binary", "BINARY")
Categorical = _simple("Categorical", "CATEGORICAL")
Time = _simple("Time", "TIME")

_UNITS = {"s": "SECOND", "ms": "MILLISECOND", "us": "MICROSECOND", "ns": "NANOSECOND"}
_UNIT_NAMES = {v: k for k, v in _UNITS.items()}


class Duration(DataType):
    """A span of time in ``time_unit`` (``"us"`` by default, as Polars)."""
    _id = "DURATION"

    def __init__(self, time_unit: str = "us"):
        if time_unit not in ("ms", "us", "ns"):
            raise ValueError("time_unit is one of 'ms', 'us', 'ns', not %r" % (time_unit,))
        self.time_unit = time_unit

    def to_dict(self) -> dict:
        return {"id": self._id, "unit": _UNITS[self.time_unit]}

    def __repr__(self):
        return "Duration(time_unit=%r)" % self.time_unit


def _instance(dtype) -> DataType:
    return dtype() if isinstance(dtype, type) and issubclass(dtype, DataType) else dtype


class Field:
    """A named field of a ``Struct``."""

    def __init__(self, name: str, dtype):
        self.name, self.dtype = name, _instance(dtype)

    def __eq__(self, other):
        return isinstance(other, Field) and (self.name, self.dtype) == (other.name, other.dtype)

    def __hash__(self):
        return hash((self.name, self.dtype))

    def __repr__(self):
        return "Field(%r, %r)" % (self.name, self.dtype)


class Struct(DataType):
    """Named fields in each row: ``Struct({"a": pl.Int64})`` or ``Struct([pl.Field("a", pl.Int64)])``."""
    _id = "STRUCT"

    def __init__(self, fields):
        items = fields.items() if hasattr(fields, "items") else [(f.name, f.dtype) for f in fields]
        self.fields = [Field(n, t) for n, t in items]

    def to_schema(self) -> "Schema":
        return Schema([(f.name, f.dtype) for f in self.fields])

    def to_dict(self) -> dict:
        return {"id": self._id, "fields": [{"name": f.name, "type": to_dict(f.dtype)} for f in self.fields]}

    def __iter__(self):
        return iter((f.name, f.dtype) for f in self.fields)

    def __repr__(self):
        return "Struct(%r)" % ({f.name: f.dtype for f in self.fields},)


class Array(DataType):
    """Lists of a fixed ``shape`` (a size, or sizes for nested arrays) of ``inner`` values."""
    _id = "ARRAY"

    def __init__(self, inner, shape=None, *, width=None):
        shape = width if shape is None else shape
        if shape is None:
            raise TypeError("Array needs a shape (the number of values in each row)")
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        inner = _instance(inner)
        self.shape = shape
        self.inner = inner if len(shape) == 1 else Array(inner, shape[1:])
        self.size = shape[0]

    def to_dict(self) -> dict:
        return {"id": self._id, "element": to_dict(self.inner), "size": self.size}

    def __repr__(self):
        leaf = self.inner
        while isinstance(leaf, Array):
            leaf = leaf.inner
        return "Array(%r, shape=%r)" % (leaf, self.shape)


_SIMPLE = {"UINT8": "uint8", "UINT16": "uint16", "UINT32": "uint32", "UINT64": "uint64", "FLOAT16": "float16",
           "BINARY": "binary", "TIME": "time"}
ENGINE_LESS = {"UINT8": "UInt8", "UINT16": "UInt16", "UINT32": "UInt32", "UINT64": "UInt64", "FLOAT16": "Float16",
               "CATEGORICAL": "Categorical", "ARRAY": "Array"}


def arrow_type(t: dict, at: str, element_type):
    """The Arrow type of one of these types' plan form (``element_type`` gives nested ones')."""
    import pyarrow as pa
    i = t.get("id")
    if i == "TIME":
        return pa.time64("ns")  # Polars' Time counts nanoseconds since midnight
    if i in _SIMPLE:
        return getattr(pa, _SIMPLE[i])()
    if i == "CATEGORICAL":
        return pa.dictionary(pa.uint32(), pa.string())
    if i == "DURATION":
        return pa.duration(_UNIT_NAMES[t.get("unit", "MICROSECOND")])
    if i == "STRUCT":
        return pa.struct([pa.field(f["name"], element_type(f["type"], at)) for f in t.get("fields", [])])
    if i == "ARRAY":
        return pa.list_(element_type(t["element"], at), t["size"])
    return None


def from_arrow(arrow_type):
    """These types from Arrow ones (``None`` for a type they do not cover)."""
    import pyarrow as pa
    from polaroid.datatypes import from_arrow as outer
    simple = {pa.uint8(): UInt8, pa.uint16(): UInt16, pa.uint32(): UInt32, pa.uint64(): UInt64,
              pa.float16(): Float16, pa.binary(): Binary, pa.large_binary(): Binary}
    if arrow_type in simple:
        return simple[arrow_type]()
    if getattr(pa.types, "is_binary_view", lambda t: False)(arrow_type):
        return Binary()
    if pa.types.is_dictionary(arrow_type):
        return Categorical()
    if pa.types.is_time(arrow_type):
        return Time()
    if pa.types.is_duration(arrow_type):
        return Duration(arrow_type.unit if arrow_type.unit != "s" else "ms")
    if pa.types.is_struct(arrow_type):
        return Struct([Field(f.name, outer(f.type)) for f in arrow_type])
    if pa.types.is_fixed_size_list(arrow_type):
        return Array(outer(arrow_type.value_type), arrow_type.list_size)
    return None


def refuse_engine_less_types(node) -> None:
    """Raises, naming the type, when a plan (dict) has a type the engine does not define."""
    from polaroid._wire import dicts
    for d in dicts(node):
        name = ENGINE_LESS.get(d.get("id")) if isinstance(d.get("id"), str) else None
        if name is not None:
            from polaroid.backend import PolaroidError
            raise PolaroidError("the distributed backend has no %s type (the engine has no unsigned integers, "
                                "Float16, Categorical or Array): a cast to pl.%s "
                                "runs on the portable backend only" % (name, name), "NOT_SUPPORTED")


class Schema(OrderedDict):
    """Column names to data types, in order (Polars' ``Schema``)."""

    def __init__(self, schema=None, *, check_dtypes: bool = True):
        items = schema.items() if hasattr(schema, "items") else (schema or [])
        super().__init__((n, _instance(t)) for n, t in items)

    @classmethod
    def from_arrow(cls, arrow_schema) -> "Schema":
        from polaroid.datatypes import from_arrow as outer
        return cls([(f.name, outer(f.type)) for f in arrow_schema])

    def names(self) -> list:
        return list(self.keys())

    def dtypes(self) -> list:
        return list(self.values())

    def len(self) -> int:
        return len(self)

    def to_python(self) -> dict:
        """Names to the Python types of the values."""
        return {n: _python_type(t) for n, t in self.items()}

    def to_arrow(self):
        import pyarrow as pa
        from polaroid.portable import _arrow_type
        return pa.schema([(n, _arrow_type(to_dict(t), "Schema.to_arrow")) for n, t in self.items()])

    def to_frame(self, *, eager: bool = True):
        """An empty frame of these columns."""
        from polaroid.frame import DataFrame
        frame = DataFrame(self.to_arrow().empty_table())
        return frame if eager else frame.lazy()

    def contains_dtype(self, dtype, *, recursive: bool = True) -> bool:
        return any(t == _instance(dtype) for t in self.values())

    def __eq__(self, other):
        return isinstance(other, dict) and list(self.items()) == [(n, _instance(t)) for n, t in other.items()]

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return "Schema(%r)" % (list(self.items()),)


def _python_type(dtype) -> type:
    import datetime
    import decimal
    from polaroid import datatypes as d
    kinds = [((d.Int8, d.Int16, d.Int32, d.Int64, UInt8, UInt16, UInt32, UInt64), int),
             ((d.Float32, d.Float64, Float16), float), ((d.String,), str), ((d.Boolean,), bool),
             ((d.Date,), datetime.date), ((d.Datetime,), datetime.datetime), ((Duration,), datetime.timedelta),
             ((Time,), datetime.time), ((d.Decimal,), decimal.Decimal), ((Binary,), bytes),
             ((d.List, Array), list), ((Struct,), dict), ((Categorical,), str), ((d.Null,), type(None))]
    for classes, python in kinds:
        if isinstance(dtype, classes):
            return python
    raise TypeError("no Python type for %r" % (dtype,))
