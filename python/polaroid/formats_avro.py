"""Avro files as Polars reads and writes them (``read_avro``, ``DataFrame.write_avro``), through the
optional ``fastavro`` package: Avro's types map to the dtypes Polars gives them, and a frame is
written as Polars writes it (every field nullable, a ``null`` union first)."""
from __future__ import annotations

from polaroid.exceptions import ComputeError
from polaroid.formats_optional import optional

_PRIMITIVES = {"int": "int32", "long": "int64", "float": "float32", "double": "float64", "string": "string",
               "bytes": "binary", "boolean": "bool_", "null": "null"}
_LOGICAL = {"date": ("date32",), "timestamp-millis": ("timestamp", "ms", "UTC"),
            "timestamp-micros": ("timestamp", "us", "UTC"), "local-timestamp-millis": ("timestamp", "ms", None),
            "local-timestamp-micros": ("timestamp", "us", None), "time-millis": ("time64", "ns"),
            "time-micros": ("time64", "ns")}


def _arrow_type(avro):
    """The Arrow type of an Avro field type (a ``["null", X]`` union is X, nullable)."""
    import pyarrow as pa
    if isinstance(avro, list):
        kinds = [t for t in avro if t != "null"]
        if len(kinds) != 1:
            raise ComputeError("read_avro: the union %s is not supported (only null and one type)" % (avro,))
        return _arrow_type(kinds[0])
    if isinstance(avro, dict):
        logical = avro.get("logicalType")
        if logical in _LOGICAL:
            kind, *args = _LOGICAL[logical]
            return getattr(pa, kind)(*args)
        if avro["type"] == "array":
            return pa.large_list(_arrow_type(avro["items"]))
        if avro["type"] == "record":
            return pa.struct([pa.field(f["name"], _arrow_type(f["type"])) for f in avro["fields"]])
        if avro["type"] == "enum":
            return pa.string()
        return _arrow_type(avro["type"])
    if avro not in _PRIMITIVES:
        raise ComputeError("read_avro: the Avro type %r is not supported" % (avro,))
    return getattr(pa, _PRIMITIVES[avro])()


def read_avro(source, *, columns=None, n_rows: int | None = None):
    """An Avro file (a path, bytes or a binary file object) as a frame; ``columns`` names or
    positions, ``n_rows`` the first rows only."""
    import io
    import itertools
    import os
    import pyarrow as pa
    fastavro = optional("fastavro", "read_avro")
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    own = isinstance(source, (str, os.PathLike))
    if own and not os.path.exists(os.path.expanduser(str(source))):
        raise FileNotFoundError("read_avro: no such file: %s" % source)
    handle = open(os.path.expanduser(str(source)), "rb") if own else source
    try:
        reader = fastavro.reader(handle)
        fields = reader.writer_schema["fields"]
        rows = list(itertools.islice(reader, n_rows)) if n_rows is not None else list(reader)
    finally:
        if own:
            handle.close()
    names = [f["name"] for f in fields]
    if columns is not None:  # in the file's order, as Polars
        wanted = {names[c] if isinstance(c, int) else c for c in columns}
        missing = wanted - set(names)
        if missing:
            from polaroid.exceptions import ColumnNotFoundError
            raise ColumnNotFoundError("read_avro: no column %s in the file" % sorted(missing))
        names = [n for n in names if n in wanted]
    types = {f["name"]: _arrow_type(f["type"]) for f in fields}
    from polaroid.reading import _frame
    return _frame(pa.table({n: pa.array([r[n] for r in rows], type=types[n]) for n in names}))


def _avro_type(name, arrow):
    """The Avro type Polars writes for an Arrow type, or Polars' refusal for one it does not write."""
    import pyarrow as pa
    for check, avro in ((pa.types.is_int32, "int"), (pa.types.is_int64, "long"), (pa.types.is_float32, "float"),
                        (pa.types.is_float64, "double"), (pa.types.is_boolean, "boolean")):
        if check(arrow):
            return avro
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return "string"
    if pa.types.is_binary(arrow) or pa.types.is_large_binary(arrow):
        return "bytes"
    if pa.types.is_date32(arrow):
        return {"type": "int", "logicalType": "date"}
    if pa.types.is_timestamp(arrow) and arrow.unit in ("ms", "us") and arrow.tz is None:
        return {"type": "long", "logicalType": "local-timestamp-%s" % {"ms": "millis", "us": "micros"}[arrow.unit]}
    raise ComputeError("write_avro: column %r: writing %s to Avro is not supported (as in Polars)" % (name, arrow))


_CODECS = {"uncompressed": "null", "snappy": "snappy", "deflate": "deflate"}


def write_avro(frame, file, compression: str = "uncompressed", name: str = "") -> None:
    """The frame as an Avro file (a path or a binary file object) with ``compression``
    ('uncompressed', 'snappy' or 'deflate') and record ``name``."""
    import os
    fastavro = optional("fastavro", "write_avro")
    if compression not in _CODECS:
        raise ValueError("write_avro: compression must be one of %s, not %r" % (list(_CODECS), compression))
    if compression == "snappy":
        optional("cramjam", "write_avro(compression='snappy')")
    table = frame.to_arrow()
    schema = {"type": "record", "name": name, "fields": [
        {"name": f.name, "type": ["null", _avro_type(f.name, f.type)]} for f in table.schema]}
    parsed = fastavro.parse_schema(schema, _write_hint=False) if name else schema
    own = isinstance(file, (str, os.PathLike))
    handle = open(os.path.expanduser(str(file)), "wb") if own else file
    try:
        fastavro.writer(handle, parsed, table.to_pylist(), codec=_CODECS[compression], validator=False)
    finally:
        if own:
            handle.close()
