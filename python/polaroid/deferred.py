"""Polars' ``pl.defer``: a frame whose rows a Python function gives when the query runs. Until then
the plan holds an empty table of the declared schema (so types, schemas and plans are known without
calling it); ``collect`` replaces it with the function's frame, checked against that schema."""
from __future__ import annotations

from typing import Callable


class Deferred(dict):
    """The plan form: an ``inMemory`` body of the schema's empty table, carrying the function."""

    def __init__(self, function: Callable, schema, validate_schema: bool):
        from polaroid.frame import from_arrow
        super().__init__(from_arrow(schema.to_arrow().empty_table())._rel["inMemory"])
        self.function, self.schema, self.validate_schema = function, schema, validate_schema

    def rows(self) -> dict:
        """The ``inMemory`` body of the function's frame."""
        from polaroid.datatypes_more import Schema
        from polaroid.exceptions import SchemaError
        from polaroid.frame import from_arrow
        result = self.function()
        table = result if hasattr(result, "schema") and hasattr(result, "num_rows") else result.to_arrow()
        if self.validate_schema and Schema.from_arrow(table.schema) != self.schema:
            raise SchemaError("user provided schema: %r doesn't match the DataFrame schema: %r"
                              % (self.schema, Schema.from_arrow(table.schema)), "TYPE_MISMATCH")
        return from_arrow(table)._rel["inMemory"]


def defer(function: Callable, *, schema, validate_schema: bool = True):
    """A LazyFrame of the frame ``function()`` returns, called each time the query runs; ``schema`` (a
    mapping of names to types, or a function returning one) types it before that."""
    from polaroid.datatypes_more import Schema
    from polaroid.frame import LazyFrame
    declared = Schema(schema() if callable(schema) else schema)
    return LazyFrame({"inMemory": Deferred(function, declared, validate_schema)})


def materialized(frame):
    """``frame`` with the rows of each deferred function in its plan (``frame`` itself when none)."""
    from polaroid._wire import dicts, replaced
    if not any(isinstance(d, Deferred) for d in dicts(frame._rel)):
        return frame
    rel = replaced(frame._rel, lambda d: d.rows() if isinstance(d, Deferred) else None)
    return type(frame)(rel, frame._backend)
