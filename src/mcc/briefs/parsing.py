"""A campaign brief's text and sentences, through the knowledge base's parsers and limits.

A brief is a short document: the same parsers as knowledge uploads (so a DOCX's zip is judged
by its directory before anything is unpacked, and every error is a clear 4xx), with tighter
caps: at most `MAX_BYTES`, `MAX_PAGES` PDF pages (counted before any text is extracted) and
`MAX_TEXT_CHARS` of text. An email is read as plain text: its headers other than Subject are
dropped (From/To say nothing about the campaign, and an address would read as a name).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import PurePath

from mcc.knowledge.parsing import (
    DocumentTooLargeError,
    UnreadableDocumentError,
    UnsupportedFormatError,
    current_limits,
    parse_bytes,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_PAGES = 30
MAX_TEXT_CHARS = 60_000
MAX_SENTENCES = 400
SENTENCE_MAX = 600  # longer runs (a table flattened to one line) are cut into pieces this long
FORMATS = {".docx": ".docx", ".pdf": ".pdf", ".txt": ".txt", ".md": ".md", ".eml": ".txt"}

_HEADER_NAMES = (
    r"from|to|cc|bcc|date|sent|reply-to|message-id|mime-version|content-[\w-]+|received"
    r"|return-path|x-[\w-]+"
)
_HEADER = re.compile(rf"^(?:{_HEADER_NAMES})\s*:.*$", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(r"^subject\s*:\s*", re.IGNORECASE | re.MULTILINE)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|\n+")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*•]\s+|\d+[.)]\s+|>\s*)")


@dataclass(frozen=True)
class Brief:
    filename: str
    text: str
    sentences: tuple[str, ...]


def _check_type(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(
            f"{filename}: a brief must be one of {known} (or paste its text)", filename
        )
    return FORMATS[suffix]


def _check_pages(data: bytes, filename: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocumentError(f"{filename} is not a readable PDF: {exc}", filename) from exc
    if pages > MAX_PAGES:
        raise DocumentTooLargeError(
            f"{filename} has {pages} pages; a brief may have at most {MAX_PAGES}: send the "
            "pages about the campaign.",
            filename,
        )


def read_brief(data: bytes, filename: str) -> Brief:
    """The brief's text and sentences; raises a `DocumentError` (4xx) for anything else.
    CPU-bound (PDF, DOCX): callers on an event loop run it in a thread."""
    filename = (filename or "brief.txt").strip()[:200] or "brief.txt"
    suffix = _check_type(filename)
    if len(data) > MAX_BYTES:
        raise DocumentTooLargeError(
            f"{filename} is {len(data):,} bytes; a brief may be at most {MAX_BYTES:,}.", filename
        )
    if suffix == ".pdf":
        _check_pages(data, filename)
    limits = replace(current_limits(), max_bytes=MAX_BYTES, max_text_chars=MAX_TEXT_CHARS)
    parsed = parse_bytes(data, PurePath(filename).stem + suffix, limits=limits)
    text = parsed.text
    if PurePath(filename).suffix.lower() == ".eml" or _looks_like_email(text):
        text = _SUBJECT.sub("", _HEADER.sub("", text)).strip()
    return Brief(filename, text, split_sentences(text))


def _looks_like_email(text: str) -> bool:
    head = text[:2000]
    return bool(re.search(r"^subject\s*:", head, re.IGNORECASE | re.MULTILINE)) and bool(
        re.search(r"^(from|to)\s*:", head, re.IGNORECASE | re.MULTILINE)
    )


def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences and lines, list markers and heading marks removed; table rows become their
    cells joined by semicolons."""
    found: list[str] = []
    for piece in _SPLIT.split(text):
        line = _MARKUP.sub("", piece).strip()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue  # a table's separator row
            line = "; ".join(cell for cell in cells if cell)
        while line:
            found.append(line[:SENTENCE_MAX].strip())
            line = line[SENTENCE_MAX:].strip()
        if len(found) >= MAX_SENTENCES:
            break
    return tuple(sentence for sentence in found[:MAX_SENTENCES] if sentence)
