"""Where a plan runs: on a Polaroid cluster over Arrow Flight, or in this process with pyarrow."""
from __future__ import annotations

import enum
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Optional


class BackendMode(str, enum.Enum):
    DISTRIBUTED = "distributed"
    PORTABLE = "portable"


class PolaroidError(Exception):
    """A query failed; ``code`` is the server's error code (``COLUMN_NOT_FOUND``, ``INVALID_PLAN``, ...)."""

    def __new__(cls, message: str = "", code: str = "INTERNAL", *args, **kwargs):
        if cls is PolaroidError:  # raised as the class Polars raises (polaroid.exceptions)
            from polaroid.exceptions import error_class
            cls = error_class(str(message), code)
        return super().__new__(cls, message)

    def __init__(self, message: str, code: str = "INTERNAL"):
        super().__init__(message)
        self.code = code


class _StreamLost(PolaroidError):
    """A streamed result partition whose worker went away mid-stream: read once, it cannot resume, but the
    query can run again."""


_RERUNS = 2


def find_token(token: Optional[str] = None) -> Optional[str]:
    """The token to present: the one given, ``POLAROID_TOKEN``, the file ``POLAROID_TOKEN_FILE`` names, or
    ``~/.polaroid/token`` (where a coordinator on this machine writes the token it generates)."""
    if token:
        return token.strip()
    if os.environ.get("POLAROID_TOKEN", "").strip():
        return os.environ["POLAROID_TOKEN"].strip()
    named = os.environ.get("POLAROID_TOKEN_FILE", "").strip()
    path = named or os.path.join(os.path.expanduser("~"), ".polaroid", "token")
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip() or None
    except OSError:
        if named:
            raise PolaroidError("POLAROID_TOKEN_FILE names %s, which cannot be read" % named, "INVALID_ARGUMENT")
        return None


def _tls_options() -> dict:
    """For ``grpc+tls://`` clusters: the PEM certificates ``POLAROID_TLS_CA`` names (a private CA, or the servers'
    self-signed certificate); without it, the system's CAs."""
    path = os.environ.get("POLAROID_TLS_CA", "").strip()
    if not path:
        return {}
    with open(path, "rb") as f:
        return {"tls_root_certs": f.read()}


def _authorization_middleware(value: Optional[str]):
    """A pyarrow Flight client middleware that adds ``authorization: value`` to every call."""
    import pyarrow.flight as flight

    class _Header(flight.ClientMiddleware):
        def sending_headers(self):
            return {"authorization": value}

    class _Factory(flight.ClientMiddlewareFactory):
        def start_call(self, info):
            return _Header()

    return [_Factory()] if value else []


RELAY_HEADER = b"x-polaroid-relay"
_RELAY_PREFIX = b"polaroid-relay-v1\n"
_REUSE_CONNECTION = b"arrow-flight-reuse-connection"
_UNREACHABLE = ("FlightUnavailableError", "FlightTimedOutError")


def relay_ticket(endpoint) -> bytes:
    """The ticket that reads ``endpoint``'s partition through the coordinator: ``polaroid-relay-v1``, the worker's
    ``host:port`` and the worker's own ticket, one per line. The coordinator relays only to its own workers,
    and only a ticket the caller may redeem."""
    from urllib.parse import urlsplit
    ticket = endpoint.ticket.ticket
    if ticket.startswith(_RELAY_PREFIX) or _on_answering_server(endpoint):
        return ticket
    at = urlsplit(endpoint.locations[0].uri.decode("utf-8"))
    return _RELAY_PREFIX + ("%s:%d\n" % (at.hostname, at.port)).encode("utf-8") + ticket


def _on_answering_server(endpoint) -> bool:
    """An endpoint read where the FlightInfo came from: no location, or Flight's "reuse this connection"."""
    return not endpoint.locations or endpoint.locations[0].uri.startswith(_REUSE_CONNECTION)


