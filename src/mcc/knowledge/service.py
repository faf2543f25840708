"""The knowledge base as the product uses it: ingest, list, show, remove, search.

Documents live in the database (text, version history, vectors per embedder); the search index
is built from them once per process, lazily, and then updated in place as documents change.
Stored vectors are reused, so a restart embeds nothing; only new or changed documents are
embedded. Embedding runs in a worker thread so the event loop keeps serving.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mcc.db import Database
from mcc.exceptions import NotFoundError, ValidationError
from mcc.knowledge.embedders import Embedder
from mcc.knowledge.index import DocumentInput, HybridIndex, ProgressCallback, SearchHit
from mcc.knowledge.ingest import FileProblem, SourceFile, discover, read_bytes, read_file
from mcc.knowledge.parsing import DocumentError, EmptyDocumentError, ParsedDocument
from mcc.knowledge.repository import KnowledgeRepository
from mcc.logging import get_logger
from mcc.models import KnowledgeDocument, KnowledgeDocumentVersion

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


def _input(document: KnowledgeDocument, vectors: object = None) -> DocumentInput:
    parsed = ParsedDocument(title=document.title, text=document.text, metadata=dict(document.meta))
    return DocumentInput(
        document.key, parsed, category=document.category, path=document.key,
        version=f"v{document.version}", vectors=vectors,  # type: ignore[arg-type]
    )  # fmt: skip


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


class KnowledgeIndex:
    """The process's search index over the knowledge base (one per app or CLI command)."""

    def __init__(self, db: Database, embedder: Embedder | None) -> None:
        self.db = db
        self.embedder = embedder
        self._index: HybridIndex | None = None
        self._lock = asyncio.Lock()

    @property
    def dense_status(self) -> str:
        if self.embedder is None:
            return "off: searching with BM25 only (MCC_EMBEDDER=none or no model installed)"
        return self._index.dense_status if self._index else "not loaded yet"

    async def index(self, progress: Progress | None = None) -> HybridIndex:
        if self._index is not None:  # built: searches never wait for updates in progress
            return self._index
        async with self._lock:
            if self._index is None:
                self._index = await self._build(progress)
            return self._index

    async def _build(self, progress: Progress | None) -> HybridIndex:
        async with self.db.read() as session:
            repository = KnowledgeRepository(session)
            documents = list(await repository.all())
            stored = await repository.vectors(self.embedder.name) if self.embedder else {}
        index = HybridIndex(embedder=self.embedder)
        items = [_input(document, stored.get(document.key)) for document in documents]
        while items:
            try:
                await asyncio.to_thread(index.add_documents, items, progress)
                break
            except EmptyDocumentError as error:
                # A heading-only document stored before ingest refused them: leave it out, so
                # one bad document never takes search down for all (it was DOCUMENT_EMPTY for
                # every question, across restarts). `mcc kb remove KEY` clears it for good.
                log.warning("knowledge.document_skipped", key=error.filename, reason=error.message)
                items = [item for item in items if item.doc_id != error.filename]
        await self._store_vectors(index, [d.key for d in documents if d.key not in stored])
        log.info("knowledge.index_built", documents=len(items), reused_vectors=len(stored),
                 dense=index.dense_status)  # fmt: skip
        return index

    async def apply(
        self, changed: Sequence[KnowledgeDocument], removed: Sequence[str],
        progress: Progress | None = None,
    ) -> None:  # fmt: skip
        """Bring a built index up to date with committed changes (a fresh one reads them all).

        No lock is held while embedding or storing vectors: `HybridIndex` swaps documents in
        atomically, so searches go on meanwhile, and a database write never waits on a lock
        that someone holding the database's write lock could be waiting for.
        """
        if self._index is None:
            if not self._lock.locked():
                return  # nothing built yet: the first search reads the database
            async with self._lock:  # a build is reading the database: update it once it's done
                pass
        index = self._index
        if index is None:
            return
        for key in removed:
            index.remove_document(key)
        if changed:
            await asyncio.to_thread(index.add_documents, [_input(d) for d in changed], progress)
            await self._store_vectors(index, [d.key for d in changed])

    async def _store_vectors(self, index: HybridIndex, keys: Sequence[str]) -> None:
        if self.embedder is None or not index.dense_available or not keys:
            return
        async with self.db.write() as session:
            repository = KnowledgeRepository(session)
            for key in keys:
                matrix = index.document_vectors(key)
                document = await repository.get(key)
                if matrix is not None and document is not None:
                    await repository.store_vectors(document, self.embedder.name, matrix)


class KnowledgeService:
    def __init__(self, db: Database, index: KnowledgeIndex) -> None:
        self.db = db
        self.index = index

    # -- ingestion ------------------------------------------------------------------------------

    async def ingest_path(
        self, path: Path, *, category: str | None = None, prune: bool = True,
        progress: Progress | None = None, source: str | None = None,
    ) -> IngestReport:  # fmt: skip
        """Ingest a file or a folder. With `prune`, documents that came from this folder before
        and are gone now are removed (their history stays)."""
        files, problems, origin, is_folder = await asyncio.to_thread(
            _read_all, path, category, source
        )
        report = IngestReport(problems=problems)
        failed = {problem.path for problem in problems}
        outcome = await self._save(
            files, origin, prune=prune and is_folder, failed=failed, progress=progress
        )
        report.merge(outcome)
        return report

    async def ingest_upload(self, filename: str, data: bytes, category: str | None) -> IngestReport:
        """One uploaded file; a bad one raises `DocumentError` and changes nothing."""
        name = Path(filename).name.strip()
        if not name:
            raise ValidationError("The upload has no file name", {"file": "missing"})
        source_file = await asyncio.to_thread(read_bytes, f"uploads/{name}", data, source="upload", category=category)  # fmt: skip  # noqa: E501
        return await self._save([source_file], "upload", prune=False, failed=set())

    async def load_bundled(self) -> IngestReport:
        """The bundled playbooks (what `mcc demo` and a first start use)."""
        return await self.ingest_path(bundled_content(), source=BUNDLED_SOURCE)

    async def is_new(self) -> bool:
        """True until the first document arrives; removing documents later keeps it False."""
        async with self.db.read() as session:
            return not await KnowledgeRepository(session).ever_had_documents()

    async def _save(
        self, files: Sequence[SourceFile], source: str, *, prune: bool, failed: set[str],
        progress: Progress | None = None,
    ) -> IngestReport:  # fmt: skip
        report = IngestReport()
        changed_docs: list[KnowledgeDocument] = []
        async with self.db.write() as session:
            repository = KnowledgeRepository(session)
            seen = {file.key for file in files}
            for file in files:
                document = await repository.get(file.key)
                if document is not None and document.content_hash == file.content_hash:
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
            if prune:
                for key in sorted(await repository.keys_from(source) - seen - failed):
                    await self._remove(repository, key)
                    report.removed.append(key)
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

    async def remove(self, key: str) -> None:
        async with self.db.write() as session:
            repository = KnowledgeRepository(session)
            if await repository.get(key) is None:
                raise NotFoundError(f"No document {key!r} in the knowledge base")
            await self._remove(repository, key)
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
        index = await self.index.index()
        return await asyncio.to_thread(index.search, text, k, category=category or None)
