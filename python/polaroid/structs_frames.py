"""``unnest`` of lazy and eager frames and ``DataFrame.to_struct``: a select of ``struct.field`` calls
built from the frame's schema, so every backend runs it with the functions it has."""
from __future__ import annotations


def _unnest_exprs(schema, columns, more_columns) -> list:
    """Every column of ``schema`` (a pyarrow schema), the struct ones in ``columns`` replaced by their fields."""
    import pyarrow as pa
    from polaroid.backend import PolaroidError
    from polaroid.expr import col
    wanted = [columns] if isinstance(columns, str) else list(columns)
    wanted += list(more_columns)
    names = [f.name for f in schema]
    for c in wanted:
        if c not in names:
            raise PolaroidError("unnest: column '%s' not found; the columns are %s" % (c, names), "COLUMN_NOT_FOUND")
        if not pa.types.is_struct(schema.field(c).type):
            raise PolaroidError("unnest: column '%s' is of type %s, not a struct" % (c, schema.field(c).type),
                                "TYPE_MISMATCH")
    out = []
    for f in schema:
        if f.name in wanted:
            out.extend(col(f.name).struct.field(inner.name) for inner in f.type)
        else:
            out.append(col(f.name))
    return out


class LazyStructs:
    """Mixed into ``LazyFrame``."""

    def unnest(self, columns, *more_columns, separator: str | None = None):
        """Each struct column of ``columns`` replaced by its fields, in place (Polars' ``unnest``)."""
        if separator is not None:
            raise ValueError("unnest(separator=...): fields keep their own names here")
        return self.select(_unnest_exprs(self._arrow_schema(), columns, more_columns))


class EagerStructs:
    """Mixed into ``DataFrame``."""

    def unnest(self, columns, *more_columns, separator: str | None = None):
        """Each struct column of ``columns`` replaced by its fields, in place (Polars' ``unnest``)."""
        return self.lazy().unnest(columns, *more_columns, separator=separator).collect()

    def to_struct(self, name: str = ""):
        """The rows as one struct Series named ``name``, a field per column."""
        from polaroid.structs import struct
        return self.lazy().select(struct(*self.columns).alias(name)).collect().to_series()
