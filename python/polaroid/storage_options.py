"""Polars' ``storage_options`` and ``credential_provider`` of ``scan_*``/``read_*``: how one scan reaches
its object store. The scan carries the options as ``storageOptions`` (the engine applies them to that
scan alone and refuses unknown keys); a credential provider stays in the plan on the client as a
:class:`ScanCredentials` and is called when the plan is sent (``resolve``), its credentials merged
over the options. The portable backend reads with ``pyarrow.fs.S3FileSystem`` (``s3_filesystem``)."""
from __future__ import annotations

import time

from polaroid.backend import PolaroidError

# Polars' (object_store's) spellings, by what they mean.
_KEYS = {
    "access_key": ("aws_access_key_id", "access_key_id"),
    "secret_key": ("aws_secret_access_key", "secret_access_key"),
    "session_token": ("aws_session_token", "session_token", "aws_token", "token"),
    "region": ("aws_region", "region", "aws_default_region", "default_region"),
    "endpoint_override": ("aws_endpoint_url", "aws_endpoint", "endpoint_url", "endpoint"),
    "allow_http": ("aws_allow_http", "allow_http"),
    "virtual_hosted": ("aws_virtual_hosted_style_request", "virtual_hosted_style_request"),
    "anonymous": ("aws_skip_signature", "skip_signature"),
}
_MEANING = {spelling: meaning for meaning, spellings in _KEYS.items() for spelling in spellings}
# Refreshed this many seconds before they expire.
_EXPIRY_MARGIN = 60


class ScanCredentials:
    """A scan's credential provider, called when the query is sent and again once its credentials expire."""

    def __init__(self, provider):
        self.provider = provider
        self._options: dict | None = None
        self._expiry: int | None = None

    def options(self) -> dict:
        if self._options is None or (self._expiry is not None and time.time() > self._expiry - _EXPIRY_MARGIN):
            found, expiry = self.provider()
            self._options, self._expiry = _strings(found), expiry
            region = getattr(self.provider, "region_name", None)
            if region is not None:
                self._options.setdefault("aws_region", region)
        return self._options


def scan_fields(storage_options, credential_provider) -> dict:
    """What a scan body gets for these arguments: ``storageOptions`` and a pending provider."""
    fields: dict = {}
    if storage_options:
        fields["storageOptions"] = _strings(storage_options)
    if credential_provider not in ("auto", None):
        if not callable(credential_provider):
            raise TypeError("credential_provider must be 'auto', None, a CredentialProvider or a function returning "
                            "(dict, expiry), not %r" % (credential_provider,))
        fields["credentialProvider"] = ScanCredentials(credential_provider)
    return fields


def resolve(node):
    """``node`` (a plan dict) with every scan's credential provider called and merged into its options;
    the same object when no scan has a provider."""
    if isinstance(node, dict):
        pending = node.get("credentialProvider")
        out = {k: resolve(v) for k, v in node.items() if k != "credentialProvider"}
        if pending is not None:
            merged = {**out.get("storageOptions", {}), **pending.options()}
            out["storageOptions"] = dict(sorted(merged.items()))
        return out if pending is not None or any(out[k] is not node[k] for k in out) else node
    if isinstance(node, list):
        out = [resolve(v) for v in node]
        return out if any(a is not b for a, b in zip(out, node)) else node
    return node


def _strings(options: dict) -> dict:
    return {str(k): ("true" if v is True else "false" if v is False else str(v))
            for k, v in sorted(options.items()) if v is not None}


def check(options: dict) -> None:
    """Fails naming the first key that is not an object-store setting, with the known ones."""
    for key in options:
        if key.lower() not in _MEANING:
            raise PolaroidError("unknown storage option '%s'; known: %s" % (key, sorted(_MEANING)), "INVALID_PLAN")


def s3_filesystem(options: dict):
    """A ``pyarrow.fs.S3FileSystem`` configured by Polars' storage options (as object_store: path-style
    requests unless ``aws_virtual_hosted_style_request``)."""
    import pyarrow.fs as pafs
    check(options)
    by = {_MEANING[k.lower()]: v for k, v in options.items()}
    kwargs: dict = {"force_virtual_addressing": _flag(by.get("virtual_hosted", "false"))}
    for name in ("access_key", "secret_key", "session_token", "region"):
        if name in by:
            kwargs[name] = by[name]
    endpoint = by.get("endpoint_override")
    if endpoint is not None:
        scheme, _, rest = endpoint.partition("://")
        kwargs["endpoint_override"], kwargs["scheme"] = (rest, scheme) if rest else (endpoint, "https")
        kwargs.setdefault("region", "us-east-1")
    if _flag(by.get("anonymous", "false")):
        kwargs["anonymous"] = True
    return pafs.S3FileSystem(**kwargs)


def object_path(path: str) -> str:
    """``bucket/key`` of ``s3://bucket/key`` or ``s3a://bucket/key``, as ``S3FileSystem`` names objects."""
    for prefix in ("s3://", "s3a://"):
        if path.startswith(prefix):
            return path[len(prefix):]
    return path


def _flag(value: str) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")
