"""A value that cannot be represented fails the query as in Polars (issue 13, bad input): an
InvalidOperationError naming the conversion, the column and the value, the same on both backends."""
import decimal

import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named

DATA = {"x": pa.array([1.0, 1e30], pa.float64()), "s": ["2024-01-01", "nope"], "d": pa.array([1.5, 12345.5]),
        "i": pa.array([1, 2 ** 40], pa.int64()), "n": ["7", "seven"],
        "m": pa.array([decimal.Decimal("1.50"), decimal.Decimal("12345.50")], pa.decimal128(10, 2))}
CASES = {
    "a float beyond Int32": (lambda lib: lib.col("x").cast(lib.Int32), "1e30|1.0000e30|1e+30"),
    "an integer beyond Int32": (lambda lib: lib.col("i").cast(lib.Int32), "1099511627776"),
    "text that is not a date": (lambda lib: lib.col("s").str.to_date(), "nope"),
    "text that is not a date in the format": (lambda lib: lib.col("s").str.to_date("%Y-%m-%d"), "nope"),
    "a float too large for the decimal": (lambda lib: lib.col("d").cast(lib.Decimal(4, 2)), "12345.5"),
    "a decimal too large for the decimal": (lambda lib: lib.col("m").cast(lib.Decimal(4, 2)), "12345.5"),
    "text that is not a number": (lambda lib: lib.col("n").cast(lib.Int64), "seven"),
}


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_value_that_cannot_be_represented_fails_naming_column_and_value(cluster, backend, case):
    build, value = CASES[case]
    column = build(polars).meta.root_names()[0]
    with pytest.raises(polars.exceptions.InvalidOperationError):
        polars.DataFrame(DATA).select(build(polars))
    frame = pl.from_arrow(pa.table(DATA), backend=backend_named(backend, cluster))
    with pytest.raises(pl.exceptions.InvalidOperationError) as failure:
        frame.select(build(pl)).collect()
    message = str(failure.value)
    assert "column '%s'" % column in message, message
    assert any(v in message for v in value.split("|")), message


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("op", ["/", "//"])
def test_a_decimal_divided_by_zero_fails_as_in_polars(cluster, backend, op):
    data = {"a": pa.array([decimal.Decimal("1.50"), None], pa.decimal128(10, 2)),
            "b": pa.array([decimal.Decimal("0.00"), decimal.Decimal("0.00")], pa.decimal128(10, 2))}
    divide = (lambda lib: lib.col("a") / lib.col("b")) if op == "/" else (lambda lib: lib.col("a") // lib.col("b"))
    with pytest.raises(polars.exceptions.ComputeError, match="division by zero"):
        polars.DataFrame(pa.table(data)).select(divide(polars))
    with pytest.raises(pl.exceptions.ComputeError, match="division by zero"):
        pl.from_arrow(pa.table(data), backend=backend_named(backend, cluster)).select(divide(pl)).collect()