class DistributedBackend:
    """Plans go to the coordinator as Flight commands; every result endpoint is fetched in parallel.
    Every call carries the client's credential: a bearer ``token`` (see :func:`find_token`), or the session
    token that Flight's basic-auth handshake trades ``user`` and ``password`` for. With ``relay``, results are
    read through the coordinator (the ``x-polaroid-relay`` header asks for such endpoints): for a client that
    reaches only the coordinator. Without it, the first worker found unreachable turns the relay on for good."""

    mode = BackendMode.DISTRIBUTED

    def __init__(self, url: str, token: Optional[str] = None, user: Optional[str] = None,
                 password: Optional[str] = None, relay: bool = False, progress: bool = True):
        import pyarrow as pa
        import pyarrow.flight as flight
        self.url = url
        self._flight = flight
        authorization = None
        if user is not None:
            try:
                name, value = flight.connect(url, **_tls_options()).authenticate_basic_token(user, password or "")
            except pa.ArrowException as e:
                raise _error(e) from e
            authorization = value.decode() if isinstance(value, bytes) else value
        else:
            token = find_token(token)
            authorization = "Bearer " + token if token else None
        self._middleware = _authorization_middleware(authorization)
        self._tls = _tls_options()
        self._client = flight.connect(url, middleware=self._middleware, **self._tls)
        self._workers: dict = {}
        self._lock = threading.Lock()
        self.relay = relay
        self.progress = progress

    def _descriptor(self, frame):
        from polaroid.datatypes_more import refuse_engine_less_types
        from polaroid.python_functions import refuse_python_calls
        if hasattr(frame, "to_dict"):  # a plan given as JSON alone goes as it is
            refuse_engine_less_types(frame.to_dict())
            refuse_python_calls(frame.to_dict())
        return self._flight.FlightDescriptor.for_command(frame.to_json().encode("utf-8"))

    def _client_for(self, location):
        if location is None or location.uri.startswith(_REUSE_CONNECTION):
            return self._client
        key = location.uri
        with self._lock:
            c = self._workers.get(key)
            if c is None:
                c = self._workers[key] = self._flight.connect(location, middleware=self._middleware, **self._tls)
            return c

    def execute(self, frame, query_ids: Optional[list] = None):
        """Runs the query and reads its result. A streamed partition lost with its worker makes the query run
        again under a new id (nothing was handed out yet), up to ``_RERUNS`` times; ``query_ids`` gets each id."""
        import pyarrow as pa
        try:
            descriptor = self._descriptor(frame)
            for run in range(_RERUNS + 1):
                try:
                    query_id = str(uuid.uuid4())
                    if query_ids is not None:
                        query_ids.append(query_id)
                    info, tables = self._followed(descriptor, query_id)
                    break
                except _StreamLost:
                    if run == _RERUNS:
                        raise
            received = sum(t.num_rows for t in tables)
            if info.total_records >= 0 and received != info.total_records:
                raise PolaroidError("the result has %d rows where the cluster reported %d: a stream was cut"
                                    % (received, info.total_records), "UNAVAILABLE")
            tables = [t for t in tables if t.num_rows > 0] or tables[:1]
            if not tables:
                return info.schema.empty_table()
            return pa.concat_tables(tables) if len(tables) > 1 else tables[0]
        except pa.ArrowException as e:
            raise _error(e) from e

    def profile(self, frame):
        """Runs the query as :meth:`execute` does; the timings are one row for the whole query, from the
        coordinator's status of it (the workers send no per-node figures)."""
        from polaroid import profiling, progress
        ids = []
        started = time.perf_counter()
        table = self.execute(frame, ids)
        took = int((time.perf_counter() - started) * 1_000_000)
        status = progress.status_action(self._client, self._flight, self._flight.FlightCallOptions())(ids[-1]) or {}
        elapsed = int(status["elapsedMs"]) * 1000 if "elapsedMs" in status else took
        node = "query %s on the cluster: %s stages, %s tasks, %s rows scanned" % (
            ids[-1], status.get("stagesTotal", "?"), status.get("tasksTotal", "?"), status.get("rowsScanned", "?"))
        spilled = int(status["spilledBytes"]) if "spilledBytes" in status else (0 if status else None)
        return table, profiling.table([[node, 0, elapsed, table.num_rows, len(table.to_batches()), elapsed, spilled]])

    def _followed(self, descriptor, query_id: str):
        """One run of the query under ``query_id``, with its progress line when wanted; a streamed result is made
        while it is read, so the line follows the query through both."""
        from polaroid import progress
        headers = [(progress.QUERY_ID_HEADER, query_id.encode())]
        if self.relay:
            headers.append((RELAY_HEADER, b"true"))
        options = self._flight.FlightCallOptions(headers=headers)
        if not progress.wanted(self.progress):
            return self._run_once(descriptor, options)
        status = progress.status_action(self._client, self._flight, self._flight.FlightCallOptions())
        with progress.ProgressLine(query_id, status, after=progress.AFTER_SECONDS, every=progress.EVERY_SECONDS):
            return self._run_once(descriptor, options)

    def _run_once(self, descriptor, options):
        info = self._client.get_flight_info(descriptor, options)
        endpoints = info.endpoints
        if len(endpoints) <= 1:
            return info, [self._fetch(ep) for ep in endpoints]
        with ThreadPoolExecutor(max_workers=min(8, len(endpoints))) as pool:
            futures = [pool.submit(self._fetch, ep) for ep in endpoints]
        tables, errors = [], []
        for f in futures:
            try:
                tables.append(f.result())
            except Exception as e:  # noqa: every endpoint's failure is looked at
                errors.append(e)
        if errors:
            # a lost stream first (the query can run again), then the query's own error, last the cancels it caused
            raise min(errors, key=lambda e: 0 if isinstance(e, _StreamLost) else
                      2 if type(e).__name__ == "FlightCancelledError" else 1)
        return info, tables

    def _relayed(self, ep):
        return _read_endpoint(self._client, ep, relay_ticket(ep))

    def _fetch(self, ep):
        """One endpoint's rows: through the coordinator when relaying; otherwise from its worker, and when that
        worker cannot be reached, through the coordinator, which then serves every later read too."""
        import pyarrow as pa
        if self.relay or _on_answering_server(ep):
            return self._relayed(ep)
        try:
            return _read_endpoint(self._client_for(ep.locations[0]), ep)
        except pa.ArrowException as e:
            if type(e).__name__ not in _UNREACHABLE:
                raise
        table = self._relayed(ep)
        self.relay = True
        return table

    def schema(self, frame):
        import pyarrow as pa
        try:
            return self._client.get_schema(self._descriptor(frame)).schema
        except pa.ArrowException as e:
            raise _error(e) from e

    def explain(self, frame):
        """The server's logical, optimized and distributed plans (Flight action ``explain``)."""
        import pyarrow as pa
        from polaroid.datatypes_more import refuse_engine_less_types
        from polaroid.python_functions import refuse_python_calls
        refuse_engine_less_types(frame.to_dict())
        refuse_python_calls(frame.to_dict())
        try:
            results = self._client.do_action(self._flight.Action("explain", frame.to_json().encode("utf-8")))
            return "".join(r.body.to_pybytes().decode("utf-8") for r in results)
        except pa.ArrowException as e:
            raise _error(e) from e

    def ping(self) -> bool:
        """True when the cluster answers, even to refuse the credential: queries then fail saying why,
        instead of running somewhere else."""
        try:
            list(self._client.list_actions())
            return True
        except (self._flight.FlightUnauthenticatedError, self._flight.FlightUnauthorizedError):
            return True
        except Exception:  # noqa: any other failure means the server does not answer
            return False


