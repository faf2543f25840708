"""Heading-aware chunking of the light Markdown that `parsing` produces.

Contract, and why:

- A chunk never spans two sections: the heading path ("Campaign Tier Definitions › Tier 1
  Campaigns") is metadata of the chunk, so a citation can point a reader to the right place, and
  mixing sections would blur both the citation and the embedding.
- Lists, tables and fenced code blocks are atomic where they fit in ``max_chars``: half a table
  answers nothing. Larger ones are split between items / rows / lines, never inside one.
- Prose is packed up to ``max_chars``; an over-long paragraph is split between sentences (between
  words as a last resort). When a section needs several chunks, each one after the first starts up
  to ``overlap_chars`` earlier, at a sentence or word boundary inside the previous chunk's prose,
  so a fact that straddles a boundary is whole in at least one chunk. No chunk is longer than
  ``max_chars`` except when a single word is.
- ``text`` is always the exact slice ``document.text[start:end]``: offsets are honest, and a
  snippet or highlight computed on the chunk maps back onto the source.
- The document title and the section path are not in ``text`` but are in `Chunk.indexed_text`,
  which is what BM25 sees, so a chunk about "lead time" under "Tier 1 Campaigns" is found by
  "tier 1 lead time". The embedder sees `Chunk.embedded_text`: the title and the nearest heading
  only (`PASSAGE_RECIPE`), since the outer headings of a long page repeat in every chunk.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Final, Literal

from mcc.knowledge.parsing import ParsedDocument

__all__ = [
    "PASSAGE_RECIPE",
    "SECTION_SEPARATOR",
    "Chunk",
    "ChunkingConfig",
    "chunk_document",
    "chunk_text",
    "vector_space",
]

SECTION_SEPARATOR: Final = " › "
PASSAGE_RECIPE: Final = 2
"""The version of `Chunk.embedded_text`. Vectors are stored under it (`vector_space`), so an index
embedded from other text is found stale at start and re-embedded once. 1 embedded `indexed_text`
(the whole section path); 2, the title and the nearest heading."""

BlockKind = Literal["paragraph", "list", "table", "code"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# Inline HTML in a heading ('## <i class="fas fa-users"></i> How we work') is markup for a
# renderer; left in, it showed up in every citation of the section.
_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
# So is emphasis, code and a link's target ("**does include**", "`utm_source`", "[x](/url)").
_INLINE_MARK = re.compile(r"\*\*|__|`")
_INLINE_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()\s]{0,500}\)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])[\"')\]]*\s+")


@dataclass(frozen=True)
class ChunkingConfig:
    """Sizes in characters (not tokens: deterministic, cheap, model-independent). The defaults
    keep a chunk inside MiniLM's 256-token window for English prose."""

    max_chars: int = 1000
    overlap_chars: int = 150

    def __post_init__(self) -> None:
        if self.max_chars < 100:
            raise ValueError("max_chars must be at least 100")
        if not 0 <= self.overlap_chars <= self.max_chars // 2:
            raise ValueError("overlap_chars must be between 0 and max_chars / 2")


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    ordinal: int
    title: str
    section_path: tuple[str, ...]
    text: str
    start: int
    end: int
    metadata: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    @property
    def indexed_text(self) -> str:
        """Title, section path and body: what retrieval sees. The title is not repeated when the
        path already starts with it (the usual ``# Title`` heading)."""
        lines: list[str] = []
        if self.title and (not self.section_path or self.section_path[0] != self.title):
            lines.append(self.title)
        if self.section_path:
            lines.append(self.section)
        lines.append(self.text)
        return "\n".join(lines)

    @property
    def embedded_text(self) -> str:
        """Title, nearest heading and body: what the embedder sees (`PASSAGE_RECIPE` 2). The
        outer headings of a long page repeat in every chunk of it: the 122-page marketing
        handbook embeds 583k tokens instead of 606k (6% less CPU), at equal nDCG@10 (README,
        "Embedding speed"). BM25 keeps the whole path (`indexed_text`)."""
        nearest = self.section_path[-1] if self.section_path else None
        lines = [self.title] if self.title and self.title != nearest else []
        if nearest:
            lines.append(nearest)
        lines.append(self.text)
        return "\n".join(lines)


def vector_space(embedder_name: str) -> str:
    """What stored vectors are filed under: the embedder and the passage recipe, so that vectors
    of another model or of other text are never reused (recipe 1's are under the bare name)."""
    return f"{embedder_name} passages/{PASSAGE_RECIPE}"


@dataclass(frozen=True)
class _Block:
    kind: BlockKind
    start: int
    end: int
    path: tuple[str, ...]


def chunk_document(
    doc_id: str, document: ParsedDocument, config: ChunkingConfig | None = None
) -> list[Chunk]:
    return chunk_text(doc_id, document.title, document.text, config)


def chunk_text(
    doc_id: str, title: str, text: str, config: ChunkingConfig | None = None
) -> list[Chunk]:
    """Chunks in document order, ordinals from 0. Empty or heading-only text gives no chunks."""
    cfg = config or ChunkingConfig()
    chunks: list[Chunk] = []
    blocks = _blocks(text)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].path == blocks[i].path:
            j += 1
        for start, end in _pack(text, blocks[i:j], cfg):
            chunks.append(
                Chunk(doc_id, len(chunks), title, blocks[i].path, text[start:end], start, end)
            )
        i = j
    return chunks


