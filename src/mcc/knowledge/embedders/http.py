"""Embedding services over HTTP with httpx: OpenAI-compatible ``/embeddings`` and Ollama."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np

from mcc.knowledge.embedders.base import EmbedderError, FloatArray, first_row, normalise_rows


def post_json(client: httpx.Client, url: str, body: dict[str, Any], **kw: Any) -> Any:
    """POST and decode, mapping every failure onto `EmbedderError` (never a bare httpx error)."""
    try:
        response = client.post(url, json=body, **kw)
    except httpx.HTTPError as exc:
        raise EmbedderError(f"Embedding request to {url} failed: {exc}", retryable=True) from exc
    if response.status_code >= 400:
        retryable = response.status_code == 429 or response.status_code >= 500
        raise EmbedderError(
            f"Embedding service answered {response.status_code}: {response.text[:300]}",
            retryable=retryable,
        )
    try:
        return response.json()
    except ValueError as exc:
        raise EmbedderError(f"Embedding service sent invalid JSON: {exc}") from exc


def as_matrix(rows: Any, expected: int, service: str) -> FloatArray:
    try:
        array = np.asarray(rows, dtype=np.float32)
    except (TypeError, ValueError) as exc:
        raise EmbedderError(f"{service} returned malformed embeddings: {exc}") from exc
    if array.ndim != 2 or array.shape[0] != expected or array.shape[1] == 0:
        raise EmbedderError(f"{service} returned {array.shape} embeddings for {expected} texts")
    return normalise_rows(array)


class OpenAIEmbedder:
    """``POST {base_url}/embeddings`` as OpenAI, Azure-style gateways, vLLM and LiteLLM serve it."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str = "https://api.openai.com/v1",
        api_key: str | None = None,
        dimensions: int | None = None,
        batch_size: int = 64,
        client: httpx.Client | None = None,
    ) -> None:
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.dimensions = dimensions
        self.batch_size = batch_size
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = client or httpx.Client(timeout=60.0)
        self._headers = headers

    @property
    def name(self) -> str:
        return f"openai:{self.model}" + (f":{self.dimensions}" if self.dimensions else "")

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        parts: list[FloatArray] = []
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            body: dict[str, Any] = {"model": self.model, "input": batch}
            if self.dimensions:
                body["dimensions"] = self.dimensions
            payload = post_json(
                self._client, f"{self.base_url}/embeddings", body, headers=self._headers
            )
            try:
                items = sorted(payload["data"], key=lambda item: int(item["index"]))
                rows = [item["embedding"] for item in items]
            except (KeyError, TypeError, ValueError) as exc:
                raise EmbedderError(f"OpenAI-compatible response lacks data: {exc}") from exc
            parts.append(as_matrix(rows, len(batch), "OpenAI-compatible service"))
        return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def embed_query(self, text: str) -> FloatArray:
        return first_row(self.embed_documents([text]))


class OllamaEmbedder:
    """Ollama's ``POST /api/embed``: batch input; output normalised (again) here."""

    def __init__(
        self,
        model: str = "nomic-embed-text",
        *,
        base_url: str = "http://localhost:11434",
        batch_size: int = 64,
        client: httpx.Client | None = None,
    ) -> None:
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.batch_size = batch_size
        self._client = client or httpx.Client(timeout=120.0)

    @property
    def name(self) -> str:
        return f"ollama:{self.model}"

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        parts: list[FloatArray] = []
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            body = {"model": self.model, "input": batch}
            payload = post_json(self._client, f"{self.base_url}/api/embed", body)
            rows = payload.get("embeddings") if isinstance(payload, dict) else None
            parts.append(as_matrix(rows, len(batch), "Ollama"))
        return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def embed_query(self, text: str) -> FloatArray:
        return first_row(self.embed_documents([text]))
