"""Reading files for the knowledge base: walk folders, parse each file, and say why one failed.

A file's key is its path relative to the folder given (so `playbooks/x.md` from a folder, or just
the name for a single file); its category is its first folder (playbooks, guidelines, templates,
or any name), or the front matter's `category`, or "general". One bad file never stops the rest.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mcc.knowledge.chunking import chunk_text
from mcc.knowledge.parsing import (
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    ParsedDocument,
    parse_bytes,
    read_checked,
)
from mcc.playbooks.errors import RulesError
from mcc.playbooks.validation import check_playbook, decode_rules, defines_rules

DEFAULT_CATEGORY = "general"
CATEGORY = re.compile(r"[a-z0-9][a-z0-9 _-]{0,49}")
KEY_MAX = 500


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


UPLOAD_CHUNK = 1024 * 1024


async def read_upload(read: Callable[[int], Awaitable[bytes]], name: str, limit: int) -> bytes:
    """An uploaded file's bytes, read a chunk at a time and refused (413) once past `limit`,
    so an oversized upload is never held whole. The web form and GraphQL both read this way."""
    data = bytearray()
    while chunk := await read(UPLOAD_CHUNK):
        data.extend(chunk)
        if len(data) > limit:
            raise DocumentTooLargeError(f"{name or 'The file'}: larger than {limit:,} bytes", name)
    return bytes(data)


DISCONNECT_POLL = 0.5  # seconds; Starlette's `is_disconnected` looks without waiting


def until_disconnected(
    is_disconnected: Callable[[], Awaitable[bool]],
) -> Callable[[], Awaitable[None]]:
    """What `parse_upload` waits on to notice the uploader left (a request's `is_disconnected`,
    the public way to ask, through every middleware): the server never cancels a request whose
    client closed the connection, so its parse would otherwise run on to the end."""

    async def gone() -> None:
        while True:  # polled: Starlette offers no event to wait on
            if await is_disconnected():
                return
            await asyncio.sleep(DISCONNECT_POLL)

    return gone


def upload_name(filename: str) -> str:
    """The document name an uploaded file's name gives: its last path part, whether the browser
    sent a POSIX or a Windows path (`C:\\Users\\ana\\brief.md` is `brief.md`), with control and
    invisible format characters percent-encoded (a right-to-left override would make
    `\\u202egpj.md` read as "dm.jpg" on the Knowledge page)."""
    name = re.split(r"[\\/]", filename)[-1].strip()
    return "".join(
        quote(char, safe="") if unicodedata.category(char) in ("Cc", "Cf") else char
        for char in name
    )


def read_file(
    path: Path, *, key: str, source: str, category: str | None = None,
    max_bytes: int | None = None,
) -> SourceFile:  # fmt: skip
    """Parse one file; raises `DocumentError` (empty, unreadable, unsupported, too large).
    `max_bytes` defaults to the process's `ParseLimits`. The file is read once, so the stored
    hash is always that of the parsed text."""
    data = read_checked(path, max_bytes=max_bytes)
    return read_bytes(key, data, source=source, category=category, max_bytes=max_bytes)


def read_bytes(
    key: str, data: bytes, *, source: str, category: str | None = None,
    max_bytes: int | None = None, folder_first: bool = True,
) -> SourceFile:  # fmt: skip
    """Parse an upload named `key`; raises `DocumentError` like `read_file`. CPU-bound (a PDF or
    DOCX takes a while): call it in a thread from async code. `folder_first=False` puts the front
    matter's category before the key's folder (an upload's `uploads/` is no folder anyone chose)."""
    document = parse_bytes(data, key, max_bytes=max_bytes)
    return source_file(key, data, document, source, category, folder_first=folder_first)


def source_file(
    key: str, data: bytes, document: ParsedDocument, source: str, category: str | None,
    *, folder_first: bool = True,
) -> SourceFile:  # fmt: skip
    """The `SourceFile` for a document parsed already (by `read_bytes`, or in a child process:
    see `parse_process`); raises `DocumentError` like `read_file`. CPU-bound (it chunks)."""
    if len(key) > KEY_MAX:  # the document key column holds 500 characters
        raise DocumentError(
            f"{key[:60]}...: the path is longer than {KEY_MAX} characters", key[:80]
        )
    folder = key.split("/", 1)[0] if "/" in key else None
    implied = (folder, document.category) if folder_first else (document.category, folder)
    chosen = (category or implied[0] or implied[1] or DEFAULT_CATEGORY).strip().lower()
    if not CATEGORY.fullmatch(chosen):
        raise DocumentError(
            f"{key}: category {chosen[:60]!r} must be 1-50 letters, digits, spaces, - or _", key
        )
    if not chunk_text(key, document.title, document.text):
        # Headings and no text: nothing to index. Refused here, before it is stored: once stored,
        # it made every index build fail, so every search and every later ingest failed too.
        raise EmptyDocumentError(f"{key} has only headings, no text to index.", key)
    _check_rules(key, data, document)
    return SourceFile(key, source, chosen, data, document)


def _check_rules(key: str, data: bytes, document: ParsedDocument) -> None:
    """Playbook rules hook (`mcc.playbooks`): a tier policy or checklist that is broken is
    refused here, with the line at fault, before anything is stored; the old one stays."""
    if not defines_rules(document.text, document.metadata):
        return
    textual = key.lower().endswith((".md", ".markdown", ".txt"))
    try:
        check_playbook(key, decode_rules(key, data) if textual else document.text)
    except RulesError as error:
        raise DocumentError(error.message, key) from None


def discover(path: Path) -> Iterator[tuple[Path, str, str | None]]:
    """(file, key, problem) under `path`. Hidden files and folders are skipped; anything that is
    not a regular file inside the folder (a link out of it, a device, a pipe, a dangling link)
    comes with the reason it will not be read, so the operator sees it."""
    if not path.is_dir():
        problem = None if path.is_file() else "not a regular file"
        yield path, path.name, problem
        return
    root = path.resolve()
    for entry in sorted(path.rglob("*")):
        relative = entry.relative_to(path)
        if any(part.startswith(".") for part in relative.parts) or (
            entry.is_dir() and not entry.is_symlink()
        ):
            continue
        key = relative.as_posix()
        target = entry.resolve()
        if entry.is_symlink() and not target.is_relative_to(root):
            yield entry, key, "a link to outside the folder: not read"
        elif entry.is_symlink() and target.is_dir():
            continue  # a link to a folder inside: its files are reached directly
        elif not target.is_file():
            yield entry, key, "not a regular file (device, pipe or dangling link): not read"
        else:
            yield entry, key, None
