"""Knowledge queries: documents by key, their versions, and stored vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.knowledge.embedders import FloatArray
from mcc.models import KnowledgeDocument, KnowledgeDocumentVersion, KnowledgeVectors


class KnowledgeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str) -> KnowledgeDocument | None:
        return await self.session.scalar(
            select(KnowledgeDocument).where(KnowledgeDocument.key == key)
        )

    async def all(self, category: str | None = None) -> Sequence[KnowledgeDocument]:
        statement = select(KnowledgeDocument).order_by(
            KnowledgeDocument.category, KnowledgeDocument.key
        )
        if category:
            statement = statement.where(KnowledgeDocument.category == category)
        return (await self.session.scalars(statement)).all()

    async def keys_from(self, source: str) -> set[str]:
        statement = select(KnowledgeDocument.key).where(KnowledgeDocument.source == source)
        return set((await self.session.scalars(statement)).all())

    async def count(self) -> int:
        return int(
            await self.session.scalar(select(func.count()).select_from(KnowledgeDocument)) or 0
        )

    async def ever_had_documents(self) -> bool:
        statement = select(KnowledgeDocumentVersion.id).limit(1)
        return await self.session.scalar(statement) is not None

    async def versions(self, key: str) -> Sequence[KnowledgeDocumentVersion]:
        statement = (
            select(KnowledgeDocumentVersion)
            .where(KnowledgeDocumentVersion.document_key == key)
            .order_by(KnowledgeDocumentVersion.version)
        )
        return (await self.session.scalars(statement)).all()

    async def last_version(self, key: str) -> int:
        statement = select(func.max(KnowledgeDocumentVersion.version)).where(
            KnowledgeDocumentVersion.document_key == key
        )
        return int(await self.session.scalar(statement) or 0)

    def add(self, *objects: object) -> None:
        self.session.add_all(objects)

    async def delete(self, document: KnowledgeDocument) -> None:
        await self.session.delete(document)

    async def vectors(self, embedder: str) -> dict[str, FloatArray]:
        """Stored vectors under `embedder` by document key, where the content still matches."""
        statement = (
            select(KnowledgeDocument.key, KnowledgeVectors)
            .join(KnowledgeVectors, KnowledgeVectors.document_id == KnowledgeDocument.id)
            .where(
                KnowledgeVectors.embedder == embedder,
                KnowledgeVectors.content_hash == KnowledgeDocument.content_hash,
            )
        )
        found: dict[str, FloatArray] = {}
        for key, row in await self.session.execute(statement):
            matrix = np.frombuffer(row.data, dtype=np.float32).reshape(row.rows, row.dims)
            found[key] = matrix
        return found

    async def store_vectors(
        self, document: KnowledgeDocument, embedder: str, matrix: FloatArray
    ) -> None:
        await self.session.execute(
            delete(KnowledgeVectors).where(
                KnowledgeVectors.document_id == document.id, KnowledgeVectors.embedder == embedder
            )
        )
        data = np.ascontiguousarray(matrix, dtype=np.float32)
        self.session.add(
            KnowledgeVectors(document_id=document.id, embedder=embedder,
                             content_hash=document.content_hash, rows=int(data.shape[0]),
                             dims=int(data.shape[1]), data=data.tobytes())
        )  # fmt: skip
