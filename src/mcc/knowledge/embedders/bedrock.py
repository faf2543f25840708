"""Amazon Bedrock Titan embeddings over httpx, with a stdlib SigV4 signer (no boto3 needed)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import numpy as np

from mcc.knowledge.embedders.base import (
    EmbedderError,
    EmbedderUnavailableError,
    FloatArray,
    first_row,
)
from mcc.knowledge.embedders.http import as_matrix


@dataclass(frozen=True)
class AwsCredentials:
    access_key_id: str
    secret_access_key: str
    session_token: str | None = None

    @classmethod
    def from_env(cls) -> AwsCredentials | None:
        key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
        if not key or not secret:
            return None
        return cls(key, secret, os.environ.get("AWS_SESSION_TOKEN") or None)


def sigv4_headers(
    *,
    method: str,
    url: httpx.URL,
    body: bytes,
    credentials: AwsCredentials,
    region: str,
    service: str,
    now: dt.datetime | None = None,
) -> dict[str, str]:
    """AWS Signature Version 4 headers (``x-amz-date``, ``authorization``, token if any) for a
    request whose path is already percent-encoded as it goes on the wire. Non-S3 services sign
    the path encoded once more, hence the second `quote` (a Bedrock model id's ``:`` becomes
    ``%3A`` on the wire and ``%253A`` in the canonical request, as botocore does)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    amz_date, day = moment.strftime("%Y%m%dT%H%M%SZ"), moment.strftime("%Y%m%d")
    headers = {"host": url.netloc.decode("ascii"), "x-amz-date": amz_date}
    if credentials.session_token:
        headers["x-amz-security-token"] = credentials.session_token
    path = url.raw_path.split(b"?", 1)[0].decode("ascii") or "/"
    query = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in url.params.multi_items()
    )
    signed = ";".join(sorted(headers))
    canonical = "\n".join(
        [
            method.upper(),
            quote(path, safe="/~"),
            "&".join(f"{k}={v}" for k, v in query),
            "".join(f"{k}:{headers[k].strip()}\n" for k in sorted(headers)),
            signed,
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = f"AWS4{credentials.secret_access_key}".encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={credentials.access_key_id}/{scope}, "
        f"SignedHeaders={signed}, Signature={signature}"
    )
    del headers["host"]  # httpx sets Host itself from the URL
    return headers


class BedrockTitanEmbedder:
    """Amazon Titan text embeddings through Bedrock Runtime ``InvokeModel``, over plain httpx.

    Titan takes one text per request (``{"inputText", "dimensions", "normalize"}`` and answers
    ``{"embedding": [...]}``). Authentication is a Bedrock API key (bearer token, the
    ``AWS_BEARER_TOKEN_BEDROCK`` convention) or SigV4 with access keys, so boto3 is not needed.
    """

    def __init__(
        self,
        model_id: str = "amazon.titan-embed-text-v2:0",
        *,
        region: str = "us-east-1",
        dimensions: int = 1024,
        credentials: AwsCredentials | None = None,
        bearer_token: str | None = None,
        endpoint: str | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        self.model_id = model_id
        self.region = region
        self.dimensions = dimensions
        self.credentials = credentials
        self.bearer_token = bearer_token
        self.endpoint = (endpoint or f"https://bedrock-runtime.{region}.amazonaws.com").rstrip("/")
        self._client = client or httpx.Client(timeout=60.0)
        if credentials is None and bearer_token is None:
            raise EmbedderUnavailableError("Bedrock needs AWS credentials or a Bedrock API key.")

    @property
    def name(self) -> str:
        return f"bedrock:{self.model_id}:{self.dimensions}"

    def _embed_one(self, text: str) -> list[float]:
        url = httpx.URL(f"{self.endpoint}/model/{quote(self.model_id, safe='')}/invoke")
        body = json.dumps(
            {"inputText": text, "dimensions": self.dimensions, "normalize": True}
        ).encode()
        headers = {"content-type": "application/json", "accept": "application/json"}
        if self.bearer_token:
            headers["authorization"] = f"Bearer {self.bearer_token}"
        elif self.credentials is not None:
            headers |= sigv4_headers(
                method="POST",
                url=url,
                body=body,
                credentials=self.credentials,
                region=self.region,
                service="bedrock",
            )
        try:
            response = self._client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise EmbedderError(f"Bedrock request failed: {exc}", retryable=True) from exc
        if response.status_code >= 400:
            retryable = response.status_code == 429 or response.status_code >= 500
            raise EmbedderError(
                f"Bedrock answered {response.status_code}: {response.text[:300]}",
                retryable=retryable,
            )
        try:
            embedding = response.json()["embedding"]
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbedderError(f"Bedrock response has no embedding: {exc}") from exc
        return list(embedding)

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return as_matrix([self._embed_one(text) for text in texts], len(texts), "Bedrock")

    def embed_query(self, text: str) -> FloatArray:
        return first_row(self.embed_documents([text]))
