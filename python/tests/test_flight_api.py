"""The server's Flight surface from plain pyarrow: named tables, schemas, cancel, and bad input."""
import pyarrow as pa
import pyarrow.flight as flight
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from conftest import plain_connect


def test_for_path_reads_a_whole_table_of_the_catalog(cluster, tpch):
    data, _ = tpch
    client = plain_connect(cluster.url)
    info = client.get_flight_info(flight.FlightDescriptor.for_path("nation"))
    table = plain_connect(info.endpoints[0].locations[0]).do_get(info.endpoints[0].ticket).read_all()
    assert table.equals(pq.read_table(data / "nation.parquet"), check_metadata=False) or \
        table.to_pylist() == pq.read_table(data / "nation.parquet").to_pylist()


def test_list_flights_lists_the_catalog_with_schemas(cluster, tpch):
    data, _ = tpch
    infos = {tuple(i.descriptor.path): i for i in plain_connect(cluster.url).list_flights()}
    assert set(infos) == {(t.encode(),) for t in ("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation",
                                                 "region")}
    assert infos[(b"nation",)].schema.names == pq.read_schema(data / "nation.parquet").names


def test_a_plan_scans_a_table_by_name(cluster):
    backend = pl.DistributedBackend(cluster.url)
    df = pl.scan_table("nation", backend=backend).filter(pl.col("n_regionkey") == 1).select("n_name").sort("n_name").collect()
    assert df["n_name"].to_list() == sorted(df["n_name"].to_list()) and df.height == 5


def test_get_schema_and_cancel(cluster, tpch):
    data, _ = tpch
    client = plain_connect(cluster.url)
    plan = pl.scan_parquet(str(data / "orders.parquet")).select("o_orderkey", "o_totalprice").to_json()
    schema = client.get_schema(flight.FlightDescriptor.for_command(plan)).schema
    assert schema.names == ["o_orderkey", "o_totalprice"]
    results = list(client.do_action(flight.Action("cancel", b"no-such-query")))
    assert results[0].body.to_pybytes().decode() == "not running: no-such-query"


def test_a_misspelled_column_names_it_and_the_columns_that_exist(cluster, tpch):
    data, _ = tpch
    frame = pl.scan_parquet(str(data / "orders.parquet"), backend=pl.DistributedBackend(cluster.url)) \
        .filter(pl.col("o_totalprize") > 100)
    with pytest.raises(pl.PolaroidError) as e:
        frame.collect()
    assert str(e.value) == "column 'o_totalprize' not found; available columns: [o_orderkey, o_custkey, o_orderstatus," \
        " o_totalprice, o_orderdate, o_orderpriority, o_clerk, o_shippriority, o_comment]"
    assert e.value.code == "INVALID_ARGUMENT"
    # The portable backend says it in the same words.
    with pytest.raises(pl.PolaroidError) as p:
        pl.scan_parquet(str(data / "orders.parquet"), backend=pl.PortableBackend()).filter(pl.col("o_totalprize") > 100).collect()
    assert str(p.value) == str(e.value)


def test_a_type_mismatch_is_an_error_with_the_servers_message(cluster, tpch):
    data, _ = tpch
    frame = pl.scan_parquet(str(data / "orders.parquet"), backend=pl.DistributedBackend(cluster.url)) \
        .filter(pl.col("o_orderdate") > "not a date")
    with pytest.raises(pl.PolaroidError) as e:
        frame.collect()
    assert "not a date" in str(e.value) and e.value.code == "INVALID_ARGUMENT"


def test_a_path_outside_the_data_roots_is_refused(cluster, tmp_path):
    with pytest.raises(flight.FlightUnauthorizedError) as e:
        plain_connect(cluster.url).get_flight_info(flight.FlightDescriptor.for_command(
            pl.scan_parquet(str(tmp_path / "secret.parquet")).to_json()))
    assert str(tmp_path / "secret.parquet") in str(e.value)


def test_malformed_json_sent_by_hand_is_invalid_argument(cluster):
    client = plain_connect(cluster.url)
    with pytest.raises(pa.ArrowInvalid) as e:
        client.get_flight_info(flight.FlightDescriptor.for_command(b'{"root": {"scan": '))
    assert "JSON" in str(e.value) and "root.scan" in str(e.value)
    # The server is still there (a streamed result: its size is known once read).
    info = client.get_flight_info(flight.FlightDescriptor.for_path("nation"))
    assert sum(plain_connect(ep.locations[0]).do_get(ep.ticket).read_all().num_rows for ep in info.endpoints) == 25


def test_an_unknown_table_names_the_tables_there_are(cluster):
    with pytest.raises(pa.ArrowKeyError) as e:
        plain_connect(cluster.url).get_flight_info(flight.FlightDescriptor.for_path("lineitems"))
    assert "lineitems" in str(e.value) and "lineitem" in str(e.value)


def test_explain_shows_the_stages_without_running(cluster, tpch):
    data, _ = tpch
    frame = pl.scan_parquet(str(data / "orders.parquet"), backend=pl.DistributedBackend(cluster.url)) \
        .group_by("o_orderstatus").agg(pl.len().alias("n"))
    text = frame.explain()
    assert "== Stages" in text and "Aggregate" in text
    assert frame.collect_schema().names() == ["o_orderstatus", "n"]


def test_an_in_memory_table_travels_inside_the_plan(cluster):
    table = pa.table({"id": [1, 2, 3], "name": ["one", "two", "three"]})
    for backend in (pl.DistributedBackend(cluster.url), pl.PortableBackend()):
        df = pl.from_arrow(table, backend=backend).filter(pl.col("id") > 1).sort("id").collect()
        assert df.rows() == [(2, "two"), (3, "three")]


def test_a_client_without_the_token_is_refused(cluster):
    with pytest.raises(flight.FlightUnauthenticatedError):
        list(flight.connect(cluster.url).list_flights())
    wrong = flight.FlightCallOptions(headers=[(b"authorization", b"Bearer not-the-token")])
    with pytest.raises(flight.FlightUnauthenticatedError):
        flight.connect(cluster.url).get_flight_info(flight.FlightDescriptor.for_path("nation"), wrong)


def test_a_result_ticket_is_only_good_with_the_token_that_ran_the_query(cluster):
    info = plain_connect(cluster.url).get_flight_info(flight.FlightDescriptor.for_path("nation"))
    endpoint = info.endpoints[0]
    assert endpoint.expiration_time is not None
    with pytest.raises(flight.FlightUnauthenticatedError):
        flight.connect(endpoint.locations[0]).do_get(endpoint.ticket).read_all()
    assert plain_connect(endpoint.locations[0]).do_get(endpoint.ticket).read_all().num_rows == 25
