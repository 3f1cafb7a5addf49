"""Frames and Series to NumPy and pandas as Polars gives them (NumPy and pandas are imported only when
asked for): an integer column with nulls becomes floats with NaN, booleans or strings with nulls an
object array, a frame one 2-D array of the columns' common type (Fortran order, as Polars)."""
from __future__ import annotations


def _refuse_masked(masked: bool) -> None:
    if masked:
        raise ValueError("to_numpy(masked=True): Polaroid gives NaN or None for nulls, not masked arrays")


class SeriesNumpy:
    """Mixed into ``Series`` (``self._values`` is its ``pyarrow.ChunkedArray``)."""

    def to_numpy(self, *, writable: bool = False, allow_copy: bool = True, masked: bool = False):
        _refuse_masked(masked)
        out = self._values.to_numpy()
        return out.copy() if writable and not out.flags.writeable else out

    def to_pandas(self, *, use_pyarrow_extension_array: bool = False, **kwargs):
        """A ``pandas.Series`` of the values, named as this Series."""
        import pandas as pd
        if use_pyarrow_extension_array:  # Polars' Arrow strings are large ones
            import pyarrow as pa
            values = self._values.cast(pa.large_string()) if pa.types.is_string(self._values.type) else self._values
            return pd.Series(pd.arrays.ArrowExtensionArray(values), name=self.name)
        return self._values.to_pandas(**kwargs).rename(self.name)


class DataFrameNumpy:
    """Mixed into ``DataFrame``: to NumPy, and ``product`` (its one whole-frame aggregation left)."""

    def to_numpy(self, *, order: str = "fortran", writable: bool = False, allow_copy: bool = True,
                 structured: bool = False, masked: bool = False):
        import numpy as np
        _refuse_masked(masked)
        columns = [c.to_numpy() for c in self._table.columns]
        if structured:
            return np.rec.fromarrays(columns, names=self._table.column_names).view(np.ndarray)
        if not columns:
            return np.empty((0, 0))
        out = np.column_stack(columns)
        return np.asfortranarray(out) if order == "fortran" else np.ascontiguousarray(out)

    def product(self):
        """One row: the product of each number or boolean column, a null for any other (as Polars)."""
        import pyarrow as pa
        from polaroid.expr import col, lit
        exprs = []
        for field in self._table.schema:
            t = field.type
            numeric = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t)
            exprs.append(col(field.name).product() if numeric else lit(None).alias(field.name))
        return self.lazy().select(exprs).collect()
