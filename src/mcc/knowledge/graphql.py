"""Knowledge GraphQL: `searchKnowledge`, `knowledgeDocuments`, `uploadKnowledgeDocument`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from starlette.requests import Request
from strawberry.file_uploads import Upload

from mcc.audit.schemas import Actor, AuditSource
from mcc.exceptions import ForbiddenError, ServiceUnavailableError
from mcc.graphql.context import Info
from mcc.knowledge.index import SearchHit
from mcc.knowledge.ingest import read_upload, until_disconnected
from mcc.knowledge.service import KnowledgeService


@strawberry.enum(description="How a passage was ranked.")
class KnowledgeSearchMode(Enum):
    HYBRID = "hybrid"
    KEYWORD = "keyword"
    KEYWORD_WHILE_LOADING = strawberry.enum_value(
        "keyword_while_loading",
        description="Keyword search while the semantic index loads (the first minute or so).",
    )


def _mode(hit: SearchHit) -> KnowledgeSearchMode:
    if hit.dense_pending:
        return KnowledgeSearchMode.KEYWORD_WHILE_LOADING
    return KnowledgeSearchMode.KEYWORD if hit.mode == "bm25" else KnowledgeSearchMode.HYBRID


@strawberry.type
class KnowledgeHit:
    rank: int
    score: float
    citation: str = strawberry.field(description='"Title › Section", to show beside a quote.')
    title: str
    section: str
    path: str
    version: str
    category: str | None
    snippet: str
    mode: KnowledgeSearchMode
    note: str | None = strawberry.field(
        description='Said beside the answer, e.g. "keyword search while the semantic index loads".'
    )


@strawberry.type
class KnowledgeDocument:
    key: str
    title: str
    category: str
    version: int
    updated_at: datetime


@strawberry.type
class IngestResult:
    added: list[str]
    changed: list[str]
    unchanged: list[str]


def _service(info: Info) -> KnowledgeService:
    if info.context.knowledge is None:
        raise ServiceUnavailableError("The knowledge base is not available on this server")
    return info.context.knowledge


@strawberry.type
class KnowledgeQuery:
    @strawberry.field(description="Ranked passages from the playbooks, each with its citation.")
    async def search_knowledge(
        self, info: Info, query: str, k: int = 5, category: str | None = None
    ) -> list[KnowledgeHit]:
        hits = await _service(info).search(query, k, category)
        return [
            KnowledgeHit(
                rank=hit.rank,
                score=hit.score,
                citation=hit.citation.label,
                title=hit.citation.title,
                section=hit.citation.section,
                path=hit.citation.path or hit.citation.doc_id,
                version=hit.citation.version,
                category=hit.document.category,
                snippet=hit.snippet,
                mode=_mode(hit),
                note=hit.mode_note,
            )
            for hit in hits
        ]

    @strawberry.field(description="Documents in the knowledge base, by category.")
    async def knowledge_documents(
        self, info: Info, category: str | None = None
    ) -> list[KnowledgeDocument]:
        documents = await _service(info).documents(category)
        return [
            KnowledgeDocument(
                key=d.key,
                title=d.title,
                category=d.category,
                version=d.version,
                updated_at=d.updated_at,
            )
            for d in documents
        ]


@strawberry.type
class KnowledgeMutation:
    @strawberry.mutation(description="Add or update a document (Markdown, text, HTML, PDF, DOCX).")
    async def upload_knowledge_document(
        self, info: Info, file: Upload, category: str | None = None
    ) -> IngestResult:
        user = info.context.user
        if user is None or not user.is_admin:
            raise ForbiddenError("Only admins can add documents to the knowledge base")
        service = _service(info)
        limit = info.context.settings.knowledge_max_bytes
        name = getattr(file, "filename", None) or ""
        data = await read_upload(file.read, name, limit)  # type: ignore[attr-defined]
        actor = Actor.of(user, AuditSource.API)
        request = info.context.request
        gone = until_disconnected(request.is_disconnected) if isinstance(request, Request) else None
        report = await service.ingest_upload(name, data, category, actor, client_gone=gone)
        return IngestResult(added=report.added, changed=report.changed, unchanged=report.unchanged)
