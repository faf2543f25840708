"""Turn an uploaded or bundled file into a `ParsedDocument`: a title, Markdown-ish text, metadata.

Every format is normalised to the same light Markdown (``#`` headings, ``-`` list items, ``|`` table
rows) so that one chunker handles them all and stays heading-aware whatever the source was:

- Markdown (``.md``, ``.markdown``): YAML front matter becomes metadata; the body is kept as is.
- Plain text (``.txt``): kept as is.
- HTML (``.html``, ``.htm``): ``<h1>``–``<h6>``, lists and tables are rewritten as Markdown;
  scripts, styles and navigation chrome are dropped.
- PDF: the text of each page (PDF has no reliable headings, so none are invented).
- DOCX: "Heading N" / "Title" paragraph styles become headings, list styles become items, tables
  become pipe rows.

The title is the first of: front matter ``title``, the document's own title (HTML ``<title>``,
DOCX/PDF core properties, DOCX "Title" style), the first ``#`` heading, the file name's stem.

Every limit is checked before the work it bounds (`ParseLimits`): the file size before reading, a
zip's central directory (total uncompressed size, per-member compression ratio) before anything is
extracted, front matter's size before YAML parses it (and YAML anchors/aliases are refused, so an
alias bomb never expands), and the extracted text as it is produced (PDF page by page). A
server's limits come from its settings through `configure_limits`.

Bad input raises a `DocumentError` subclass with a message a user can act on and changes nothing:

    ValidationError (422)
    └── DocumentError
        ├── UnsupportedFormatError (415)   extension we do not read
        ├── DocumentTooLargeError (413)    more bytes than ``max_bytes``, a zip bomb, too much text
        ├── UnreadableDocumentError (422)  corrupt file, bad encoding, invalid front matter
        └── EmptyDocumentError (422)       parsed fine, but no text to index
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Final

import yaml

from mcc.exceptions import ValidationError
from mcc.knowledge.html_text import html_to_markdown

if TYPE_CHECKING:  # python-docx is imported when a DOCX is read, not with this module
    from docx.text.paragraph import Paragraph

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "ParseLimits",
    "ParsedDocument",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "configure_limits",
    "current_limits",
    "parse_bytes",
    "parse_file",
    "read_checked",
]

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024


@dataclass(frozen=True)
class ParseLimits:
    """What one document may cost to parse. Defaults suit playbooks: a 400-page manual is about
    1M characters of text; a real DOCX's XML compresses 5-20x, a zip bomb's 1000x."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_text_chars: int = 2_000_000
    max_unzipped_bytes: int = 64 * 1024 * 1024
    max_zip_ratio: int = 100  # for members over `_RATIO_FLOOR`: tiny files may compress well
    max_zip_members: int = 2000
    # An XML part is parsed into a tree several times its size; images are only copied.
    max_zip_xml_bytes: int = 16 * 1024 * 1024
    max_front_matter_bytes: int = 64 * 1024
    max_metadata_bytes: int = 16 * 1024
    # The stdlib HTML parser costs ~20 µs of pure Python per tag, holding the GIL: a long web
    # page has a few thousand tags, a 1 MB file of `<div>` 200,000 (seconds of a stalled server).
    max_html_tags: int = 50_000


_limits = ParseLimits()
_RATIO_FLOOR: Final = 1024 * 1024


def configure_limits(limits: ParseLimits) -> None:
    """Set this process's limits (a server applies its settings once, at start-up)."""
    global _limits  # one process, one configuration, like logging
    _limits = limits


def current_limits() -> ParseLimits:
    return _limits


SUPPORTED_EXTENSIONS: Final[Mapping[str, str]] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_ATX_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_BLANK_RUNS = re.compile(r"\n{3,}")


# Titles are stored in VARCHAR(500) columns; a longer one (a 700-character heading) was a 500
# on PostgreSQL. Shortened, not refused: the text keeps the heading whole.
TITLE_MAX = 300


class DocumentError(ValidationError):
    """A file that cannot become a document; ``fields`` names the file."""

    code = "DOCUMENT_INVALID"

    def __init__(self, message: str, filename: str | None = None) -> None:
        super().__init__(message, fields={"file": filename} if filename else None)
        self.filename = filename


class UnsupportedFormatError(DocumentError):
    code = "UNSUPPORTED_FORMAT"
    status_code = 415