_READ_ATTEMPTS = 3
_BROKEN = ("FlightUnavailableError", "FlightInternalError", "ArrowIOError", "OSError")


def _expected_rows(endpoint) -> int:
    """The rows the producing worker reported for an endpoint (its app_metadata), or -1."""
    import json
    try:
        return int(json.loads(bytes(endpoint.app_metadata or b"{}").decode("utf-8")).get("rows", -1))
    except (ValueError, AttributeError):
        return -1


def _streamed(endpoint) -> bool:
    """Whether the worker streams this endpoint while its task makes it (its app_metadata says so)."""
    import json
    try:
        return bool(json.loads(bytes(endpoint.app_metadata or b"{}").decode("utf-8")).get("streamed", False))
    except (ValueError, AttributeError):
        return False


def _read_endpoint(client, endpoint, ticket: Optional[bytes] = None):
    """Every batch of one result partition, proven whole: a stream that breaks is opened again from
    the same partition, skipping the batches already read, and a stream that ends with other rows
    than its worker reported is an error, never a short result. ``ticket``: another form of the
    endpoint's ticket (its relay ticket)."""
    import pyarrow as pa
    import pyarrow.flight as flight
    expected = _expected_rows(endpoint)
    batches, failures = [], 0
    while True:
        try:
            reader = client.do_get(endpoint.ticket if ticket is None else flight.Ticket(ticket))
            schema = reader.schema
            for _ in range(len(batches)):
                reader.read_chunk()
            while True:
                try:
                    chunk = reader.read_chunk()
                except StopIteration:
                    break
                batches.append(chunk.data)
            break
        except pa.ArrowException as e:
            failures += 1
            # a streamed partition is read once, while its task makes it: a broken one cannot resume
            # (a worker not reached before any batch is left to the caller, which may relay instead)
            if type(e).__name__ in _BROKEN and _streamed(endpoint) and (batches or type(e).__name__ not in _UNREACHABLE):
                raise _StreamLost("the result partition at %s was streamed from a worker that is gone or whose stream"
                                  " broke: %s" % (endpoint.locations[0].uri.decode() if endpoint.locations else
                                                  "the coordinator", e), "UNAVAILABLE") from e
            if type(e).__name__ not in _BROKEN or failures >= _READ_ATTEMPTS:
                raise
    table = pa.Table.from_batches(batches, schema=schema)
    if expected >= 0 and table.num_rows != expected:
        raise PolaroidError("the result partition at %s ended after %d of its %d rows: the stream was cut"
                            % ("the coordinator" if _on_answering_server(endpoint) else endpoint.locations[0].uri.decode(),
                               table.num_rows, expected), "UNAVAILABLE")
    return table


