"""Polars' ``pl.PartitionBy``: ``sink_parquet``/``sink_csv``/``sink_ipc``/``sink_ndjson`` to many files,
one folder per key value in Hive's layout (``k=a/00000000.parquet``, a null ``__HIVE_DEFAULT_PARTITION__``,
values percent-encoded), files split by rows or approximate size, or named by a ``file_path_provider``.
The query runs on its backend; its result is split and written here, by the client."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import quote

_NULL = "__HIVE_DEFAULT_PARTITION__"
_EXTENSIONS = {"parquet": "parquet", "csv": "csv", "ipc": "ipc", "ndjson": "jsonl"}


@dataclass(kw_only=True)
class FileProviderArgs:
    """What a ``file_path_provider`` is told of the file to name: its index in its partition and the
    partition's key values (a one-row DataFrame)."""

    index_in_partition: int
    partition_keys: Any


class PartitionBy:
    """Where and how a sink splits its rows: by ``key`` (column names, expressions, or a mapping of names to
    expressions), at most ``max_rows_per_file`` rows or about ``approximate_bytes_per_file`` bytes a file."""

    def __init__(self, base_path, *, file_path_provider: Callable | None = None, key=None,
                 include_key: bool | None = None, max_rows_per_file: int | None = None,
                 approximate_bytes_per_file="auto"):
        if key is None and max_rows_per_file is None and approximate_bytes_per_file == "auto":
            raise ValueError("at least one of ('key', 'max_rows_per_file', 'approximate_bytes_per_file') must be "
                             "specified for PartitionBy")
        if key is None and include_key is not None:
            raise ValueError("cannot use 'include_key' without specifying 'key'")
        if approximate_bytes_per_file == "auto":
            approximate_bytes_per_file = 4_294_967_295 if max_rows_per_file is None else None
        self.base_path, self.file_path_provider = str(base_path), file_path_provider
        self.keys = _key_exprs(key)
        self.include_key = True if include_key is None else include_key
        self.max_rows_per_file, self.approximate_bytes_per_file = max_rows_per_file, approximate_bytes_per_file

    def sink(self, frame, format: str) -> None:
        """Runs ``frame`` and writes its rows in ``format`` (parquet, csv, ipc or ndjson) under ``base_path``."""
        import pyarrow as pa
        from polaroid.expr import output_name
        names = [output_name(k.to_dict()) for k in self.keys]
        table = (frame.with_columns(self.keys) if self.keys else frame).collect().to_arrow()
        if names:
            rows = table.append_column("__row", pa.array(range(table.num_rows), pa.int64()))
            groups = rows.group_by(names, use_threads=False).aggregate([("__row", "list")])
            parts = [(groups.select(names).slice(i, 1), table.take(groups.column("__row_list")[i].values))
                     for i in range(groups.num_rows)]
        else:
            parts = [(None, table)]
        for keys, part in parts:
            self._write_partition(keys, part.drop_columns(names) if not self.include_key else part, format)

    def _write_partition(self, keys, part, format: str) -> None:
        from polaroid.frame import DataFrame
        per_file = self.max_rows_per_file or part.num_rows or 1
        if self.approximate_bytes_per_file is not None and part.num_rows:
            per_file = min(per_file, max(1, self.approximate_bytes_per_file * part.num_rows // max(1, part.nbytes)))
        folder = "" if keys is None else "/".join("%s=%s" % (n, _hive_value(keys.column(n)[0])) for n in keys.column_names)
        for index, start in enumerate(range(0, max(part.num_rows, 1), per_file)):
            if self.file_path_provider is not None:
                target = self.file_path_provider(FileProviderArgs(
                    index_in_partition=index, partition_keys=DataFrame(keys) if keys is not None else None))
            else:
                target = os.path.join(folder, "%08d.%s" % (index, _EXTENSIONS[format]))
            if isinstance(target, (str, os.PathLike)):
                target = os.path.join(self.base_path, target)
                os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            getattr(DataFrame(part.slice(start, per_file)), "write_" + format)(target)


def _key_exprs(key) -> list:
    from polaroid.expr import Expr, col
    if key is None:
        return []
    if isinstance(key, dict):
        return [(col(v) if isinstance(v, str) else v).alias(k) for k, v in key.items()]
    items = [key] if isinstance(key, (str, Expr)) else list(key)
    return [col(k) if isinstance(k, str) else k for k in items]


def _hive_value(scalar) -> str:
    """A key value as Polars writes it in a folder name."""
    value = scalar.as_py()
    if value is None:
        return _NULL
    text = ("true" if value else "false") if isinstance(value, bool) else \
        value.isoformat() if hasattr(value, "isoformat") else str(value)
    return quote(text, safe="")
