"""Iceberg tables as Polars reads and writes them, through the optional ``pyiceberg`` package:
``scan_iceberg`` resolves a snapshot's data files with pyiceberg and scans them lazily as Parquet
(so both backends read them), ``DataFrame.write_iceberg``/``LazyFrame.sink_iceberg`` append or
overwrite with pyiceberg. Delete files and evolved schemas are refused by name."""
from __future__ import annotations

from polaroid.exceptions import PolaroidError
from polaroid.formats_optional import optional, refuse


def _table(source):
    optional("pyiceberg", "scan_iceberg")
    if not isinstance(source, str) and hasattr(source, "scan"):
        return source
    import os
    from pyiceberg.table import StaticTable
    path = str(source)
    if "://" not in path:
        path = os.path.abspath(os.path.expanduser(path))
        if not os.path.exists(path):
            raise FileNotFoundError("scan_iceberg: no Iceberg metadata file at %s" % path)
    return StaticTable.from_metadata(path)


def scan_iceberg(source, *, snapshot_id: int | None = None, from_snapshot_id_exclusive=None,
                 to_snapshot_id_inclusive=None, storage_options=None, catalog=None, reader_override=None,
                 use_metadata_statistics: bool = True, fast_deletion_count=None, use_pyiceberg_filter: bool = True,
                 backend=None):
    """A lazy Parquet scan of an Iceberg table's data files at ``snapshot_id`` (the current snapshot
    when None); ``source`` is a metadata file's path or a pyiceberg Table."""
    import pyarrow as pa
    refuse("scan_iceberg", from_snapshot_id_exclusive=from_snapshot_id_exclusive,
           to_snapshot_id_inclusive=to_snapshot_id_inclusive, storage_options=storage_options, catalog=catalog)
    table = _table(source)
    scan = table.scan(snapshot_id=snapshot_id)
    schema = scan.projection()
    if len(table.schemas()) > 1:
        raise PolaroidError("scan_iceberg: the table's schema has evolved (%d schemas); Polaroid reads only "
                            "tables of one schema" % len(table.schemas()), "NOT_SUPPORTED")
    arrow = pa.schema([pa.field(f.name, f.type) for f in schema.as_arrow()])
    tasks = list(scan.plan_files())
    if any(task.delete_files for task in tasks):
        raise PolaroidError("scan_iceberg: the snapshot has delete files, which Polaroid does not apply",
                            "NOT_SUPPORTED")
    from polaroid.datatypes import from_arrow as dtype
    from polaroid.expr import col
    from polaroid.formats_delta import _concat, _local
    from polaroid.frame import from_arrow, scan_parquet
    if not tasks:
        return from_arrow(arrow.empty_table(), backend=backend)
    columns = [col(f.name).cast(dtype(f.type)) for f in arrow]
    return _concat([scan_parquet(_local(task.file.file_path), backend=backend).select(columns) for task in tasks])


def _target(target):
    if isinstance(target, str):
        optional("pyiceberg", "write_iceberg")
        from pyiceberg.catalog import load_catalog
        return load_catalog().load_table(target)
    return target


def write_iceberg(frame, target, mode: str) -> None:
    """The frame appended to (``mode="append"``) or replacing (``"overwrite"``) the Iceberg table
    ``target`` (a pyiceberg Table, or a name in the default catalog)."""
    _write(frame, target, mode)


def _write(frame, target, mode: str):
    import pyarrow as pa
    if mode not in ("append", "overwrite"):
        raise ValueError("write_iceberg: mode must be 'append' or 'overwrite', not %r" % (mode,))
    optional("pyiceberg", "write_iceberg")
    table = _target(target)
    data = frame.to_arrow()
    required = {f.name for f in table.schema().fields if f.required}
    fields = []
    for field, column in zip(data.schema, data.columns):
        if field.name in required:
            if column.null_count:
                from polaroid.exceptions import SchemaError
                raise SchemaError("column '%s' contains nulls, but the Iceberg table requires a value" % field.name)
            field = field.with_nullable(False)
        fields.append(field)
    data = data.cast(pa.schema(fields))
    table.append(data) if mode == "append" else table.overwrite(data)
    return table


def sink_iceberg(lazy, target, *, mode: str, schema_mode=None, overwrite_filter=None, partition_overwrite=None,
                 create_if_not_exists: bool = False, create_namespace_if_not_exists: bool = False,
                 snapshot_properties=None, catalog=None, storage_options=None, compression: str = "zstd",
                 compression_level=None, row_group_size=None, maintain_order: bool = True, engine="auto"):
    """The query's result written to an Iceberg table as ``DataFrame.write_iceberg``; Polars' other
    sink options are refused by name. Gives, as Polars, a frame of the table's new ``metadata_path``."""
    refuse("sink_iceberg", schema_mode=schema_mode, overwrite_filter=overwrite_filter,
           partition_overwrite=partition_overwrite, create_if_not_exists=create_if_not_exists,
           create_namespace_if_not_exists=create_namespace_if_not_exists, snapshot_properties=snapshot_properties,
           catalog=catalog, storage_options=storage_options, compression_level=compression_level,
           row_group_size=row_group_size)
    table = _write(lazy.collect(), target, mode)
    from polaroid.frame import DataFrame
    return DataFrame({"metadata_path": [table.metadata_location]})
