"""Frames and Series to NumPy and pandas, and DataFrame.product on both backends, against Polars: the
same dtypes, memory order, values (NaN for integer nulls, None in object arrays) and names."""
import numpy as np
import pandas as pd
import polars
import pytest

import polaroid as pl
from parity import backend_named, same_table

DATA = {"a": [1, 2, None], "b": [1.5, 2.0, 3.0], "s": ["x", "y", None], "t": [True, False, None], "i": [4, 5, 6]}


def _same_array(actual, expected):
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    assert actual.flags.f_contiguous == expected.flags.f_contiguous
    if expected.dtype.names:
        assert actual.tolist() == expected.tolist() or str(actual.tolist()) == str(expected.tolist())
    elif expected.dtype == object:
        assert str(actual.tolist()) == str(expected.tolist())  # NaN is not equal to itself
    else:
        assert np.array_equal(actual, expected, equal_nan=True)


@pytest.mark.parametrize("convert", [
    lambda f: f.to_numpy(), lambda f: f.select("a", "b").to_numpy(), lambda f: f.select("i").to_numpy(order="c"),
    lambda f: f.to_numpy(structured=True), lambda f: f["a"].to_numpy(), lambda f: f["t"].to_numpy(),
    lambda f: f["s"].to_numpy(), lambda f: f["i"].to_numpy()])
def test_to_numpy_as_polars(convert):
    _same_array(convert(pl.DataFrame(DATA)), convert(polars.DataFrame(DATA)))


def test_to_pandas_as_polars():
    expected, actual = polars.DataFrame(DATA), pl.DataFrame(DATA)
    pd.testing.assert_frame_equal(actual.to_pandas(), expected.to_pandas())
    for name in DATA:
        pd.testing.assert_series_equal(actual[name].to_pandas(), expected[name].to_pandas())
        pd.testing.assert_series_equal(actual[name].to_pandas(use_pyarrow_extension_array=True),
                                       expected[name].to_pandas(use_pyarrow_extension_array=True))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_product_as_polars(cluster, backend):
    import pyarrow as pa
    table = pa.table(DATA)
    same_table(pl.DataFrame(table, backend=backend_named(backend, cluster)).product().to_arrow(),
               polars.from_arrow(table).product().to_arrow(), backend)
