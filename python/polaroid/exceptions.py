"""Polars' exception classes. Polaroid's errors are ``PolaroidError`` (``PolarsError`` here), raised as the
subclass Polars raises for the same failure: a missing column is a ``ColumnNotFoundError``, a type an
operation does not take a ``SchemaError``, what a backend cannot do an ``InvalidOperationError``, a
failure while computing a ``ComputeError``. Code catching ``PolaroidError`` catches them all."""
from __future__ import annotations

import re

from polaroid.backend import PolaroidError

PolarsError = PolaroidError


class ColumnNotFoundError(PolaroidError):
    """A column name that is not in the frame."""


class ComputeError(PolaroidError):
    """A failure while computing a result."""


class DuplicateError(PolaroidError):
    """Two columns of one name."""


class InvalidOperationError(PolaroidError):
    """An operation that does not apply (to this type, or on this backend)."""


class NoDataError(PolaroidError):
    """No data where some is needed."""


class OutOfBoundsError(PolaroidError):
    """An index outside the data."""


class SchemaError(PolaroidError):
    """Types that do not fit the operation."""


class SchemaFieldNotFoundError(SchemaError):
    """A field name that is not in the schema."""


class ShapeError(PolaroidError):
    """Data of shapes that do not fit together."""


class StructFieldNotFoundError(PolaroidError):
    """A struct field name that is not in the struct."""


class SQLSyntaxError(PolaroidError):
    """SQL text that does not parse: the message gives the line, the column and what was expected."""


class SQLInterfaceError(PolaroidError):
    """A SQL statement outside the dialect (Polaroid's SQL reads data)."""


class PolarsWarning(Warning):
    """Polars' base warning."""


class PerformanceWarning(PolarsWarning):
    """Something that works but runs slowly."""


# Error codes (the engine's, and the gRPC statuses the Python client sees) to Polars' classes.
_BY_CODE = {"COLUMN_NOT_FOUND": ColumnNotFoundError, "DUPLICATE_COLUMN": DuplicateError,
            "TYPE_MISMATCH": SchemaError, "NOT_SUPPORTED": InvalidOperationError,
            "UNIMPLEMENTED": InvalidOperationError, "INVALID_VALUE": ComputeError, "INVALID_DATA": ComputeError,
            "INVALID_PLAN": ComputeError, "INVALID_ARGUMENT": ComputeError, "PARSE_ERROR": ComputeError}
# Over the wire only the status arrives; the engine's messages say which failure it was.
_BY_MESSAGE = [(re.compile(r"^SQL syntax error"), SQLSyntaxError),
               (re.compile(r"Polaroid's SQL reads data"), SQLInterfaceError),
               (re.compile(r"^conversion from `[^`]*` to `[^`]*` failed"), InvalidOperationError),  # as Polars
               (re.compile(r"column '.*' not found"), ColumnNotFoundError),
               (re.compile(r"struct\.field: no field"), StructFieldNotFoundError),
               (re.compile(r"multiple fields with name"), DuplicateError),
               (re.compile(r"different number of fields than the struct"), SchemaError),
               (re.compile(r"duplicate column|more than once|same name", re.I), DuplicateError),
               (re.compile(r"not supported|cannot run|does not support|has no \w+ type", re.I), InvalidOperationError)]


def error_class(message: str, code: str) -> type:
    """The class of a Polaroid error with this message and code."""
    for pattern, cls in _BY_MESSAGE:
        if pattern.search(message):
            return cls
    return _BY_CODE.get(code, PolaroidError)


__all__ = ["PolarsError", "PolaroidError", "ColumnNotFoundError", "ComputeError", "DuplicateError",
           "InvalidOperationError", "NoDataError", "OutOfBoundsError", "SchemaError", "SchemaFieldNotFoundError",
           "ShapeError", "StructFieldNotFoundError", "SQLInterfaceError", "SQLSyntaxError", "PolarsWarning",
           "PerformanceWarning"]
