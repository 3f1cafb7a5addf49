"""Delta Lake tables as Polars reads and writes them, through the optional ``deltalake`` package:
``scan_delta`` resolves the table's active Parquet files at a version and scans them lazily (each
file's partition values added as literals of the partition schema's types), ``read_delta`` collects
that scan, ``DataFrame.write_delta``/``LazyFrame.sink_delta`` write with deltalake."""
from __future__ import annotations

import os

from polaroid.exceptions import PolaroidError
from polaroid.formats_optional import optional, refuse

# reader features whose tables read as plain Parquet files; others (deletionVectors, columnMapping, ...)
# change what the files mean and are refused by name
_READABLE = {"timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "checkpointProtection"}


def _table(what, source, version, storage_options, delta_table_options):
    deltalake = optional("deltalake", what)
    if isinstance(source, deltalake.DeltaTable):
        if version is not None:
            source.load_as_version(version)
        return source
    path = os.path.abspath(os.path.expanduser(str(source))) if "://" not in str(source) else str(source)
    if "://" not in path and not os.path.isdir(os.path.join(path, "_delta_log")):
        raise FileNotFoundError("%s: no Delta table at %s" % (what, path))
    table = deltalake.DeltaTable(path, storage_options=storage_options, **(delta_table_options or {}))
    if version is not None:
        table.load_as_version(version)
    return table


def _check_features(what, table) -> None:
    features = set(table.protocol().reader_features or [])
    if table.protocol().min_reader_version > 3 or features - _READABLE:
        raise PolaroidError("%s: the Delta table needs reader features %s that Polaroid does not honour"
                            % (what, sorted(features - _READABLE) or ["reader version %d" %
                                                                       table.protocol().min_reader_version]),
                            "NOT_SUPPORTED")


def scan_delta(source, *, version=None, storage_options=None, credential_provider="auto",
               delta_table_options=None, use_pyarrow: bool = False, pyarrow_options=None, backend=None):
    """A lazy Parquet scan of the Delta table's active files at ``version`` (the latest when None)."""
    import pyarrow as pa
    refuse("scan_delta", use_pyarrow=use_pyarrow, pyarrow_options=pyarrow_options)
    table = _table("scan_delta", source, version, storage_options, delta_table_options)
    _check_features("scan_delta", table)
    schema = pa.schema(table.schema().to_arrow())
    partitions = table.metadata().partition_columns
    actions = pa.table(table.get_add_actions(flatten=True)).to_pylist()
    uris = table.file_uris()
    from polaroid.frame import from_arrow, scan_parquet
    if not uris:
        return from_arrow(schema.empty_table(), backend=backend)
    return _concat([_file(scan_parquet(_local(uri), backend=backend), schema, partitions, action)
                    for uri, action in zip(uris, actions)])


def _local(uri: str) -> str:
    return uri[len("file://"):] if uri.startswith("file://") else uri


def _file(frame, schema, partitions, action):
    """One data file's rows with its partition values as literals, in the table's column order."""
    from polaroid.datatypes import from_arrow as dtype
    from polaroid.expr import col, lit
    values = [lit(action["partition.%s" % p]).cast(dtype(schema.field(p).type)).alias(p) for p in partitions]
    return (frame.with_columns(values) if values else frame).select(
        [col(f.name).cast(dtype(f.type)) for f in schema])


def _concat(frames):
    from polaroid.toplevel import concat
    return frames[0] if len(frames) == 1 else concat(frames)


def read_delta(source, *, version=None, columns=None, storage_options=None, credential_provider="auto",
               delta_table_options=None, use_pyarrow: bool = False, pyarrow_options=None, backend=None):
    """The Delta table's rows at ``version``, of ``columns`` when given."""
    frame = scan_delta(source, version=version, storage_options=storage_options,
                       delta_table_options=delta_table_options, use_pyarrow=use_pyarrow,
                       pyarrow_options=pyarrow_options, backend=backend)
    return (frame.select(columns) if columns is not None else frame).collect()


_MODES = ("error", "append", "overwrite", "ignore")


def write_delta(frame, target, *, mode: str = "error", storage_options=None, credential_provider="auto",
                delta_write_options=None, delta_merge_options=None):
    """The frame written to the Delta table at ``target`` (created when missing) with ``mode``
    'error', 'append', 'overwrite' or 'ignore'; 'merge' is refused."""
    if mode == "merge":
        raise PolaroidError("write_delta: mode='merge' is not supported by Polaroid", "NOT_SUPPORTED")
    if mode not in _MODES:
        raise ValueError("write_delta: mode must be one of %s, not %r" % (list(_MODES) + ["merge"], mode))
    refuse("write_delta", delta_merge_options=delta_merge_options)
    deltalake = optional("deltalake", "write_delta")
    if not isinstance(target, deltalake.DeltaTable) and "://" not in str(target):
        target = os.path.abspath(os.path.expanduser(str(target)))
    deltalake.write_deltalake(target, frame.to_arrow(), mode=mode, storage_options=storage_options,
                              **(delta_write_options or {}))
    return None


def sink_delta(lazy, target, *, mode: str = "error", storage_options=None, credential_provider="auto",
               delta_write_options=None, delta_merge_options=None, engine="auto", optimizations=None):
    """The query's result written to a Delta table, as ``DataFrame.write_delta``."""
    return write_delta(lazy.collect(), target, mode=mode, storage_options=storage_options,
                       delta_write_options=delta_write_options, delta_merge_options=delta_merge_options)
