"""What ``collect(engine=..., optimizations=...)`` accepts, as in Polars: ``"auto"``, ``"in-memory"``,
``"streaming"`` or an ``InMemoryEngine``/``StreamingEngine``, and ``QueryOptFlags``. Polaroid runs every
plan on its backend (the cluster streams batches anyway, and optimizes by its own rules), so these choose
nothing; they are checked as Polars checks them. ``CompatLevel`` is accepted where Polars takes it
(``to_arrow``, ``write_ipc``): Polaroid writes one Arrow form."""
from __future__ import annotations

import abc

_FLAGS = ("predicate_pushdown", "projection_pushdown", "simplify_expression", "slice_pushdown", "comm_subplan_elim",
          "comm_subexpr_elim", "cluster_with_columns", "check_order_observe", "fast_projection", "sort_collapse",
          "pre_partition_hive", "join_order", "row_estimate")


class Engine(abc.ABC):
    """An engine to run a query on (abstract, as in Polars)."""

    @abc.abstractmethod
    def name(self) -> str: ...


class InMemoryEngine(Engine):
    def __init__(self, *, monitoring: bool | None = None):
        self.monitoring = monitoring

    def name(self) -> str:
        return "in-memory"


class StreamingEngine(Engine):
    def __init__(self, *, monitoring: bool | None = None):
        self.monitoring = monitoring

    def name(self) -> str:
        return "streaming"


class GPUEngine(Engine):
    """Polars' GPU engine. Polaroid has no GPU: a query runs on its backend, as Polars falls back to the CPU
    for what the GPU cannot run; with ``raise_on_fail=True`` it fails instead, as Polars' then does."""

    def __init__(self, *, device: int | None = None, memory_resource=None, raise_on_fail: bool = False,
                 monitoring: bool = False, **kwargs):
        self.device, self.memory_resource, self.raise_on_fail = device, memory_resource, raise_on_fail
        self.config = kwargs

    def name(self) -> str:
        return "gpu"


def check_engine(engine) -> None:
    if isinstance(engine, GPUEngine) and engine.raise_on_fail:
        from polaroid.exceptions import InvalidOperationError
        raise InvalidOperationError("collect(engine=GPUEngine(raise_on_fail=True)): Polaroid has no GPU engine; "
                                    "without raise_on_fail the query runs on the CPU", "NOT_SUPPORTED")
    if isinstance(engine, Engine):
        return
    if engine == "gpu":
        return
    if engine not in ("auto", "in-memory", "streaming", "cpu"):
        raise ValueError("Invalid engine argument engine=%r" % (engine,))


class QueryOptFlags:
    """Which optimizations to run (all on by default). Polaroid's optimizer decides for itself."""

    def __init__(self, **flags):
        unknown = set(flags) - set(_FLAGS)
        if unknown:
            raise TypeError("QueryOptFlags has no flag %s" % ", ".join(sorted(unknown)))
        for name in _FLAGS:
            setattr(self, name, True if flags.get(name) is None else bool(flags[name]))
        self.type_coercion = self.type_check = True
        self.eager = self.streaming = False

    @staticmethod
    def none(**flags) -> "QueryOptFlags":
        return QueryOptFlags(**{**{n: False for n in _FLAGS}, **{k: v for k, v in flags.items() if v is not None}})

    def no_optimizations(self) -> None:
        for name in _FLAGS:
            setattr(self, name, False)

    def update(self, **flags) -> "QueryOptFlags":
        for name, value in flags.items():
            if name not in _FLAGS:
                raise TypeError("QueryOptFlags has no flag %s" % name)
            if value is not None:
                setattr(self, name, bool(value))
        return self

    def __eq__(self, other):
        return isinstance(other, QueryOptFlags) and vars(self) == vars(other)

    def __repr__(self):
        return "QueryOptFlags {\n" + "".join("    %s: %s\n" % (k, v) for k, v in vars(self).items()) + "}"


def check_collect(engine="auto", optimizations=None, background: bool = False) -> None:
    """Checks ``collect``'s options as Polars does."""
    check_engine(engine)
    if optimizations is not None and not isinstance(optimizations, QueryOptFlags):
        raise TypeError("optimizations is a pl.QueryOptFlags, not %r" % (optimizations,))
    if background:
        raise ValueError("collect(background=True) returns a handle to a running query in Polars; Polaroid runs "
                         "the query now (use collect_async for a future)")


class CompatLevel:
    """The Arrow form data leaves in: Polaroid writes one (plain strings and lists), at any level."""

    def __init__(self, version: int = 1):
        self._version = version

    @staticmethod
    def newest() -> "CompatLevel":
        return CompatLevel(1)

    @staticmethod
    def oldest() -> "CompatLevel":
        return CompatLevel(0)

    def __eq__(self, other):
        return isinstance(other, CompatLevel) and other._version == self._version

    def __hash__(self):
        return self._version

    def __repr__(self):
        return "<polaroid.CompatLevel: %d>" % self._version


def check_compat_level(level) -> None:
    if level is not None and not isinstance(level, (CompatLevel, bool)):
        raise TypeError("compat_level is a pl.CompatLevel, not %r" % (level,))
