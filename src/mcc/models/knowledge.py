"""The knowledge base: documents, their version history, and stored embeddings.

A document is identified by its `key` (the path relative to the folder it was ingested from,
e.g. `playbooks/campaign-tiers.md`). Re-ingesting compares content hashes, so only what changed
gets a new version and new vectors.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mcc.models.base import Base, TimestampMixin


class KnowledgeDocument(TimestampMixin, Base):
    __tablename__ = "knowledge_documents"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(500), nullable=False, unique=True)
    source: Mapped[str] = mapped_column(String(500), nullable=False)  # folder, "bundled", "upload"
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    category: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    text: Mapped[str] = mapped_column(Text, nullable=False)  # the parsed text that is indexed
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    size_bytes: Mapped[int] = mapped_column(Integer, nullable=False)


class KnowledgeDocumentVersion(TimestampMixin, Base):
    __tablename__ = "knowledge_document_versions"
    __table_args__ = (UniqueConstraint("document_key", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    # By key, not id: the history outlives a removed document (its last entry says "removed").
    document_key: Mapped[str] = mapped_column(String(500), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    change: Mapped[str] = mapped_column(String(20), nullable=False)  # added, changed, removed
    content_hash: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str | None] = mapped_column(Text)


class KnowledgeVectors(TimestampMixin, Base):
    """One document's chunk vectors (float32, row per chunk) under one embedder."""

    __tablename__ = "knowledge_vectors"
    __table_args__ = (UniqueConstraint("document_id", "embedder"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    document_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("knowledge_documents.id", ondelete="CASCADE"), nullable=False, index=True
    )
    embedder: Mapped[str] = mapped_column(String(200), nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    rows: Mapped[int] = mapped_column(Integer, nullable=False)
    dims: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