_STATUS = {"FlightUnauthenticatedError": "UNAUTHENTICATED", "ArrowInvalid": "INVALID_ARGUMENT", "ArrowKeyError": "NOT_FOUND", "ArrowNotImplementedError": "UNIMPLEMENTED",
           "FlightUnauthorizedError": "PERMISSION_DENIED", "FlightUnavailableError": "UNAVAILABLE",
           "FlightCancelledError": "CANCELLED", "FlightTimedOutError": "DEADLINE_EXCEEDED"}


def _error(e) -> PolaroidError:
    """The server's message without pyarrow's and gRPC's decorations, and the gRPC status as the code."""
    text = str(e)
    if "with message: " in text:
        text = text.split("with message: ", 1)[1]
    for marker in (". Detail:", "\ngRPC client debug context", ". gRPC client debug context"):
        text = text.split(marker)[0]
    return PolaroidError(text.strip(), _STATUS.get(type(e).__name__, "INTERNAL"))


class PortableBackend:
    """No server: the same plan runs in this process on pyarrow (datasets, compute and Acero)."""

    mode = BackendMode.PORTABLE

    def execute(self, frame):
        from polaroid.portable import run
        return run(frame.to_dict())

    def profile(self, frame):
        from polaroid.portable import profile
        return profile(frame.to_dict())

    def schema(self, frame):
        return self.execute(frame.head(0)).schema

    def explain(self, frame):
        return "== Plan (run on pyarrow) ==\n" + frame.to_json()


_mode: Optional[BackendMode] = None
_url: Optional[str] = None
_backend = None


def connect(url: str, token: Optional[str] = None, user: Optional[str] = None,
            password: Optional[str] = None, relay: bool = False, progress: bool = True) -> DistributedBackend:
    """Use the cluster at ``url`` (``grpc://host:50052``) for every query from now on, presenting ``token``
    (default: ``POLAROID_TOKEN``, ``POLAROID_TOKEN_FILE`` or ``~/.polaroid/token``), or ``user`` and
    ``password`` through Flight's basic-auth handshake. ``relay=True`` reads every result through the
    coordinator, for a client that reaches only it (``kubectl port-forward``); without it, results come
    from the workers until one cannot be reached, and through the coordinator from then on. A query that runs
    longer than about two seconds draws a progress line on stderr (on a terminal or in a notebook);
    ``progress=False`` turns it off."""
    global _backend, _mode, _url
    _url, _mode = url, BackendMode.DISTRIBUTED
    _backend = DistributedBackend(url, token=token, user=user, password=password, relay=relay, progress=progress)
    return _backend


def set_backend_mode(mode) -> None:
    """``"distributed"`` (needs ``connect(url)`` or ``POLAROID_URL``) or ``"portable"``."""
    global _mode, _backend
    _mode = BackendMode(mode)
    _backend = None


def get_backend():
    """The backend in use: ``POLAROID_MODE`` or ``set_backend_mode`` decide; by default, the cluster at
    ``POLAROID_URL`` when it answers, otherwise portable."""
    global _backend
    if _backend is not None:
        return _backend
    mode = _mode or (BackendMode(os.environ["POLAROID_MODE"].strip().lower()) if os.environ.get("POLAROID_MODE") else None)
    url = _url or os.environ.get("POLAROID_URL")
    if mode == BackendMode.PORTABLE:
        _backend = PortableBackend()
    elif mode == BackendMode.DISTRIBUTED:
        if not url:
            raise PolaroidError("distributed mode needs a cluster: polaroid.connect(url) or POLAROID_URL", "INVALID_PLAN")
        _backend = DistributedBackend(url)
    else:
        candidate = DistributedBackend(url) if url else None
        _backend = candidate if candidate is not None and candidate.ping() else PortableBackend()
    return _backend


def get_backend_for(backend):
    return backend if backend is not None else get_backend()
