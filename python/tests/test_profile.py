"""``LazyFrame.profile()`` on both backends: the result ``collect()`` gives and a timings frame like Polars'."""
import pytest

import polaroid as pl

COLUMNS = ["node", "start", "end", "rows", "batches", "time", "spilled_bytes"]


def _query(data, backend):
    return (pl.scan_parquet(str(data / "orders.parquet"), backend=backend)
            .filter(pl.col("o_totalprice") > 100000)
            .group_by("o_orderstatus").agg(pl.len().alias("n"))
            .sort("o_orderstatus"))


def test_portable_profile_times_every_node_root_first(tpch):
    data, _ = tpch
    query = _query(data, pl.PortableBackend())
    result, timings = query.profile()
    assert result.to_arrow().equals(query.collect().to_arrow())
    assert timings.columns == COLUMNS
    rows = timings.to_arrow().to_pylist()
    assert [r["node"] for r in rows] == ["sort", "  aggregate", "    filter", "      scan"]
    assert rows[0]["rows"] == result.height
    scan = rows[-1]
    assert scan["rows"] == pl.scan_parquet(str(data / "orders.parquet"), backend=pl.PortableBackend()).collect().height
    for r in rows:
        assert 0 <= r["start"] <= r["end"] and r["time"] == r["end"] - r["start"]
    assert rows[0]["start"] <= rows[-1]["start"] and rows[-1]["end"] <= rows[0]["end"], "a node runs inside its parent"


def test_distributed_profile_is_one_row_for_the_query(tpch, cluster):
    data, _ = tpch
    query = _query(data, pl.DistributedBackend(cluster.url))
    result, timings = query.profile()
    assert sorted(result.to_arrow().to_pylist(), key=str) == sorted(query.collect().to_arrow().to_pylist(), key=str)
    assert timings.columns == COLUMNS
    (row,) = timings.to_arrow().to_pylist()
    assert "on the cluster" in row["node"] and "stages" in row["node"]
    assert row["rows"] == result.height and row["end"] >= row["start"] == 0
    assert row["spilled_bytes"] == 0, "nothing spills with memory to spare"


def test_profile_options_follow_polars(tpch):
    data, _ = tpch
    query = _query(data, pl.PortableBackend())
    _, timings = query.profile(truncate_nodes=3)
    assert max(len(n) for n in timings["node"].to_list()) <= 3
    with pytest.raises(ValueError, match="matplotlib"):
        query.profile(show_plot=True)
