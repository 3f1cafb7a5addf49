"""The portable backend's ``StructFunctions``: structs made, read, renamed and written as JSON text in
pyarrow, with the engine's rules and messages (a struct is never null when made; a field of a null
struct is null; field names must differ)."""
import datetime as _dt
import decimal
import json
import math

import pyarrow as pa
import pyarrow.compute as pc

from polaroid.backend import PolaroidError
from polaroid.float_text import as_text as _float, shortest32 as _shortest32


def _struct_array(values):
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _checked(values, function: str):
    if not pa.types.is_struct(values.type):
        raise PolaroidError("type mismatch in %s: %s needs a struct, not %s" % (function, function, values.type),
                            "TYPE_MISMATCH")
    return values


def _make(*args):
    n = len(args) // 2
    values, names = args[:n], [a.as_py() if isinstance(a, pa.Scalar) else a for a in args[n:]]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise PolaroidError("multiple fields with name '%s' found in struct; alias the values to give each field"
                                " its own name" % name, "DUPLICATE_COLUMN")
    length = next((len(v) for v in values if not isinstance(v, pa.Scalar)), None)
    if length is None:
        return pa.scalar({k: v.as_py() for k, v in zip(names, values)},
                         pa.struct([pa.field(k, v.type) for k, v in zip(names, values)]))
    arrays = [pa.array([v.as_py()] * length, v.type) if isinstance(v, pa.Scalar) else _struct_array(v)
              for v in values]
    return pa.StructArray.from_arrays(arrays, names=names)


def _field(values, name):
    values = _checked(values, "struct.field")
    name = name.as_py() if isinstance(name, pa.Scalar) else name
    names = [f.name for f in values.type]
    if name not in names:
        raise PolaroidError("struct.field: no field '%s' in struct[%d]; the fields are %s"
                            % (name, len(names), ", ".join("'%s'" % n for n in names)), "INVALID_PLAN")
    return pc.struct_field(values, [names.index(name)])


def _rename(values, *names):
    values = _struct_array(_checked(values, "struct.rename_fields"))
    names = [n.as_py() if isinstance(n, pa.Scalar) else n for n in names]
    if len(names) != values.type.num_fields:
        raise PolaroidError("struct.rename_fields() argument has a different number of fields than the struct it"
                            " operates on (%d vs %d)" % (len(names), values.type.num_fields), "TYPE_MISMATCH")
    if isinstance(values, pa.Scalar):
        return pa.scalar(None if not values.is_valid else dict(zip(names, values.as_py().values())),
                         pa.struct([pa.field(n, f.type) for n, f in zip(names, values.type)]))
    return pa.StructArray.from_arrays([values.field(i) for i in range(len(names))], names=names,
                                      mask=pc.is_null(values) if values.null_count else None)


def _json(value, dtype) -> str:
    if value is None:
        return "null"
    if pa.types.is_struct(dtype):
        return "{" + ",".join("%s:%s" % (json.dumps(f.name, ensure_ascii=False), _json(value[f.name], f.type))
                              for f in dtype) + "}"
    if pa.types.is_list(dtype) or pa.types.is_large_list(dtype):
        return "[" + ",".join(_json(v, dtype.value_type) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if pa.types.is_float32(dtype):
        return _float(float(_shortest32(value))) if not math.isnan(value) else "null"
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


def _json_encode(values):
    values = _checked(values, "struct.json_encode")
    dtype = values.type
    rows = [values.as_py()] if isinstance(values, pa.Scalar) else values.to_pylist()
    out = [_json(r, dtype) for r in rows]  # as Polars: a null struct is the JSON text null
    return pa.array(out, pa.string()) if not isinstance(values, pa.Scalar) else pa.scalar(out[0], pa.string())


def _with_fields(values, *args):
    """The struct's fields with those named replaced in place and the others added after; null where it is."""
    values = _struct_array(_checked(values, "struct.with_fields"))
    n = len(args) // 2
    names = [a.as_py() if isinstance(a, pa.Scalar) else a for a in args[n:]]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise PolaroidError("multiple fields with name '%s' found in struct.with_fields; alias the values to give"
                                " each field its own name" % name, "DUPLICATE_COLUMN")
    if isinstance(values, pa.Scalar):
        values = pa.array([values], values.type)
    new = {k: pa.array([v.as_py()] * len(values), v.type) if isinstance(v, pa.Scalar) else _struct_array(v)
           for k, v in zip(names, args[:n])}
    own = [f.name for f in values.type]
    arrays = [new.get(name, values.field(i)) for i, name in enumerate(own)] + [v for k, v in new.items() if k not in own]
    return pa.StructArray.from_arrays(arrays, names=own + [k for k in new if k not in own],
                                      mask=pc.is_null(values) if values.null_count else None)


FUNCTIONS = {
    "struct.with_fields": _with_fields,
    "struct": _make,
    "struct.field": _field,
    "struct.rename_fields": _rename,
    "struct.json_encode": _json_encode,
}


def join_carrying_structs(left: pa.Table, right: pa.Table, suffix: str, join):
    """``join(left, right)`` where pyarrow's join cannot carry struct columns that are not keys: each travels
    as its row number and is gathered after, under its own name (with the suffix a clash gives it)."""
    saved, tables = {}, []
    for side, table in (("l", left), ("r", right)):
        for name in table.column_names:
            if pa.types.is_struct(table.schema.field(name).type):
                temp = "__struct_%s_%s" % (side, name)
                saved[temp] = (name, table.column(name).combine_chunks())
                table = table.set_column(table.column_names.index(name), temp,
                                         pa.array(range(table.num_rows), pa.int64()))
        tables.append(table)
    if not saved:
        return join(left, right)
    out = join(*tables)
    for temp, (name, values) in saved.items():
        if temp.startswith("__struct_r_") and name in left.column_names:
            name += suffix
        out = out.set_column(out.column_names.index(temp), name, values.take(out.column(temp)))
    return out
