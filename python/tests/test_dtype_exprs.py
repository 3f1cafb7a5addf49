"""Types known once the frame is, against Polars on both backends: pl.dtype_of and pl.struct_with_fields
(Polars' DataTypeExpr) in casts, pl.self_dtype as a Python function's return_dtype, the type predicates
(is_integer, ...) and pl.pipe_with_dtype / Expr.pipe_with_dtype choosing an expression by type."""
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


def _sum_or_concat(lib):
    """Polars' own example: the inputs summed, or concatenated when one is a string."""
    def choose(inputs):
        exprs = [e for e, _ in inputs]
        return lib.concat_str(exprs) if any(d == lib.String for _, d in inputs) else lib.sum_horizontal(exprs)
    return choose


PIPES = {
    "pl.pipe_with_dtype": lambda lib, t: t.select(ab=lib.pipe_with_dtype(["a", "b"], _sum_or_concat(lib)),
                                                 as_=lib.pipe_with_dtype(["a", "s"], _sum_or_concat(lib))),
    "per column of col(a, b)": lambda lib, t: t.select(
        lib.col("a", "b").pipe_with_dtype(lambda e, d: e * 2 if d.is_integer() else e.floor())),
    "per column of pl.all()": lambda lib, t: t.select(
        lib.pipe_with_dtype([lib.all().exclude("l")], lambda xs: xs[0][0] * 2 if xs[0][1].is_numeric()
                            else xs[0][0].str.to_uppercase())),
    "in an aggregation": lambda lib, t: t.group_by("s").agg(
        lib.col("a", "b").pipe_with_dtype(lambda e, d: e.sum() if d.is_integer() else e.max())).sort("s"),
    "a struct type made of types and dtype_of": lambda lib, t: t.select("a",
        lib.lit(None).cast(lib.struct_with_fields({"x": lib.Int64, "y": lib.dtype_of("s"),
                                                   "z": lib.struct_with_fields({"l": lib.dtype_of("l")})})).alias("n")),
}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(PIPES))
def test_expressions_chosen_by_type(cluster, backend, case):
    lazy_like_polars(backend_named(backend, cluster), DATA, PIPES[case], what=case)


def test_self_dtype_types_a_python_functions_result():  # Python functions run on the portable backend
    lazy_like_polars(pl.PortableBackend(), DATA, lambda lib, t: t.select(
        lib.col("a").map_batches(lambda s: s * 2, return_dtype=lib.self_dtype()),
        lib.col("b").map_elements(lambda v: [v], return_dtype=lib.self_dtype().wrap_in_list()).alias("bl")))


def test_self_dtype_elsewhere_is_refused_as_by_polars():
    frame = pl.from_arrow(pa.table(DATA), backend=pl.PortableBackend())
    with pytest.raises(pl.exceptions.InvalidOperationError, match="'self_dtype' cannot be used in this context"):
        frame.select(pl.col("a").cast(pl.self_dtype())).collect()
    with pytest.raises(TypeError, match="mapping item must be a datatype"):
        pl.struct_with_fields({"x": 1})


def test_type_predicates_match_polars():
    import polars
    for name in ["Int8", "UInt16", "Float32", "Decimal", "Date", "Datetime", "Duration", "Time", "List", "Struct",
                 "Array", "String", "Boolean", "Null", "Binary", "Categorical", "Float16"]:
        for predicate in ["is_decimal", "is_float", "is_integer", "is_nested", "is_numeric", "is_signed_integer",
                          "is_temporal", "is_unsigned_integer", "is_object", "is_extension"]:
            assert getattr(getattr(pl, name), predicate)() == getattr(getattr(polars, name), predicate)(), (name, predicate)
