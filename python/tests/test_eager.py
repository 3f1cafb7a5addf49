"""The eager DataFrame: the lazy frame's methods run at once on the frame's backend, and Polars'
accessors (item, row, iter_rows, to_dict, get_column, width, is_empty); checked against Polars."""
import math

import polars
import pytest

import polaroid as pl


def _steps(lib, df):
    key = lib.col("o_orderkey")
    small = df.filter(key < 200).select("o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice")
    return {
        "filter, with_columns, sort, head": small.with_columns((key * 2).alias("twice")).sort("o_custkey", "o_orderkey").head(7),
        "group_by agg": small.group_by("o_orderstatus").agg(lib.col("o_custkey").max().alias("top")).sort("o_orderstatus"),
        "group_by len": small.group_by("o_orderstatus").len().sort("o_orderstatus"),
        "join two eager frames": small.join(small.select("o_orderkey", lib.col("o_custkey").alias("c2")), on="o_orderkey")
        .sort("o_orderkey").head(5),
        "unique, rename, drop": small.select("o_orderstatus").unique().rename({"o_orderstatus": "s"}).sort("s"),
        "slice": small.sort("o_orderkey").slice(3, 4).drop("o_totalprice"),
    }


def _rows(df):
    return [tuple(float(v) if isinstance(v, float) else v for v in r) for r in df.iter_rows()]


@pytest.mark.parametrize("backend_name", ["distributed", "portable"])
def test_eager_frames_give_polars_answers(cluster, tpch, backend_name):
    path = str(tpch[0] / "orders.parquet")
    backend = pl.DistributedBackend(cluster.url) if backend_name == "distributed" else pl.PortableBackend()
    ours = _steps(pl, pl.read_parquet(path, backend=backend))
    theirs = _steps(polars, polars.read_parquet(path))
    for case, expected in theirs.items():
        actual = ours[case]
        assert actual.columns == expected.columns, case
        assert actual.shape == expected.shape, case
        for e, a in zip(expected.iter_rows(), actual.iter_rows()):
            assert all(math.isclose(x, y) if isinstance(x, float) else x == y for x, y in zip(e, a)), (case, e, a)


def test_accessors_match_polars(tpch):
    path = str(tpch[0] / "nation.parquet")
    ours, theirs = pl.read_parquet(path, backend=pl.PortableBackend()), polars.read_parquet(path)
    assert ours.width == theirs.width and ours.height == theirs.height and not ours.is_empty()
    assert ours.row(3) == theirs.row(3)
    assert ours.item(2, "n_name") == theirs.item(2, "n_name")
    assert ours.select(pl.col("n_nationkey").max()).item() == theirs.select(polars.col("n_nationkey").max()).item()
    assert ours.to_dict(as_series=False) == theirs.to_dict(as_series=False)
    assert ours.get_column("n_name").to_list() == theirs.get_column("n_name").to_list()
    assert ours.estimated_size() > 0
    with pytest.raises(ValueError, match="1x1"):
        ours.item()


FRAME = {"a": [1, None, 3, 7], "s": ["x", None, "z", "x"], "f": [1.5, 2.5, None, -4.0]}


@pytest.mark.parametrize("method", ["sum", "mean", "median", "std", "var", "max", "min", "count", "null_count",
                                    "drop_nulls", "first", "top_k", "bottom_k", "drop_nulls on a subset"])
def test_whole_frame_shorthands_like_polars(cluster, method):
    import pyarrow as pa
    call = {"top_k": lambda lf: lf.top_k(2, by="a"), "bottom_k": lambda lf: lf.bottom_k(2, by="f"),
            "drop_nulls on a subset": lambda lf: lf.drop_nulls("a")}.get(method, lambda lf: getattr(lf, method)())
    table = pa.table(FRAME)
    expected = call(polars.from_arrow(table).lazy()).collect()
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        actual = call(pl.from_arrow(table, backend=backend)).collect()
        assert actual.columns == expected.columns, (method, backend)
        assert actual.rows() == [tuple(r) for r in expected.rows()] or all(
            all((x is None and y is None) or (isinstance(x, float) and math.isclose(x, y)) or x == y for x, y in zip(a, e))
            for a, e in zip(actual.rows(), expected.rows())), (method, backend, actual.rows(), expected.rows())
        assert len(actual.rows()) == len(expected.rows())
    assert pl.from_arrow(table).width == 3


def test_eager_conveniences_like_polars(tmp_path):
    import pyarrow as pa
    table = pa.table(FRAME)
    ours, theirs = pl.DataFrame(table), polars.from_arrow(table)
    assert ours.tail(2).rows() == theirs.tail(2).rows()
    assert ours.vstack(ours).height == theirs.vstack(theirs).height == 8
    assert ours.hstack([pl.Series("b", [1, 2, 3, 4])]).columns == theirs.hstack([polars.Series("b", [1, 2, 3, 4])]).columns
    assert ours.clear().height == theirs.clear().height == 0 and ours.clear().columns == theirs.clear().columns
    assert ours.equals(ours.clone()) and ours.rechunk().n_chunks() == theirs.rechunk().n_chunks()
    ours.write_parquet(tmp_path / "a.parquet")
    assert polars.read_parquet(tmp_path / "a.parquet").rows() == theirs.rows()
    assert pl.read_csv(str(_write(tmp_path / "a.csv", ours.write_csv()))).height == theirs.height
    assert ours.sum().rows() == [tuple(r) for r in theirs.sum().rows()]


def _write(path, text):
    path.write_text(text)
    return path
