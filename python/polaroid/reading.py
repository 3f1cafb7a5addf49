"""Polars' readers of what pyarrow reads in this process: newline-delimited JSON, Arrow IPC streams,
Parquet and IPC schemas and metadata, and rows as records. A read gives an eager frame on the
current backend; a scan of an in-memory read a lazy one (the data travels with the plan)."""
from __future__ import annotations

from typing import Any


def _frame(table):
    from polaroid.frame import DataFrame
    return DataFrame(table)


def read_ndjson(source) -> Any:
    """One JSON object per line, as a DataFrame."""
    import pyarrow.json as pj
    return _frame(pj.read_json(source))


def scan_ndjson(source) -> Any:
    return read_ndjson(source).lazy()


def read_ipc_stream(source) -> Any:
    """An Arrow IPC stream (not the file format), as a DataFrame."""
    import pyarrow as pa
    with pa.ipc.open_stream(source) as reader:
        return _frame(reader.read_all())


def read_parquet_schema(source) -> dict:
    """Column names to Polaroid types, from a Parquet file's footer alone."""
    import pyarrow.parquet as pq
    return _schema(pq.read_schema(source))


def read_ipc_schema(source) -> dict:
    """Column names to Polaroid types, from an Arrow IPC file's schema alone."""
    import pyarrow as pa
    with pa.ipc.open_file(source) as reader:
        return _schema(reader.schema)


def read_parquet_metadata(source) -> dict:
    """A Parquet file's key/value metadata, as strings."""
    import pyarrow.parquet as pq
    metadata = pq.read_metadata(source).metadata or {}
    return {k.decode(): v.decode() for k, v in metadata.items()}


def from_records(data, schema: Any = None, *, orient: str | None = None, infer_schema_length: int | None = 100) -> Any:
    """Rows as sequences (with ``schema`` naming the columns) or as dicts, as a DataFrame."""
    import pyarrow as pa
    rows = list(data)
    if rows and isinstance(rows[0], dict):
        return _frame(pa.Table.from_pylist(rows))
    names = list(schema) if schema is not None else ["column_%d" % i for i in range(len(rows[0]) if rows else 0)]
    if orient == "col":
        return _frame(pa.table({n: list(c) for n, c in zip(names, rows)}))
    return _frame(pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}))


def _schema(arrow_schema) -> dict:
    from polaroid.datatypes import from_arrow
    return {f.name: from_arrow(f.type) for f in arrow_schema}
