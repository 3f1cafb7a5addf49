"""The progress line of queries on the cluster: drawn in place on stderr once a query runs a while, wiped at
its end, fed by the coordinator's ``status`` action for a query the client named."""
import io
import json
import time
import uuid

import pyarrow.flight as flight

import polaroid as pl
import polaroid.progress as progress
from conftest import plain_connect


def _running(done, total):
    return {"state": "RUNNING", "stagesDone": done, "stagesTotal": total, "tasksDone": 4 * done,
            "tasksTotal": 4 * total, "rows": "1234567", "bytes": "1572864"}


def test_the_line_names_stages_tasks_rows_bytes_and_time():
    assert progress.format_line(None, 0.5) == "polaroid: planning ... 0.5 s"
    line = progress.format_line(dict(_running(1, 2), tasksRetried=3), 2.5)
    assert line == "polaroid: stages 1/2  tasks 4/8 (3 retried)  rows 1,234,567  1.5 MB  2.5 s"
    spilling = progress.format_line(dict(_running(1, 2), spilledBytes="3221225472"), 2.5)
    assert spilling == "polaroid: stages 1/2  tasks 4/8  rows 1,234,567  1.5 MB  spilled 3.00 GB  2.5 s"


def test_a_short_query_draws_nothing():
    out = io.StringIO()
    with progress.ProgressLine("q", lambda _: _running(1, 2), out, after=5, every=0.01):
        pass
    assert out.getvalue() == ""


def test_a_long_query_redraws_one_line_and_wipes_it():
    out = io.StringIO()
    states = iter([None] + [_running(1, 3)] * 3 + [_running(2, 3)] * 1000)
    with progress.ProgressLine("q", lambda _: next(states), out, after=0, every=0.01):
        deadline = time.monotonic() + 10
        while "stages 2/3" not in out.getvalue():
            assert time.monotonic() < deadline, out.getvalue()
            time.sleep(0.01)
    text = out.getvalue()
    assert "\n" not in text and text.startswith("\rpolaroid: planning ...")
    assert "stages 1/3  tasks 4/12" in text and "rows 1,234,567  1.5 MB" in text
    assert text.endswith("\r") and text.rstrip("\r").endswith(" ")


def test_no_line_without_a_terminal():
    assert not progress.wanted(True, io.StringIO())
    assert not progress.wanted(False)


def test_a_named_query_is_followed_with_the_status_action(cluster):
    client = plain_connect(cluster.url)
    query_id = "named-%s" % uuid.uuid4()
    options = flight.FlightCallOptions(headers=[(progress.QUERY_ID_HEADER, query_id.encode())])
    client.get_flight_info(flight.FlightDescriptor.for_path("nation"), options)
    status = progress.status_action(client, flight, flight.FlightCallOptions())(query_id)
    # a streamed result's query runs on while its client reads it
    assert status["queryId"] == query_id and status["state"] in ("RUNNING", "SUCCEEDED") and status["stagesTotal"] >= 1
    assert progress.status_action(client, flight, flight.FlightCallOptions())("no-such-query") is None


def test_a_cluster_query_draws_its_progress_on_stderr(cluster, tpch, monkeypatch, capsys):
    data, _ = tpch
    monkeypatch.setattr(progress, "wanted", lambda asked, stream=None: asked)
    monkeypatch.setattr(progress, "AFTER_SECONDS", 0)
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.005)
    backend = pl.DistributedBackend(cluster.url)
    got = pl.scan_parquet(str(data / "lineitem.parquet"), backend=backend).group_by("l_returnflag") \
        .agg(pl.col("l_quantity").sum()).collect()
    assert got.height == 3
    drawn = capsys.readouterr().err
    assert drawn.startswith("\rpolaroid: ") and drawn.endswith("\r"), drawn
    quiet = pl.DistributedBackend(cluster.url, progress=False)
    pl.scan_parquet(str(data / "nation.parquet"), backend=quiet).collect()
    assert capsys.readouterr().err == ""
    json.dumps(drawn)  # printable as it is
