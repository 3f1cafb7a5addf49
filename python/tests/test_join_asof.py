"""join_asof, every strategy, with by groups, a tolerance, exact matches refused and differently named
keys, checked against Polars on both backends: the left rows in their order with the nearest right
row's values."""
import warnings

import polars
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from parity import same_table


@pytest.fixture(scope="module")
def sides(tpch):
    """Trades and quotes: sorted times with ties between the sides, groups, and nulls in values."""
    folder = tpch[0] / "asof"
    folder.mkdir(exist_ok=True)
    pq.write_table(pa.table({"t": pa.array([1, 5, 10, 12, 20, 20, 31, 40], pa.int64()),
                             "g": ["a", "b", "a", "a", "b", "a", "b", "a"],
                             "v": pa.array([1, 2, 3, 4, 5, 6, None, 8], pa.int64())}), folder / "trades.parquet")
    pq.write_table(pa.table({"t": pa.array([0, 5, 9, 11, 13, 20, 30, 33], pa.int64()),
                             "g": ["a", "b", "a", "a", "b", "b", "a", "b"],
                             "w": pa.array([10.0, 20.0, None, 40.0, 50.0, 55.0, 60.0, 70.0]),
                             "v": pa.array([7, 7, 7, 7, 7, 7, 7, 7], pa.int64())}), folder / "quotes.parquet")
    return str(folder / "trades.parquet"), str(folder / "quotes.parquet")


CASES = {
    "backward": dict(on="t"),
    "forward": dict(on="t", strategy="forward"),
    "nearest": dict(on="t", strategy="nearest"),
    "by group": dict(on="t", by="g"),
    "forward by group": dict(on="t", by="g", strategy="forward"),
    "nearest within a tolerance": dict(on="t", strategy="nearest", tolerance=1),
    "no exact matches": dict(on="t", allow_exact_matches=False),
    "keys of other names": dict(left_on="t", right_on="rt"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_join_asof_gives_polars_answer(cluster, sides, case):
    trades, quotes = sides
    options = CASES[case]

    def run(lib, **scan):
        right = lib.scan_parquet(quotes, **scan)
        if "right_on" in options:
            right = right.rename({"t": "rt"})
        return lib.scan_parquet(trades, **scan).join_asof(right, **options).collect().to_arrow()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Polars cannot check sortedness within by groups
        expected = run(polars)
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        same_table(run(pl, backend=backend), expected, "%s on %s" % (case, backend))


def test_an_eager_frame_joins_asof():
    left = pl.from_dict({"t": [1, 4], "a": ["x", "y"]})
    right = pl.from_dict({"t": [0, 3], "b": [10, 30]})
    assert left.join_asof(right, on="t").to_dict(as_series=False) == {"t": [1, 4], "a": ["x", "y"], "b": [10, 30]}
