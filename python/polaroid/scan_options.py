"""Polars' keyword arguments of ``scan_*``/``read_*``, so that Polars code that passes them runs:
the ones that change the result (``n_rows``, ``row_index_name``/``row_index_offset``, ``columns``,
``schema``, ``new_columns``, ``with_column_names``) become plan steps after the scan; the ones that
only tune how Polars itself reads (threads, memory, caching, statistics, retries) are accepted and
left to the engine; the rest are accepted at their defaults and otherwise refused by name."""
from __future__ import annotations

from polaroid.backend import PolaroidError

# How Polars reads, not what: the engine chooses its own threads, buffers, caching and pruning.
_HINTS = {"parallel", "use_statistics", "low_memory", "cache", "rechunk", "memory_map", "retries", "glob",
          "use_pyarrow", "pyarrow_options", "infer_schema_files", "hive_schema", "try_parse_hive_dates"}
# Options the engine has no counterpart for: allowed at Polars' defaults only.
_DEFAULTS = {"hive_partitioning": (None, False), "hidden_file_prefix": (None,), "include_file_paths": (None,), "missing_columns": ("raise",),
             "allow_missing_columns": (False,), "extra_columns": ("raise",), "cast_options": (None,),
             "decryption": (None,), "skip_rows": (0,), "skip_lines": (0,), "skip_rows_after_header": (0,),
             "comment_prefix": (None,), "encoding": ("utf8",), "eol_char": ("\n",),
             "empty_string_is_null": (False,), "decimal_comma": (False,), "truncate_ragged_lines": (False,),
             "raise_if_empty": (True,), "infer_schema": (True,), "missing_utf8_is_empty_string": (False,)}


def check(reader: str, options: dict) -> None:
    """Fails naming the first option that ``reader`` does not know or cannot honour."""
    for name, value in options.items():
        if name in _HINTS:
            continue
        if name not in _DEFAULTS:
            raise TypeError("%s() got an unexpected keyword argument %r" % (reader, name))
        allowed = _DEFAULTS[name]
        if not any(value is a or (value == a and type(value) is type(a)) for a in allowed):
            raise PolaroidError("%s(%s=%r) is not supported: Polaroid reads with %s=%r" % (
                reader, name, value, name, allowed[0]), "NOT_SUPPORTED")


def apply(frame, *, n_rows=None, row_index_name=None, row_index_offset: int = 0, schema=None,
          new_columns=None, with_column_names=None):
    """The steps after a scan that Polars' options ask for, in Polars' order."""
    from polaroid import col
    if new_columns is not None or with_column_names is not None:
        names = list(frame.columns)
        renamed = list(new_columns or []) + names[len(new_columns or []):]
        renamed = with_column_names(renamed) if with_column_names is not None else renamed
        frame = frame.rename(dict(zip(names, renamed)))
    if schema is not None:
        frame = frame.select([col(n).cast(t, strict=True) for n, t in dict(schema).items()])
    if row_index_name is not None:
        frame = frame.with_row_index(row_index_name, offset=row_index_offset)
    if n_rows is not None:
        frame = frame.head(n_rows)
    return frame


def pick(frame, columns, row_index_name=None):
    """``read_*(columns=...)``: the columns by name or position (of the file's), after the row index."""
    names = [n for n in frame.columns if n != row_index_name]
    picked = [names[c] if isinstance(c, int) else c for c in ([columns] if isinstance(columns, (str, int)) else columns)]
    return frame.select(([row_index_name] if row_index_name is not None else []) + picked)
