"""Polars' credential providers: callables that give object-store credentials as ``(dict, expiry)``.
A scan's provider is called on the client when the query runs; what it gives becomes storage options
of that scan (``storage_options.py``)."""
from __future__ import annotations

import abc
import importlib.util
from datetime import datetime
from collections.abc import Callable
from typing import Any, Optional, Union

# Polars' aliases, spelled so Python 3.9 evaluates them (equal to Polars' ``int | None`` forms)
CredentialProviderFunctionReturn = tuple[dict[str, str], Optional[int]]


class CredentialProvider(abc.ABC):
    """Base class for credential providers."""

    @abc.abstractmethod
    def __call__(self) -> CredentialProviderFunctionReturn:
        """Fetches the credentials."""


CredentialProviderFunction = Union[Callable[[], CredentialProviderFunctionReturn], CredentialProvider]


class CredentialProviderAWS(CredentialProvider):
    """AWS credentials of a profile (``~/.aws/credentials``, ``AWS_SHARED_CREDENTIALS_FILE``) or of an
    assumed role, found by boto3 as Polars does. Using this requires the ``boto3`` package."""

    profile_name: Optional[str]
    region_name: Optional[str]
    assume_role: Optional[dict]

    def __init__(self, *, profile_name: Optional[str] = None, region_name: Optional[str] = None,
                 assume_role: Optional[dict] = None) -> None:
        if importlib.util.find_spec("boto3") is None:
            raise ImportError("boto3 must be installed to use `CredentialProviderAWS`")
        self.profile_name = profile_name
        self.region_name = region_name
        self.assume_role = assume_role

    def __call__(self) -> CredentialProviderFunctionReturn:
        import boto3
        session = boto3.Session(profile_name=self.profile_name, region_name=self.region_name)
        if self.assume_role is not None:
            creds = session.client("sts").assume_role(**self.assume_role)["Credentials"]
            if creds["Expiration"].tzinfo is None:
                raise ValueError("expiration time in STS response did not contain timezone information")
            return {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
                    "aws_session_token": creds["SessionToken"]}, int(creds["Expiration"].timestamp())
        creds = session.get_credentials()
        if creds is None:
            raise self.EmptyCredentialError("did not receive any credentials from boto3.Session.get_credentials()")
        found: dict[str, Any] = {"aws_access_key_id": creds.access_key, "aws_secret_access_key": creds.secret_key}
        if creds.token is not None:
            found["aws_session_token"] = creds.token
        expiry = getattr(creds, "_expiry_time", None)
        return found, int(expiry.timestamp()) if isinstance(expiry, datetime) else None

    class EmptyCredentialError(Exception):
        """Raised when boto3 finds no credentials."""
