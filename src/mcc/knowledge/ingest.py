"""Reading files for the knowledge base: walk folders, parse each file, and say why one failed.

A file's key is its path relative to the folder given (so `playbooks/x.md` from a folder, or just
the name for a single file); its category is its first folder (playbooks, guidelines, templates,
or any name), or the front matter's `category`, or "general". One bad file never stops the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mcc.knowledge.parsing import (
    DEFAULT_MAX_BYTES,
    ParsedDocument,
    UnreadableDocumentError,
    parse_bytes,
    parse_file,
)

DEFAULT_CATEGORY = "general"


@dataclass(frozen=True)
class SourceFile:
    key: str
    source: str
    category: str
    data: bytes
    document: ParsedDocument

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class FileProblem:
    path: str
    message: str


def read_file(
    path: Path, *, key: str, source: str, category: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceFile:  # fmt: skip
    """Parse one file; raises `DocumentError` (empty, unreadable, unsupported, too large)."""
    document = parse_file(path, max_bytes=max_bytes)  # checks type and size before reading
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocumentError(
            f"{key}: cannot read the file ({error.strerror})", key
        ) from None
    return _source(key, data, document, source, category)


def read_bytes(
    key: str, data: bytes, *, source: str, category: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceFile:  # fmt: skip
    """Parse an upload named `key`; raises `DocumentError` like `read_file`."""
    return _source(key, data, parse_bytes(data, key, max_bytes=max_bytes), source, category)


def _source(
    key: str, data: bytes, document: ParsedDocument, source: str, category: str | None
) -> SourceFile:
    folder = key.split("/", 1)[0] if "/" in key else None
    chosen = (category or folder or document.category or DEFAULT_CATEGORY).strip().lower()
    return SourceFile(key, source, chosen or DEFAULT_CATEGORY, data, document)


def discover(path: Path) -> Iterator[tuple[Path, str]]:
    """(file, key) pairs under `path`, hidden files and folders skipped (others are reported)."""
    if path.is_file():
        yield path, path.name
        return
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path)
        if file.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield file, relative.as_posix()
