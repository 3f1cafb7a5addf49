"""SQL as Polars offers it: ``pl.sql``, ``pl.SQLContext`` and ``LazyFrame.sql``.

The query travels as a ``sql`` relation (text, named tables, parameter values) and the engine that
runs the plan translates it (DuckDB's dialect and meaning), so it runs the same on a cluster and in
Java local mode. The portable backend has no SQL translator and answers NOT_SUPPORTED.
"""
import inspect
import re
from typing import Any, Dict, Optional

from polaroid.frame import DataFrame, LazyFrame


def _as_lazy(frame) -> Optional[LazyFrame]:
    """A frame SQL can read: a LazyFrame, a DataFrame, or data a DataFrame takes (pyarrow, pandas)."""
    if isinstance(frame, LazyFrame):
        return frame
    if isinstance(frame, DataFrame):
        return frame.lazy()
    try:
        import pyarrow as pa
        if isinstance(frame, (pa.Table, pa.RecordBatch)):
            return DataFrame(pa.table(frame)).lazy()
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    if type(frame).__module__.startswith("pandas") and type(frame).__name__ == "DataFrame":
        from polaroid import from_pandas
        return from_pandas(frame).lazy()
    return None


def sql_frame(query: str, tables: Dict[str, LazyFrame], backend=None) -> LazyFrame:
    """A lazy frame of ``query`` over ``tables`` (name -> LazyFrame)."""
    if not isinstance(query, str) or not query.strip():
        raise ValueError("sql() needs a query text")
    if backend is None:
        backend = next((f._backend for f in tables.values() if f._backend is not None), None)
    relation = {"sql": {"query": query, "tables": {name: f._rel for name, f in tables.items()}}}
    return LazyFrame(relation, backend)


class SQLContext:
    """Named frames to run SQL over, as Polars' ``SQLContext``: register frames, then ``execute``."""

    def __init__(self, frames: Optional[Dict[str, Any]] = None, *, register_globals: bool = False,
                 eager: bool = False, **named_frames: Any):
        self._tables: Dict[str, LazyFrame] = {}
        self._eager = eager
        if register_globals:
            caller = inspect.currentframe().f_back
            self.register_globals(_frame=caller)
        self.register_many(frames, **named_frames)

    def __enter__(self) -> "SQLContext":
        return self

    def __exit__(self, *exc) -> None:
        self._tables.clear()

    def register(self, name: str, frame: Any) -> "SQLContext":
        lazy = _as_lazy(frame)
        if lazy is None:
            raise TypeError("cannot register %r as a table: it is not a frame" % type(frame).__name__)
        self._tables[name] = lazy
        return self

    def register_many(self, frames: Optional[Dict[str, Any]] = None, **named_frames: Any) -> "SQLContext":
        for name, frame in {**(frames or {}), **named_frames}.items():
            self.register(name, frame)
        return self

    def register_globals(self, n: Optional[int] = None, *, all_compatible: bool = True, _frame=None) -> "SQLContext":
        caller = _frame or inspect.currentframe().f_back
        found = _frames_in(caller)
        for name, frame in list(found.items())[:n] if n is not None else found.items():
            self._tables[name] = frame
        return self

    def unregister(self, names) -> "SQLContext":
        for name in [names] if isinstance(names, str) else names:
            self._tables.pop(name, None)
        return self

    def tables(self) -> list:
        return sorted(self._tables)

    def execute(self, query: str, *, eager: Optional[bool] = None):
        result = sql_frame(query, self._tables)
        return result.collect() if (self._eager if eager is None else eager) else result

    @classmethod
    def execute_global(cls, query: str, *, eager: bool = False):
        caller = inspect.currentframe().f_back
        result = sql_frame(query, _frames_in(caller, query))
        return result.collect() if eager else result

    def __repr__(self) -> str:
        return "<SQLContext [tables:%d]>" % len(self._tables)


def _frames_in(frame, query: Optional[str] = None) -> Dict[str, LazyFrame]:
    """The frames the calling code can see by name, its locals over its globals (as Polars' pl.sql);
    with ``query``, only the names it mentions, so that unrelated data is not converted."""
    words = None if query is None else {w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", query)}
    names: Dict[str, LazyFrame] = {}
    for scope in (frame.f_globals, frame.f_locals):
        for name, value in scope.items():
            if name.startswith("_") or words is not None and name.lower() not in words:
                continue
            lazy = _as_lazy(value) if isinstance(value, (LazyFrame, DataFrame)) or _is_data(value) else None
            if lazy is not None:
                names[name] = lazy
    return names


def _is_data(value) -> bool:
    module = type(value).__module__
    return module.startswith("pyarrow") and type(value).__name__ in ("Table", "RecordBatch") or \
        module.startswith("pandas") and type(value).__name__ == "DataFrame"


def sql(query: str, *, eager: bool = False):
    """``query`` over the frames the caller's variables hold, by their names (Polars' ``pl.sql``)."""
    caller = inspect.currentframe().f_back
    result = sql_frame(query, _frames_in(caller, query))
    return result.collect() if eager else result