def _blocks(text: str) -> list[_Block]:
    """Split into blocks by line; headings update the path and produce no block."""
    lines = text.split("\n")
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1

    def end_of(k: int) -> int:
        return offsets[k] + len(lines[k])

    blocks: list[_Block] = []
    headings: list[tuple[int, str]] = []
    path: tuple[str, ...] = ()
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = _HEADING.match(line)
        fence = _FENCE.match(line)
        if heading:
            level = len(heading.group(1))
            name = _INLINE_LINK.sub(r"\1", _INLINE_TAG.sub(" ", heading.group(2)))
            name = " ".join(_INLINE_MARK.sub("", name).split())
            headings = [h for h in headings if h[0] < level]
            if name:
                headings.append((level, name))
            path = tuple(h[1] for h in headings)
            i += 1
            continue
        kind: BlockKind
        j = i + 1
        if fence:
            kind = "code"
            marker = fence.group(1)
            while j < n and not lines[j].strip().startswith(marker):
                j += 1
            j = min(j + 1, n)
        elif _TABLE_ROW.match(line):
            kind = "table"
            while j < n and _TABLE_ROW.match(lines[j]):
                j += 1
        elif _LIST_ITEM.match(line):
            kind = "list"
            while j < n:
                if _LIST_ITEM.match(lines[j]) or (lines[j][:1] in (" ", "\t") and lines[j].strip()):
                    j += 1
                elif not lines[j].strip() and j + 1 < n and _LIST_ITEM.match(lines[j + 1]):
                    j += 2  # a loose list: blank line between items
                else:
                    break
        else:
            kind = "paragraph"
            while (
                j < n
                and lines[j].strip()
                and not (_HEADING.match(lines[j]) or _FENCE.match(lines[j]))
                and not (_TABLE_ROW.match(lines[j]) or _LIST_ITEM.match(lines[j]))
            ):
                j += 1
        blocks.append(_Block(kind, offsets[i], end_of(j - 1), path))
        i = j
    return blocks


def _pieces(text: str, block: _Block, max_chars: int) -> list[tuple[int, int, bool]]:
    """(start, end, is_prose) pieces no longer than ``max_chars`` (unless one word is)."""
    prose = block.kind == "paragraph"
    if block.end - block.start <= max_chars:
        return [(block.start, block.end, prose)]
    if block.kind == "paragraph":
        cuts = [m.end() for m in _SENTENCE_END.finditer(text, block.start, block.end)]
    elif block.kind == "list":
        body = text[block.start : block.end]
        indent = len(body) - len(body.lstrip())
        cuts, position = [], block.start
        for line in body.split("\n"):
            item = _LIST_ITEM.match(line)
            if item and len(item.group(1)) <= indent:
                cuts.append(position)
            position += len(line) + 1
    else:
        cuts = [block.start + m.end() for m in re.finditer(r"\n", text[block.start : block.end])]
    bounds = [block.start, *[c for c in cuts if block.start < c < block.end], block.end]
    pieces: list[tuple[int, int, bool]] = []
    for a, b in itertools.pairwise(bounds):
        while b - a > max_chars:  # one sentence / row longer than a chunk: cut between words
            cut = text.rfind(" ", a + 1, a + max_chars)
            cut = cut if cut > a else a + max_chars
            pieces.append((a, cut, prose))
            a = cut
        if b > a:
            pieces.append((a, b, prose))
    return pieces


def _pack(text: str, blocks: list[_Block], cfg: ChunkingConfig) -> list[tuple[int, int]]:
    """Greedy packing of one section's pieces into (start, end) spans, with prose overlap."""
    pieces = [p for block in blocks for p in _pieces(text, block, cfg.max_chars)]
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    last_prose = False
    for a, b, prose in pieces:
        if start is not None and b - start <= cfg.max_chars:
            end, last_prose = b, prose
            continue
        if start is not None:
            spans.append((start, end))
            overlap = _overlap_start(text, start, end, cfg.overlap_chars) if last_prose else end
            start = overlap if b - overlap <= cfg.max_chars else a
        else:
            start = a
        end, last_prose = b, prose
    if start is not None:
        spans.append((start, end))
    trimmed = [(_lstrip(text, s, e), _rstrip(text, s, e)) for s, e in spans]
    return [(s, e) for s, e in trimmed if s < e]


def _overlap_start(text: str, start: int, end: int, overlap: int) -> int:
    """A boundary at most ``overlap`` characters before ``end``: a sentence start if there is one
    in reach, else a word start; ``end`` (no overlap) when neither exists."""
    if overlap <= 0:
        return end
    lower = max(start + 1, end - overlap)
    for match in _SENTENCE_END.finditer(text, lower, end):
        if match.end() < end:
            return match.end()
    space = text.find(" ", lower, end)
    return space + 1 if 0 <= space < end - 1 else end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
