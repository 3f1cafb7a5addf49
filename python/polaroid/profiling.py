"""``LazyFrame.profile()``: what each node of a plan did, as a table like Polars' timings.

Columns, one row per node, root first, children indented two spaces per level: ``node``, ``start`` and ``end``
(microseconds from the start of the run, Polars' names), ``rows`` and ``batches`` it produced, ``time``
(microseconds in it and the nodes below it) and ``spilled_bytes`` (null where the backend cannot tell).
"""
from __future__ import annotations

import contextvars
import time
from typing import Optional

import pyarrow as pa

SCHEMA = pa.schema([("node", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("rows", pa.int64()),
                    ("batches", pa.int64()), ("time", pa.int64()), ("spilled_bytes", pa.int64())])


class Recorder:
    """Collects the nodes of one run as they start and end."""

    def __init__(self):
        self._t0 = time.perf_counter()
        self._depth = 0
        self._rows = []

    def _now(self) -> int:
        return int((time.perf_counter() - self._t0) * 1_000_000)

    def enter(self, node: str) -> int:
        self._rows.append(["  " * self._depth + node, self._now(), None, 0, 0, None, 0])
        self._depth += 1
        return len(self._rows) - 1

    def leave(self, index: int, table: Optional[pa.Table]) -> None:
        self._depth -= 1
        row = self._rows[index]
        row[2] = self._now()
        row[5] = row[2] - row[1]
        if table is not None:
            row[3] = table.num_rows
            row[4] = len(table.to_batches())

    def table(self) -> pa.Table:
        return table(self._rows)


def table(rows) -> pa.Table:
    """The timings table of ``rows``: lists in the order of :data:`SCHEMA`'s columns."""
    return pa.Table.from_pylist([dict(zip(SCHEMA.names, r)) for r in rows], schema=SCHEMA)


_ACTIVE: contextvars.ContextVar[Optional[Recorder]] = contextvars.ContextVar("polaroid_profile", default=None)


def active() -> Optional[Recorder]:
    return _ACTIVE.get()


def recording(recorder: Recorder):
    """Makes ``recorder`` the one this context's runs report to; returns the token to reset."""
    return _ACTIVE.set(recorder)


def stop(token) -> None:
    _ACTIVE.reset(token)
