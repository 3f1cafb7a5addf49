"""Polars' storage_options and credential providers of scan_*/read_* on both backends, against a real
S3-compatible server (moto) on loopback: the rows equal Polars' reading the same objects with the same
options, a credential provider is called when the query runs, and unknown keys are refused by name."""
import io
import socket

import polars
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import polaroid as pl
from conftest import S3_TEST_BUCKET
from parity import backend_named, same_table

KEY_ID, SECRET = "polaroid-key-id", "polaroid-secret-value"


@pytest.fixture(scope="module")
def s3():
    """A moto S3 server on 127.0.0.1 holding a Parquet and a CSV object; its storage options."""
    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = "http://127.0.0.1:%d" % port
    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
                          region_name="us-east-1")
    client.create_bucket(Bucket=S3_TEST_BUCKET)
    table = pa.table({"id": list(range(50)), "name": ["n%d" % (i % 7) for i in range(50)],
                      "x": [i * 0.5 if i % 5 else None for i in range(50)]})
    for key, write in (("t/rows.parquet", pq.write_table), ("t/rows.csv", pcsv.write_csv)):
        buffer = io.BytesIO()
        write(table, buffer)
        client.put_object(Bucket=S3_TEST_BUCKET, Key=key, Body=buffer.getvalue())
    yield {"aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET, "aws_endpoint_url": endpoint,
           "aws_region": "us-east-1"}
    server.stop()


def _url(key):
    return "s3://%s/t/%s" % (S3_TEST_BUCKET, key)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_storage_options_read_what_polars_reads(cluster, s3, backend, kind):
    path = _url("rows." + kind)
    expected = getattr(polars, "scan_" + kind)(path, storage_options=s3).sort("id").collect().to_arrow()
    lazy = getattr(pl, "scan_" + kind)(path, storage_options=s3, backend=backend_named(backend, cluster))
    same_table(lazy.sort("id").collect().to_arrow(), expected, (kind, backend))
    eager = getattr(pl, "read_" + kind)(path, storage_options=s3, backend=backend_named(backend, cluster))
    same_table(eager.sort("id").to_arrow(), expected, (kind, backend, "read"))


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_a_credential_function_is_called_at_collect_and_its_credentials_read(cluster, s3, backend):
    calls = []

    def credentials() -> pl.CredentialProviderFunctionReturn:
        calls.append(1)
        return {"aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET}, None

    endpoint = {k: s3[k] for k in ("aws_endpoint_url", "aws_region")}
    expected = polars.scan_parquet(_url("rows.parquet"), storage_options=endpoint,
                                   credential_provider=credentials).collect().to_arrow()
    calls.clear()
    lazy = pl.scan_parquet(_url("rows.parquet"), storage_options=endpoint, credential_provider=credentials,
                           backend=backend_named(backend, cluster))
    assert calls == []
    scan = lazy.to_dict()["root"]["scan"]
    assert scan["storageOptions"] == {**endpoint, "aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET}
    same_table(lazy.collect().to_arrow(), expected, backend)
    assert calls == [1], "called once and kept, as its credentials do not expire"


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_aws_provider_reads_the_profile_of_the_credentials_file(cluster, s3, backend, tmp_path, monkeypatch):
    pytest.importorskip("boto3")
    (tmp_path / "credentials").write_text("[reader]\naws_access_key_id = %s\naws_secret_access_key = %s\n"
                                          % (KEY_ID, SECRET))
    (tmp_path / "config").write_text("[profile reader]\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    provider = pl.CredentialProviderAWS(profile_name="reader")
    assert provider() == ({"aws_access_key_id": KEY_ID, "aws_secret_access_key": SECRET}, None)
    endpoint = {"aws_endpoint_url": s3["aws_endpoint_url"]}
    expected = polars.scan_parquet(_url("rows.parquet"), storage_options=endpoint,
                                   credential_provider=polars.CredentialProviderAWS(profile_name="reader"))
    lazy = pl.scan_parquet(_url("rows.parquet"), storage_options=endpoint, credential_provider=provider,
                           backend=backend_named(backend, cluster))
    same_table(lazy.collect().to_arrow(), expected.collect().to_arrow(), backend)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_an_unknown_storage_option_is_refused_naming_it_and_the_known_ones(cluster, s3, backend):
    lazy = pl.scan_parquet(_url("rows.parquet"), storage_options={**s3, "aws_teleport": "yes"},
                           backend=backend_named(backend, cluster))
    with pytest.raises(pl.PolaroidError, match=r"aws_teleport.*aws_secret_access_key") as failure:
        lazy.collect()
    assert SECRET not in str(failure.value)


def test_secrets_are_masked_in_the_servers_explain(cluster, s3):
    lazy = pl.scan_parquet(_url("rows.parquet"), storage_options=s3, backend=backend_named("distributed", cluster))
    text = lazy.explain()
    assert "rows.parquet" in text and SECRET not in text and KEY_ID not in text


def test_credential_provider_must_be_callable():
    with pytest.raises(TypeError, match="credential_provider"):
        pl.scan_parquet(_url("rows.parquet"), credential_provider="env")
    assert not hasattr(pl, "CredentialProviderAzure") and not hasattr(pl, "CredentialProviderGCP")
    assert pl.CredentialProviderFunctionReturn == polars.CredentialProviderFunctionReturn


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_local_paths_ignore_storage_options_as_polars(cluster, mixed_frame, s3, backend):
    expected = polars.scan_parquet(mixed_frame, storage_options=s3).collect().to_arrow()
    actual = pl.scan_parquet(mixed_frame, storage_options=s3, backend=backend_named(backend, cluster)).collect()
    same_table(actual.to_arrow(), expected, backend)


@pytest.mark.parametrize("backend", ["distributed", "portable"])
def test_aws_provider_assumes_a_role_and_reads_with_its_session_token(cluster, s3, backend, tmp_path, monkeypatch):
    """STS (moto's, named by the profile's endpoint_url) hands out temporary keys with a session token."""
    pytest.importorskip("boto3")
    (tmp_path / "credentials").write_text("[base]\naws_access_key_id = %s\naws_secret_access_key = %s\n"
                                          % (KEY_ID, SECRET))
    (tmp_path / "config").write_text("[profile base]\nregion = us-east-1\nendpoint_url = %s\n" % s3["aws_endpoint_url"])
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    role = {"RoleArn": "arn:aws:iam::123456789012:role/reader", "RoleSessionName": "polaroid-test"}
    provider = pl.CredentialProviderAWS(profile_name="base", assume_role=role)
    found, expiry = provider()
    assert set(found) == {"aws_access_key_id", "aws_secret_access_key", "aws_session_token"} and expiry is not None
    endpoint = {"aws_endpoint_url": s3["aws_endpoint_url"]}
    expected = polars.scan_parquet(_url("rows.parquet"), storage_options=endpoint,
                                   credential_provider=polars.CredentialProviderAWS(profile_name="base",
                                                                                    assume_role=role))
    lazy = pl.scan_parquet(_url("rows.parquet"), storage_options=endpoint, credential_provider=provider,
                           backend=backend_named(backend, cluster))
    assert lazy.to_dict()["root"]["scan"]["storageOptions"]["aws_session_token"]
    same_table(lazy.collect().to_arrow(), expected.collect().to_arrow(), backend)


def test_no_server_log_holds_a_secret(cluster, s3):
    """Last in this file: after every query above, the coordinator's and workers' logs hold no secret."""
    logs = [p.read_text(errors="replace") for p in cluster.logs.glob("*.log")]
    assert logs and not any(SECRET in text for text in logs)


