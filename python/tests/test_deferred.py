"""pl.defer against Polars on both backends: the function runs when the query does (not for its schema),
its frame joins a plan like any other, and a frame that does not match the declared schema is refused."""
import polars
import pyarrow as pa
import pytest

import polaroid as pl
from parity import backend_named, same_table

KEYS = pa.table({"a": pa.array([1, 2, 3, 4], pa.int64()), "k": ["w", "x", "y", "z"]})


def _deferred(lib, calls):
    def rows():
        calls.append(1)
        return lib.DataFrame({"a": [2, 3, None, 4], "s": ["p", None, "r", "s"]})
    return lib.defer(rows, schema={"a": lib.Int64, "s": lib.String})


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_deferred_frame_runs_when_collected(cluster, backend):
    calls, expected_calls = [], []
    frame = _deferred(pl, calls)
    assert frame.collect_schema() == pl.Schema({"a": pl.Int64, "s": pl.String}) and calls == []
    query = pl.from_arrow(KEYS, backend=backend_named(backend, cluster)).join(frame.filter(pl.col("a") > 2), on="a")
    expected = polars.from_arrow(KEYS).lazy().join(_deferred(polars, expected_calls).filter(polars.col("a") > 2), on="a")
    same_table(query.sort("a").collect().to_arrow(), expected.sort("a").collect().to_arrow(), backend)
    assert len(calls) == len(expected_calls) == 1


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_frame_of_another_schema_is_refused_unless_asked_not_to(cluster, backend):
    table = pa.table({"a": pa.array([1], pa.int64())})
    on = pl.from_arrow(table, backend=backend_named(backend, cluster))
    wrong = pl.defer(lambda: pl.DataFrame(table), schema=lambda: {"a": pl.Int32})
    with pytest.raises(pl.exceptions.SchemaError, match="doesn't match the DataFrame schema"):
        on.join(wrong, how="cross").collect()
    unchecked = pl.defer(lambda: table, schema={"a": pl.Int32}, validate_schema=False)
    assert on.join(unchecked, how="cross").collect().to_dicts() == [{"a": 1, "a_right": 1}]
