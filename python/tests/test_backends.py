"""Backend selection as in the original design's router, and the portable backend's errors."""
import pytest

import polaroid as pl
from polaroid import backend as b


@pytest.fixture(autouse=True)
def fresh_selection(monkeypatch):
    monkeypatch.setattr(b, "_mode", None)
    monkeypatch.setattr(b, "_url", None)
    monkeypatch.setattr(b, "_backend", None)
    monkeypatch.delenv("POLAROID_MODE", raising=False)
    monkeypatch.delenv("POLAROID_URL", raising=False)


def test_without_a_url_the_backend_is_portable():
    assert pl.get_backend().mode == pl.BackendMode.PORTABLE


def test_a_url_that_does_not_answer_falls_back_to_portable(monkeypatch):
    monkeypatch.setenv("POLAROID_URL", "grpc://127.0.0.1:1")
    assert pl.get_backend().mode == pl.BackendMode.PORTABLE


def test_a_url_that_answers_is_distributed(monkeypatch, cluster):
    monkeypatch.setenv("POLAROID_URL", cluster.url)
    assert pl.get_backend().mode == pl.BackendMode.DISTRIBUTED


def test_polaroid_mode_and_set_backend_mode_decide(monkeypatch, cluster):
    monkeypatch.setenv("POLAROID_URL", cluster.url)
    monkeypatch.setenv("POLAROID_MODE", "portable")
    assert pl.get_backend().mode == pl.BackendMode.PORTABLE
    pl.set_backend_mode("distributed")
    assert pl.get_backend().mode == pl.BackendMode.DISTRIBUTED


def test_distributed_without_a_url_says_what_it_needs():
    pl.set_backend_mode("distributed")
    with pytest.raises(pl.PolaroidError, match="POLAROID_URL"):
        pl.get_backend()


def test_portable_errors_name_the_column_or_the_function(tpch):
    data, _ = tpch
    orders = pl.scan_parquet(str(data / "orders.parquet"), backend=pl.PortableBackend())
    with pytest.raises(pl.PolaroidError, match="o_totalprize.*o_totalprice"):
        orders.filter(pl.col("o_totalprize") > 1).collect()
    with pytest.raises(pl.PolaroidError, match="teleport"):
        orders.select(pl.col("o_totalprice")._call("teleport")).collect()
    with pytest.raises(pl.PolaroidError, match="missing.parquet"):
        pl.scan_parquet("missing.parquet", backend=pl.PortableBackend()).collect()


def test_a_dataframe_prints_as_a_table_and_converts(tpch):
    data, _ = tpch
    df = pl.scan_parquet(str(data / "nation.parquet"), backend=pl.PortableBackend()).head(3).collect()
    text = repr(df)
    assert text.startswith("shape: (3, 4)") and "n_name" in text
    assert df.to_arrow().num_rows == 3
