"""A progress line for queries on the cluster: one line on stderr, redrawn in place, while a query runs longer
than about two seconds (stages and tasks done of their total, result rows and bytes so far, time elapsed), wiped
when it ends. Drawn only on a terminal or in a notebook; ``pl.connect(url, progress=False)`` turns it off. The
client names its query (the ``x-polaroid-query-id`` header) and follows it with the coordinator's ``status``
action, so any Flight client can do the same."""
from __future__ import annotations

import json
import sys
import threading
import time
from typing import Callable, Optional

QUERY_ID_HEADER = b"x-polaroid-query-id"
AFTER_SECONDS = 2.0
EVERY_SECONDS = 0.25


def wanted(asked: bool, stream=None) -> bool:
    """Whether to draw: asked for, and on a terminal or in a notebook."""
    if not asked:
        return False
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) or "ipykernel" in sys.modules


def _size(n: int) -> str:
    if n < 1 << 20:
        return "%.1f KB" % (n / 1024)
    if n < 1 << 30:
        return "%.1f MB" % (n / (1 << 20))
    return "%.2f GB" % (n / (1 << 30))


def format_line(status: Optional[dict], elapsed: float) -> str:
    """The line for a status (the coordinator's QueryStatus as JSON; None while the query is planned)."""
    took = "%.1f s" % elapsed
    if not status or not status.get("stagesTotal"):
        return "polaroid: planning ... " + took
    retried = int(status.get("tasksRetried", 0))
    spilled = int(status.get("spilledBytes", 0))
    return "polaroid: stages %d/%d  tasks %d/%d%s  rows %s  %s%s  %s" % (
        int(status.get("stagesDone", 0)), int(status["stagesTotal"]), int(status.get("tasksDone", 0)),
        int(status.get("tasksTotal", 0)), " (%d retried)" % retried if retried else "",
        format(int(status.get("rows", 0)), ","), _size(int(status.get("bytes", 0))),
        "  spilled " + _size(spilled) if spilled else "", took)


def status_action(client, flight, options) -> Callable[[str], Optional[dict]]:
    """A query's status through the coordinator's ``status`` action; None while it is not known yet."""
    def status(query_id: str) -> Optional[dict]:
        try:
            results = client.do_action(flight.Action("status", query_id.encode()), options)
            return json.loads(next(iter(results)).body.to_pybytes())
        except Exception:  # planning (not known yet), or the coordinator is busy: the query's call reports errors
            return None
    return status


class ProgressLine:
    """Draws ``status(query_id)`` on ``stream`` every ``every`` seconds from ``after`` seconds on, until closed."""

    def __init__(self, query_id: str, status: Callable[[str], Optional[dict]], stream=None,
                 after: float = AFTER_SECONDS, every: float = EVERY_SECONDS):
        self._query_id = query_id
        self._status = status
        self._stream = stream if stream is not None else sys.stderr
        self._after = after
        self._every = every
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._width = 0
        self._thread = threading.Thread(target=self._run, name="polaroid-progress", daemon=True)

    def __enter__(self) -> "ProgressLine":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        with self._lock:
            if self._width:
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()
                self._width = 0

    def _run(self) -> None:
        if self._stop.wait(self._after):
            return
        while True:
            line = format_line(self._status(self._query_id), time.monotonic() - self._start)
            with self._lock:
                if self._stop.is_set():
                    return
                self._stream.write("\r" + line + " " * max(0, self._width - len(line)))
                self._stream.flush()
                self._width = len(line)
            if self._stop.wait(self._every):
                return
