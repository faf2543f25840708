"""The index's value types: configuration, document records, hits and citations.

All are frozen dataclasses of plain values, so a service can store or serialise them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mcc.knowledge.chunking import SECTION_SEPARATOR, Chunk, ChunkingConfig
from mcc.knowledge.embedders import FloatArray
from mcc.knowledge.index.bm25 import BM25Config
from mcc.knowledge.index.fusion import FusionConfig
from mcc.knowledge.parsing import JsonValue, ParsedDocument

__all__ = [
    "KEYWORD_WHILE_LOADING",
    "Citation",
    "DocumentHit",
    "DocumentInfo",
    "DocumentInput",
    "IndexConfig",
    "SearchHit",
    "SearchMode",
]

SearchMode = Literal["bm25", "dense", "hybrid"]


@dataclass(frozen=True)
class IndexConfig:
    chunking: ChunkingConfig = field(default_factory=ChunkingConfig)
    bm25: BM25Config = field(default_factory=BM25Config)
    fusion: FusionConfig = field(default_factory=FusionConfig)
    embed_batch_size: int = 64
    snippet_chars: int = 240


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    title: str
    version: str
    category: str | None = None
    path: str | None = None
    metadata: dict[str, JsonValue] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DocumentInput:
    """One document to add. ``version`` defaults to a hash of the text; ``category`` to the
    front matter's; ``vectors`` are previously stored `HybridIndex.document_vectors`."""

    doc_id: str
    document: ParsedDocument
    category: str | None = None
    path: str | None = None
    version: str | None = None
    vectors: FloatArray | None = None


@dataclass(frozen=True)
class Citation:
    doc_id: str
    path: str | None
    title: str
    section: str
    version: str
    chunk_id: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """ "Title › Section › Subsection" without repeating a title the path starts with."""
        if not self.section or self.section == self.title:
            return self.title
        if self.section.startswith(self.title + SECTION_SEPARATOR):
            return self.section
        return f"{self.title}{SECTION_SEPARATOR}{self.section}"


KEYWORD_WHILE_LOADING = "keyword search while the semantic index loads"


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage. `mode` is what ranked it ("bm25" when dense scores were not used);
    `dense_pending` marks a keyword answer given while the semantic index is still loading."""

    rank: int
    score: float
    bm25_score: float
    dense_score: float | None
    chunk: Chunk
    document: DocumentInfo
    snippet: str
    mode: SearchMode = "hybrid"
    dense_pending: bool = False

    @property
    def mode_note(self) -> str | None:
        """Said beside an answer that could be better once the semantic index is in."""
        return KEYWORD_WHILE_LOADING if self.dense_pending else None

    @property
    def citation(self) -> Citation:
        c, d = self.chunk, self.document
        return Citation(d.doc_id, d.path, d.title, c.section, d.version, c.chunk_id, c.start, c.end)


@dataclass(frozen=True)
class DocumentHit:
    document: DocumentInfo
    score: float
    best_chunk: Chunk
