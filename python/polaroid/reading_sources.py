"""Frames from other Python sources, as Polars reads them: a database through a DB-API 2 connection
or cursor (``read_database``; an ADBC connection hands over Arrow directly), a database URI
(``read_database_uri``: SQLite through the standard library, or any ADBC driver that is installed),
and NumPy arrays (``from_numpy``)."""
from __future__ import annotations

from typing import Any, Iterator


def _frame(table, schema_overrides=None):
    from polaroid.reading import _frame as frame
    if schema_overrides:
        from polaroid.portable import _arrow_type
        from polaroid.datatypes import to_dict
        for name, dtype in schema_overrides.items():
            i = table.column_names.index(name)
            table = table.set_column(i, name, table.column(name).cast(_arrow_type(to_dict(dtype), "schema_overrides")))
    return frame(table)


def _rows_to_table(names: list, rows: list, infer_schema_length):
    """Rows as a table, each column's type inferred from its first ``infer_schema_length`` values
    (all of them when None), as Polars does."""
    import pyarrow as pa
    columns = {}
    for i, name in enumerate(names):
        values = [r[i] for r in rows]
        sample = values if infer_schema_length is None else values[:infer_schema_length]
        columns[name] = pa.array(values, type=pa.array(sample).type if any(v is not None for v in sample) else None)
    return pa.table(columns) if names else pa.table({})


def _cursor(connection):
    return connection.cursor() if hasattr(connection, "cursor") else connection


def read_database(query: str, connection, *, iter_batches: bool = False, batch_size: int | None = None,
                  schema_overrides: dict | None = None, infer_schema_length: int | None = 100,
                  execute_options: dict | None = None) -> Any:
    """The rows of ``query`` run on ``connection`` (a DB-API 2 connection or cursor, or an ADBC
    connection); with ``iter_batches``, frames of ``batch_size`` rows. A URI string goes to
    ``read_database_uri``."""
    if isinstance(connection, str):
        return read_database_uri(query, connection, schema_overrides=schema_overrides, execute_options=execute_options)
    if iter_batches and not batch_size:
        raise ValueError("read_database(iter_batches=True) needs a batch_size")
    if not isinstance(query, str):
        raise TypeError("read_database takes the query as a string, not %s" % type(query).__name__)
    cursor = _cursor(connection)
    parameters = (execute_options or {}).get("parameters")
    cursor.execute(query, parameters) if parameters is not None else cursor.execute(query)
    if hasattr(cursor, "fetch_arrow_table") and not iter_batches:  # ADBC: Arrow already
        return _frame(cursor.fetch_arrow_table(), schema_overrides)
    names = [d[0] for d in cursor.description or []]
    if iter_batches:
        return _batches(cursor, names, batch_size, schema_overrides, infer_schema_length)
    return _frame(_rows_to_table(names, [tuple(r) for r in cursor.fetchall()], infer_schema_length), schema_overrides)


def _batches(cursor, names, size, schema_overrides, infer_schema_length) -> Iterator:
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            return
        yield _frame(_rows_to_table(names, [tuple(r) for r in rows], infer_schema_length), schema_overrides)


def read_database_uri(query, uri: str, *, partition_on: str | None = None, partition_range=None,
                      partition_num: int | None = None, protocol: str | None = None, engine: str | None = None,
                      schema_overrides: dict | None = None, execute_options: dict | None = None,
                      pre_execution_query=None) -> Any:
    """``query`` (or each of a list of queries, concatenated) on the database at ``uri``: a
    ``sqlite://`` URI through Python's sqlite3, any other through an installed ADBC driver
    (``engine="adbc"``). Partitioned reads need ConnectorX, which Polaroid does not use."""
    if partition_on is not None or partition_num is not None or partition_range is not None:
        raise ValueError("read_database_uri: partition_on/partition_num/partition_range need ConnectorX; "
                         "Polaroid reads each query whole")
    queries = [query] if isinstance(query, str) else list(query)
    with _connect(uri, engine) as connection:
        for pre in ([pre_execution_query] if isinstance(pre_execution_query, str) else pre_execution_query or []):
            _cursor(connection).execute(pre)
        frames = [read_database(q, connection, schema_overrides=schema_overrides, execute_options=execute_options)
                  for q in queries]
    if len(frames) == 1:
        return frames[0]
    from polaroid.frame import DataFrame
    import pyarrow as pa
    return DataFrame(pa.concat_tables([f.to_arrow() for f in frames]))


class _Closing:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()


def _connect(uri: str, engine: str | None):
    scheme = uri.split(":", 1)[0].lower()
    if scheme == "sqlite" and engine in (None, "connectorx"):
        import sqlite3
        path = uri.split("://", 1)[1] if "://" in uri else uri.split(":", 1)[1]
        return _Closing(sqlite3.connect(path[1:] if path.startswith("//") else path or ":memory:"))
    try:
        import adbc_driver_manager.dbapi as adbc
    except ImportError:
        raise ModuleNotFoundError("read_database_uri(%r): Polaroid reads SQLite URIs itself; other databases need an "
                                  "ADBC driver (pip install adbc-driver-manager and the database's driver)"
                                  % scheme) from None
    try:
        return _Closing(adbc.connect(uri))
    except adbc.Error as e:
        if "Could not load" not in str(e):
            raise
        # the driver manager is there, the database's driver is not
        raise ModuleNotFoundError("read_database_uri(%r): no ADBC driver for %s is installed (pip install "
                                  "adbc-driver-%s)" % (scheme, scheme, scheme)) from e


def from_numpy(data, schema=None, *, schema_overrides: dict | None = None, orient: str | None = None) -> Any:
    """A 1-D array as one column, a 2-D array as columns (``orient="col"``: each row of the array is a
    column) or rows (``orient="row"``), named ``column_0``.. or by ``schema``; as Polars, a 2-D array
    is read by rows unless its first dimension matches the schema's width and ``orient`` says nothing."""
    import pyarrow as pa
    if data.ndim == 1:
        names = list(schema) if schema is not None else ["column_0"]
        columns = [data]
    elif data.ndim == 2:
        width = len(schema) if schema is not None else None
        if orient is None:
            orient = "col" if width is not None and data.shape[0] == width and data.shape[1] != width else "row"
        columns = list(data.T) if orient == "row" else list(data)
        names = list(schema) if schema is not None else ["column_%d" % i for i in range(len(columns))]
    else:
        raise ValueError("from_numpy takes a 1-D or 2-D array, not %d-D" % data.ndim)
    if len(names) != len(columns):
        raise ValueError("from_numpy: %d names for %d columns" % (len(names), len(columns)))
    dtypes = dict(schema) if isinstance(schema, dict) else {}
    dtypes.update(schema_overrides or {})
    return _frame(pa.table({n: pa.array(c) for n, c in zip(names, columns)}),
                  {n: t for n, t in dtypes.items() if t is not None})
