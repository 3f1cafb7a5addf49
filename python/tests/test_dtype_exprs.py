"""pl.dtype_of (Polars' DataTypeExpr) in casts, read from the frame on both backends, against Polars."""
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, lazy_like_polars

DATA = {"a": pa.array([1, 2, None]), "b": [1.5, 2.5, 3.0], "s": ["x", "y", "z"], "l": pa.array([[1], [2, 3], None])}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_casts_to_the_type_of_another_column_or_expression(cluster, backend):
    lazy_like_polars(backend_named(backend, cluster), DATA, lambda lib, t: t.with_columns(
        lib.col("a").cast(lib.dtype_of("b")).alias("a_as_b"),
        lib.col("b").cast(lib.dtype_of(lib.col("a") * 2)).alias("b_as_a"),
        lib.col("a").cast(lib.dtype_of("l").inner_dtype()).alias("a_as_item"),
        lib.col("a").cast(lib.dtype_of("a").wrap_in_list().inner_dtype()).alias("same")).filter(
        lib.col("b").cast(lib.dtype_of("a")) > 1))


def test_collect_dtype_from_a_frame_or_a_schema():
    import polars
    for lib in (polars, pl):
        frame = lib.DataFrame({"a": [1], "b": [0.5]})
        assert repr(lib.dtype_of(lib.col("a") + lib.col("b")).collect_dtype(frame)) == "Float64"
        assert repr(lib.dtype_of("a").collect_dtype({"a": lib.Int16})) == "Int16"
