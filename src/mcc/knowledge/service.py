"""The knowledge base as the product uses it: ingest, list, show, remove, search.

Documents live in the database (text, version history, vectors per embedder); the search index
(`indexing.KnowledgeIndex`) is built from them once per process and then updated in place as
documents change. Files are parsed before the short write that saves them, and embedded after
it, in a worker thread: no transaction is open while anything slow runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import SYSTEM, Actor
from mcc.db import Database
from mcc.exceptions import NotFoundError, ValidationError
from mcc.knowledge.index import ProgressCallback, SearchHit
from mcc.knowledge.indexing import IndexState
from mcc.knowledge.indexing import KnowledgeIndex as KnowledgeIndex  # its historic home
from mcc.knowledge.ingest import (
    FileProblem,
    SourceFile,
    discover,
    read_file,
    source_file,
    upload_name,
)
from mcc.knowledge.parse_process import parse_upload
from mcc.knowledge.parsing import DocumentError
from mcc.knowledge.repository import KnowledgeRepository
from mcc.logging import get_logger
from mcc.models import KnowledgeDocument, KnowledgeDocumentVersion
from mcc.playbooks.rules import same_rule_key

log = get_logger(__name__)
BUNDLED_SOURCE = "bundled"
K_MAX = 50
QUERY_MAX = 2000
Progress = ProgressCallback  # (stage, done, total), e.g. for a Rich progress bar


def bundled_content() -> Path:
    return Path(str(resources.files("mcc.knowledge") / "content"))


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        for name in ("added", "changed", "unchanged", "removed", "problems"):
            getattr(self, name).extend(getattr(other, name))


def _read_all(
    path: Path, category: str | None, source: str | None
) -> tuple[list[SourceFile], list[FileProblem], str, bool]:
    """Parse every file under `path` (in a worker thread: parsing PDFs takes a while)."""
    if not path.exists():
        raise ValidationError(f"{path}: no such file or folder", {"path": "not found"})
    root = path.resolve()
    source = source or str(root if root.is_dir() else root.parent)
    files: list[SourceFile] = []
    problems: list[FileProblem] = []
    for file, key, problem in discover(root):
        if problem is not None:
            problems.append(FileProblem(key, f"{key}: {problem}"))
            continue
        try:
            files.append(read_file(file, key=key, source=source, category=category))
        except DocumentError as error:
            problems.append(FileProblem(key, error.message))
    return files, problems, source, root.is_dir()


class KnowledgeService:
    def __init__(self, db: Database, index: KnowledgeIndex) -> None:
        self.db = db
        self.index = index

    # -- ingestion ------------------------------------------------------------------------------

    async def ingest_path(
        self, path: Path, *, category: str | None = None, prune: bool = True,
        progress: Progress | None = None, source: str | None = None, actor: Actor = SYSTEM,
    ) -> IngestReport:  # fmt: skip
        """Ingest a file or a folder. With `prune`, documents that came from this folder before
        and are gone now are removed (their history stays)."""
        files, problems, origin, is_folder = await asyncio.to_thread(
            _read_all, path, category, source
        )
        if not is_folder and len(files) == 1:
            files = [await self._as_rule_update(files[0], category)]
        report = IngestReport(problems=problems)
        failed = {problem.path for problem in problems}
        outcome = await self._save(
            files, origin, prune=prune and is_folder, failed=failed, progress=progress,
            actor=actor,
        )  # fmt: skip
        report.merge(outcome)
        return report

    async def ingest_upload(
        self, filename: str, data: bytes, category: str | None, actor: Actor = SYSTEM,
        client_gone: Callable[[], Awaitable[object]] | None = None,
    ) -> IngestReport:  # fmt: skip
        """One uploaded file; a bad one raises `DocumentError` and changes nothing. Should
        `client_gone` return while the file is parsed, nothing is stored either (see
        `parse_upload`); once parsed, the document is stored whether or not anyone waits."""
        name = upload_name(filename)
        if not name:
            raise ValidationError("The upload has no file name", {"file": "missing"})
        category = (category or "").strip() or None  # blank means "not chosen", as on the page
        key = f"uploads/{name}"
        # Parsing a PDF or DOCX takes a while: a large one in a bounded child process, whose
        # pure-Python parsing cannot hold this process's GIL (see `parse_process`).
        document = await parse_upload(data, key, client_gone=client_gone)
        upload = await asyncio.to_thread(
            source_file, key, data, document, "upload", category, folder_first=False
        )
        upload = await self._as_rule_update(upload, category)
        return await self._save([upload], "upload", prune=False, failed=set(), actor=actor)

    async def _as_rule_update(self, file: SourceFile, category: str | None) -> SourceFile:
        """Playbook rules hook (`mcc.playbooks.rules`): one file defining the tier policy or a
        type's checklist replaces the document defining it now: its key, its next version."""
        async with self.db.read() as session:
            same = await same_rule_key(session, file.document.text, file.document.metadata)
        if same is None or same == file.key:
            return file
        return replace(file, key=same, category=category or "playbooks")

    async def load_bundled(self) -> IngestReport:
        """The bundled playbooks (what `mcc demo` and a first start use)."""
        return await self.ingest_path(bundled_content(), source=BUNDLED_SOURCE)

    async def is_new(self) -> bool:
        """True until the first document arrives; removing documents later keeps it False."""
        async with self.db.read() as session:
            return not await KnowledgeRepository(session).ever_had_documents()

    async def _save(
        self, files: Sequence[SourceFile], source: str, *, prune: bool, failed: set[str],
        progress: Progress | None = None, actor: Actor = SYSTEM,
    ) -> IngestReport:  # fmt: skip
        report = IngestReport()
        changed_docs: list[KnowledgeDocument] = []
        async with self.db.write() as session:
            repository = KnowledgeRepository(session)
            seen = {file.key for file in files}
            for file in files:
                document = await repository.get(file.key)
                # The same bytes into another category is a move, not "unchanged": a file
                # uploaded to the wrong category is corrected by uploading it again.
                stored = None if document is None else (document.content_hash, document.category)
                if stored == (file.content_hash, file.category):
                    report.unchanged.append(file.key)
                    continue
                version = await repository.last_version(file.key) + 1
                if document is None:
                    document = KnowledgeDocument(key=file.key)
                    repository.add(document)
                    report.added.append(file.key)
                else:
                    report.changed.append(file.key)
                document.source, document.title = file.source, file.document.title
                document.category, document.content_hash = file.category, file.content_hash
                document.version, document.text = version, file.document.text
                document.meta, document.size_bytes = dict(file.document.metadata), len(file.data)
                repository.add(KnowledgeDocumentVersion(
                    document_key=file.key, version=version,
                    change="added" if version == 1 else "changed",
                    content_hash=file.content_hash, title=file.document.title,
                    text=file.document.text,
                ))  # fmt: skip
                changed_docs.append(document)
                _audit(session, actor, "knowledge_added" if version == 1 else "knowledge_changed",
                       file.key, {"version": [version - 1 or None, version],
                                  "title": [None, file.document.title]})  # fmt: skip
            if prune:
                for key in sorted(await repository.keys_from(source) - seen - failed):
                    await self._remove(repository, key)
                    report.removed.append(key)
                    _audit(session, actor, "knowledge_removed", key, {})
        await self.index.apply(changed_docs, report.removed, progress)
        return report

    # -- reading and removing -------------------------------------------------------------------

    async def count(self) -> int:
        async with self.db.read() as session:
            return await KnowledgeRepository(session).count()

    async def documents(self, category: str | None = None) -> Sequence[KnowledgeDocument]:
        if category is not None and ("\x00" in category or len(category) > 100):
            raise ValidationError("Not a category name", {"category": "invalid"})
        async with self.db.read() as session:
            return await KnowledgeRepository(session).all(category)

    async def show(self, key: str) -> tuple[KnowledgeDocument, Sequence[KnowledgeDocumentVersion]]:
        async with self.db.read() as session:
            repository = KnowledgeRepository(session)
            document = await repository.get(key)
            if document is None:
                raise NotFoundError(f"No document {key!r} in the knowledge base")
            return document, await repository.versions(key)

    async def remove(self, key: str, actor: Actor = SYSTEM) -> None:
        async with self.db.write() as session:
            repository = KnowledgeRepository(session)
            if await repository.get(key) is None:
                raise NotFoundError(f"No document {key!r} in the knowledge base")
            await self._remove(repository, key)
            _audit(session, actor, "knowledge_removed", key, {})
        await self.index.apply([], [key])

    @staticmethod
    async def _remove(repository: KnowledgeRepository, key: str) -> None:
        document = await repository.get(key)
        if document is None:
            return
        repository.add(KnowledgeDocumentVersion(
            document_key=key, version=await repository.last_version(key) + 1, change="removed",
        ))  # fmt: skip
        await repository.delete(document)

    # -- search ---------------------------------------------------------------------------------

    async def search(self, query: str, k: int = 5, category: str | None = None) -> list[SearchHit]:
        """Top `k` passages with scores, snippets and citations; [] when nothing matches."""
        text = query.strip()
        if "\x00" in text or "\x00" in (category or ""):
            raise ValidationError("The question contains characters that are not text",
                                  {"query": "invalid characters"})  # fmt: skip
        if not text:
            raise ValidationError("Type a question to search for", {"query": "must not be empty"})
        if len(text) > QUERY_MAX:
            raise ValidationError(f"Questions are at most {QUERY_MAX} characters",
                                  {"query": "too long"})  # fmt: skip
        if not 1 <= k <= K_MAX:
            raise ValidationError(f"k must be between 1 and {K_MAX}", {"k": "out of range"})
        return await self.index.search(text, k, category or None)

    # -- start-up -------------------------------------------------------------------------------

    def start(self, *, load_bundled: bool) -> asyncio.Task[None]:
        """Build the index in the background, first loading the bundled playbooks into a new
        knowledge base; retried with backoff, never raising (`state` says how it goes).

        Called before the server answers anything, so that a search in the first second waits
        for the playbooks (a fast write) rather than finding an empty knowledge base."""
        if not load_bundled:
            return self.index.start()
        self.index.expect_load()
        return self.index.start(self._load_bundled_if_new)

    async def _load_bundled_if_new(self) -> None:
        if await self.is_new():
            report = await self.load_bundled()
            log.info("knowledge.bundled_loaded", documents=len(report.added))

    @property
    def state(self) -> IndexState:
        return self.index.state


def _audit(
    session: AsyncSession, actor: Actor, action: str, key: str, changes: dict[str, list[Any]]
) -> None:
    audit.record(session, actor, action, entity_type="knowledge_document", entity_id=key,
                 changes=changes)  # fmt: skip
