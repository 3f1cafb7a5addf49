"""Polars' rules for ``scan_parquet(schema=...)``: the file's columns must have the schema's types, unless
``cast_options=pl.ScanCastOptions(...)`` allows the cast (integers and floats widened or narrowed,
nanosecond datetimes coarsened, time zones converted, categoricals read as strings); a column the file
lacks fails unless ``missing_columns="insert"`` (then it is null), and a column the schema lacks fails
unless ``extra_columns="ignore"``. The errors are Polars' own, with its hints."""
from __future__ import annotations

_WIDTH = {"INT8": 8, "INT16": 16, "INT32": 32, "INT64": 64, "UINT8": 8, "UINT16": 16, "UINT32": 32, "UINT64": 64}


def _options(value) -> set:
    return {value} if isinstance(value, str) else set(value)


class ScanCastOptions:
    """Which casts a scan may make to reach the schema it was given (each a name or a list of names)."""

    def __init__(self, *, integer_cast="forbid", float_cast="forbid", datetime_cast="forbid",
                 missing_struct_fields="raise", extra_struct_fields="raise", categorical_to_string="forbid",
                 _internal_call: bool = False):
        self.integer_cast, self.float_cast = _options(integer_cast), _options(float_cast)
        self.datetime_cast = _options(datetime_cast)
        self.missing_struct_fields, self.extra_struct_fields = missing_struct_fields, extra_struct_fields
        self.categorical_to_string = categorical_to_string


def _refusal(have, want, options: ScanCastOptions) -> str | None:
    """Why the file's type ``have`` may not be read as ``want`` (None when it may)."""
    h, w = have.to_dict(), want.to_dict()

    def needs(option: str, value: str, allowed: set):
        return None if value in allowed else "hint: pass cast_options=pl.ScanCastOptions(%s='%s')" % (option, value)
    unsafe = "incoming dtype cannot safely cast to target dtype"
    if have.is_integer() and want.is_integer():
        signed_to_unsigned = have.is_signed_integer() and want.is_unsigned_integer()
        wider = _WIDTH[w["id"]] > _WIDTH[h["id"]] or (_WIDTH[w["id"]] == _WIDTH[h["id"]] and have == want)
        same_kind = have.is_signed_integer() == want.is_signed_integer()
        if signed_to_unsigned or not wider or (not same_kind and _WIDTH[w["id"]] <= _WIDTH[h["id"]]):
            return unsafe
        return needs("integer_cast", "upcast", options.integer_cast)
    if have.is_integer() and want.is_float():
        return needs("integer_cast", "allow-float", options.integer_cast)
    if have.is_float() and want.is_float():
        upcast = h["id"] in ("FLOAT16", "FLOAT32") and w["id"] == "FLOAT64" or h["id"] == "FLOAT16"
        return needs("float_cast", "upcast" if upcast else "downcast", options.float_cast)
    if h["id"] == w["id"] == "TIMESTAMP":
        if h.get("timeZone") != w.get("timeZone"):
            refused = needs("datetime_cast", "convert-timezone", options.datetime_cast)
            if refused or h["unit"] == w["unit"]:
                return refused
        return unsafe if h["unit"] != "NANOSECOND" else needs("datetime_cast", "nanosecond-downcast",
                                                                 options.datetime_cast)
    if h["id"] == "CATEGORICAL" and w["id"] == "UTF8":
        return needs("categorical_to_string", "allow", {options.categorical_to_string})
    return ""


def conform(frame, schema, cast_options: ScanCastOptions | None, missing_columns: str, extra_columns: str):
    """``frame`` (a scan) read as ``schema`` under Polars' rules, or the error Polars gives."""
    from polaroid.datatypes_more import Schema
    from polaroid.exceptions import ColumnNotFoundError, SchemaError
    from polaroid.expr import col, lit
    incoming, target = frame.collect_schema(), Schema(schema)
    options = cast_options or ScanCastOptions()
    extra = [n for n in incoming.names() if n not in target]
    if extra and extra_columns != "ignore":
        raise SchemaError("extra column in file outside of expected schema: %s, hint: specify this column in the "
                          "schema, or pass extra_columns='ignore' in scan options" % extra[0], "TYPE_MISMATCH")
    exprs = []
    for name, want in target.items():
        if name not in incoming:
            if missing_columns != "insert":
                raise ColumnNotFoundError("did not find column %s, consider passing `missing_columns='insert'`"
                                          % name, "COLUMN_NOT_FOUND")
            exprs.append(lit(None).cast(want).alias(name))
            continue
        have = incoming[name]
        if have == want:
            exprs.append(col(name))
            continue
        refused = _refusal(have, want, options)
        if refused is not None:
            raise SchemaError("data type mismatch for column %s: incoming: %r != target: %r%s"
                              % (name, have, want, ", " + refused if refused else ""), "TYPE_MISMATCH")
        value = col(name)
        if getattr(want, "time_zone", None) and getattr(have, "time_zone", None) != want.time_zone:
            value = value.dt.convert_time_zone(want.time_zone)
        exprs.append(value.cast(want).alias(name))
    return frame.select(exprs)