class DocumentTooLargeError(DocumentError):
    code = "DOCUMENT_TOO_LARGE"
    status_code = 413


class UnreadableDocumentError(DocumentError):
    code = "DOCUMENT_UNREADABLE"


class EmptyDocumentError(DocumentError):
    code = "DOCUMENT_EMPTY"


JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


@dataclass(frozen=True)
class ParsedDocument:
    """A document ready to chunk. ``text`` is light Markdown; ``metadata`` is JSON-compatible
    (front matter dates become ISO strings) so that a caller can store it as is."""

    title: str
    text: str
    metadata: dict[str, JsonValue] = field(default_factory=dict)
    format: str = "text"

    @property
    def category(self) -> str | None:
        value = self.metadata.get("category")
        return str(value) if isinstance(value, str | int) and str(value).strip() else None


def parse_file(path: Path, *, max_bytes: int | None = None) -> ParsedDocument:
    """Parse a file on disk; the size is checked before the file is read."""
    return parse_bytes(read_checked(path, max_bytes=max_bytes), path.name, max_bytes=max_bytes)


def read_checked(path: Path, *, max_bytes: int | None = None) -> bytes:
    """A file's bytes, after checking its type and size (a huge file is never read)."""
    name = path.name
    _check_extension(name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocumentError(f"Cannot read {name}: {exc.strerror}", name) from exc
    _check_size(size, _limits.max_bytes if max_bytes is None else max_bytes, name)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocumentError(f"Cannot read {name}: {exc.strerror}", name) from exc


def parse_bytes(
    data: bytes, filename: str, *, max_bytes: int | None = None, limits: ParseLimits | None = None
) -> ParsedDocument:
    """Parse an upload; the format comes from ``filename``'s extension (content sniffing would
    let a renamed binary through to a parser that then fails less clearly). CPU-bound: callers
    on an event loop run it in a thread."""
    limits = limits or _limits
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    fmt = _check_extension(filename)
    _check_size(len(data), limits.max_bytes, filename)
    if not data.strip():
        raise EmptyDocumentError(f"{filename} is empty.", filename)
    stem = PurePath(filename).stem.replace("-", " ").replace("_", " ").strip() or filename
    metadata: dict[str, JsonValue] = {}
    own_title: str | None = None
    if fmt in ("markdown", "text"):
        text = _decode(data, filename)
        if fmt == "markdown":
            metadata, text = _split_front_matter(text, filename, limits)
    elif fmt == "html":
        html = _decode(data, filename)
        if html.count("<") > limits.max_html_tags:  # counted in C, before any parsing
            raise DocumentTooLargeError(
                f"{filename} has more than {limits.max_html_tags:,} HTML tags; save it as PDF "
                "or Markdown, or split it.",
                filename,
            )
        own_title, text = html_to_markdown(html)
    elif fmt == "pdf":
        own_title, text = _pdf_to_text(data, filename, limits.max_text_chars)
    else:
        _check_zip(data, filename, limits)
        own_title, text = _docx_to_markdown(data, filename)
    _check_text(len(text), limits.max_text_chars, filename)
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise EmptyDocumentError(f"{filename} has no text to index.", filename)
    title = _first_str(metadata.get("title"), own_title, _first_heading(text), stem)[:TITLE_MAX]
    return ParsedDocument(title=title, text=text, metadata=metadata, format=fmt)


def _check_text(chars: int, limit: int, filename: str) -> None:
    if chars > limit:
        raise DocumentTooLargeError(
            f"{filename} has more than {limit:,} characters of text; split it into smaller "
            "documents (or raise MCC_KNOWLEDGE_MAX_TEXT_CHARS).",
            filename,
        )


def _check_zip(data: bytes, filename: str, limits: ParseLimits) -> None:
    """Judge a zip (DOCX) by its central directory, before anything is decompressed.

    The declared sizes are binding: `zipfile` stops a member at its declared size and fails its
    CRC check if the stream holds more, so a lying directory cannot smuggle a bomb past this.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        message = f"{filename} is not a readable DOCX: {exc}"
        raise UnreadableDocumentError(message, filename) from exc
    if len(members) > limits.max_zip_members:
        message = f"{filename} holds {len(members):,} files; at most {limits.max_zip_members:,}."
        raise DocumentTooLargeError(message, filename)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
            raise DocumentTooLargeError(
                f"{filename}: {member.filename} is compressed {ratio:,.0f} to 1 (at most "
                f"{limits.max_zip_ratio} to 1): refused as a likely zip bomb.",
                filename,
            )
        if (
            member.filename.endswith((".xml", ".rels"))
            and member.file_size > limits.max_zip_xml_bytes
        ):
            raise DocumentTooLargeError(
                f"{filename}: {member.filename} unpacks to {member.file_size:,} bytes of XML; "
                f"at most {limits.max_zip_xml_bytes:,}.",
                filename,
            )
    if total > limits.max_unzipped_bytes:
        raise DocumentTooLargeError(
            f"{filename} unpacks to {total:,} bytes; the limit is "
            f"{limits.max_unzipped_bytes:,} bytes.",
            filename,
        )


def _check_extension(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    fmt = SUPPORTED_EXTENSIONS.get(suffix)
    if fmt is None:
        known = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise UnsupportedFormatError(
            f"{filename}: unsupported file type {suffix or '(none)'}; supported: {known}.", filename
        )
    return fmt


def _check_size(size: int, max_bytes: int, filename: str) -> None:
    if size > max_bytes:
        raise DocumentTooLargeError(
            f"{filename} is {size:,} bytes; the limit is {max_bytes:,} bytes.", filename
        )


_UTF16_MARKS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode(data: bytes, filename: str) -> str:
    # Notepad's "Unicode" and Excel's "Unicode Text" save UTF-16 with its byte-order mark: every
    # other byte of English is NUL, which the binary check below took for a binary file.
    if data.startswith(_UTF16_MARKS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocumentError(
                f"{filename} starts as UTF-16 text but is not; save it as UTF-8.", filename
            ) from None
    if b"\x00" in data[:4096]:
        raise UnreadableDocumentError(f"{filename} looks like a binary file, not text.", filename)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocumentError(f"{filename} is not UTF-8 or Windows-1252 text.", filename)


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, minus anchors and aliases: front matter never needs them, and an
    alias bomb ("billion laughs") turns a few hundred bytes into gigabytes when expanded."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError("anchors and aliases (& and *) are not allowed")
        return super().compose_node(parent, index)


# PyYAML recurses once per level: 1,000 nested "[" took 2-3 s to end in a RecursionError.
MAX_FRONT_MATTER_NESTING = 50


def _bracket_depth(raw: str) -> int:
    """The deepest nesting of flow brackets, counted before YAML parses anything. Brackets inside
    quotes count too, so this can only overestimate: fine for a limit no real front matter nears."""
    depth = deepest = 0
    for char in raw:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _split_front_matter(
    text: str, filename: str, limits: ParseLimits
) -> tuple[dict[str, JsonValue], str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text.lstrip("\ufeff")
    raw = match.group(1)
    if len(raw.encode()) > limits.max_front_matter_bytes:
        raise DocumentTooLargeError(
            f"{filename}: front matter is larger than {limits.max_front_matter_bytes:,} bytes.",
            filename,
        )
    if _bracket_depth(raw) > MAX_FRONT_MATTER_NESTING:
        raise UnreadableDocumentError(f"{filename}: front matter is nested too deeply.", filename)
    try:
        loaded = yaml.load(raw, Loader=_NoAliasLoader)  # noqa: S506 - a safe loader, stricter
    except yaml.YAMLError as exc:
        raise UnreadableDocumentError(
            f"{filename}: invalid YAML front matter: {exc}", filename
        ) from exc
    except (ValueError, OverflowError) as exc:  # a value YAML reads as a date that is none
        raise UnreadableDocumentError(  # ("date: 2026-02-30" was an INTERNAL error)
            f"{filename}: invalid YAML front matter: {exc}", filename
        ) from exc
    except RecursionError as exc:
        raise UnreadableDocumentError(
            f"{filename}: front matter is nested too deeply.", filename
        ) from exc
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise UnreadableDocumentError(
            f"{filename}: front matter must be a mapping of keys to values.", filename
        )
    metadata = {str(key): _jsonable(value) for key, value in loaded.items()}
    # Metadata is stored with the document and shown on every knowledge page: keep it small.
    size = len(json.dumps(metadata, ensure_ascii=False).encode())
    if size > limits.max_metadata_bytes:
        raise DocumentTooLargeError(
            f"{filename}: front matter metadata is {size:,} bytes; at most "
            f"{limits.max_metadata_bytes:,}.",
            filename,
        )
    return metadata, text[match.end() :]


def _jsonable(value: object) -> JsonValue:
    """YAML gives dates, sets and nested oddities; a database JSON column takes none of them."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def _first_heading(text: str) -> str | None:
    match = _ATX_H1.search(text)
    return match.group(1).strip() if match else None


def _first_str(*candidates: object) -> str:
    for candidate in candidates:
        if isinstance(candidate, str | int | float) and str(candidate).strip():
            return " ".join(str(candidate).split())
    return ""


def _pdf_to_text(data: bytes, filename: str, max_chars: int) -> tuple[str | None, str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocumentError(f"{filename} is password-protected.", filename)
        pages: list[str] = []
        chars = 0
        for page in reader.pages:  # stop at the cap, not after extracting every page
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            _check_text(chars, max_chars, filename)
        title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocumentError(f"{filename} is not a readable PDF: {exc}", filename) from exc
    return (str(title) if title else None), "\n\n".join(page.strip() for page in pages)


def _docx_to_markdown(data: bytes, filename: str) -> tuple[str | None, str]:
    """The DOCX's text as Markdown; XML that cannot be read (malformed, too deep, an entity
    amplification lxml refuses) is an unreadable document, never an internal error."""
    from lxml import etree

    try:
        return _docx_text(data, filename)
    except (etree.LxmlError, RecursionError) as exc:
        raise UnreadableDocumentError(
            f"{filename} is not a readable DOCX: {_xml_problem(exc)}", filename
        ) from exc


# lxml's own words for a tree past its depth limit end with advice for the programmer
# ("use XML_PARSE_HUGE option"), which an admin who uploaded a file can do nothing with.
_TOO_DEEP = re.compile(r"excessive depth|XML_PARSE_HUGE", re.I)


def _xml_problem(error: BaseException) -> str:
    """What is wrong with a DOCX's XML, in words for the person who uploaded it."""
    if isinstance(error, RecursionError) or _TOO_DEEP.search(str(error)):
        return (
            "its XML nests elements too deeply (over 256 levels; Word writes a few dozen). "
            "Open it in Word and save it again, or upload it as PDF."
        )
    where = getattr(error, "position", None)  # (line, column) of a syntax error
    at = f" (line {where[0]}, column {where[1]})" if where else ""
    return f"its XML is malformed{at}. Open it in Word and save it again, or upload it as PDF."


def _style_name(paragraph: Paragraph, names: dict[str | None, str]) -> str:
    """The paragraph's style name, looked up once per style id: python-docx resolves an unstyled
    paragraph's default style by scanning every style of the document each time (3 ms), so a
    20,000-paragraph DOCX took 89 s to read and a longer one ran past the parse's 120 s."""
    style_id = paragraph._p.style  # the w:pStyle id; None for the default style
    if style_id not in names:
        style = paragraph.style
        names[style_id] = (style.name if style is not None else "") or ""
    return names[style_id]


def _docx_text(data: bytes, filename: str) -> tuple[str | None, str]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocumentError(
            f"{filename} is not a readable DOCX: {exc}", filename
        ) from exc
    title: str | None = document.core_properties.title or None
    parts: list[str] = []
    style_names: dict[str | None, str] = {}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [
                "| "
                + " | ".join(" ".join(c.text.split()).replace("|", "\\|") for c in r.cells)
                + " |"
                for r in block.rows
            ]
            if rows:
                rows.insert(1, "|" + " --- |" * len(block.columns))
                parts.append("\n".join(rows))
            continue
        assert isinstance(block, Paragraph)
        text = " ".join(block.text.split())
        if not text:
            continue
        style = _style_name(block, style_names)
        heading = re.fullmatch(r"Heading (\d)", style)
        if style == "Title":
            title = title or text
            parts.append(f"# {text}")
        elif heading:
            parts.append("#" * min(int(heading.group(1)), 6) + " " + text)
        elif style.startswith("List"):
            parts.append(f"- {text}")
        else:
            parts.append(text)
    # List items are joined by single newlines so the chunker sees one list, not many paragraphs.
    text = "\n\n".join(parts)
    text = re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", text)
    text = re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", text)
    return title, text
