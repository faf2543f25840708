"""Each parsing limit refuses before the work it bounds, with a message naming the limit."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document

from mcc.knowledge.parsing import (
    DocumentTooLargeError,
    ParseLimits,
    UnreadableDocumentError,
    configure_limits,
    current_limits,
    parse_bytes,
)
from tests.knowledge.test_parsing import make_docx, make_pdf
from tests.support.bombs import billion_laughs_markdown, zip_bomb_docx


def test_zip_bomb_is_refused_from_the_central_directory_in_milliseconds() -> None:
    bomb = zip_bomb_docx(600 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(DocumentTooLargeError, match=r"compressed .* to 1") as caught:
        parse_bytes(bomb, "bomb.docx")
    assert time.perf_counter() - started < 0.5
    assert caught.value.status_code == 413


def test_total_uncompressed_size_is_capped_even_at_a_normal_ratio() -> None:
    docx = make_docx()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        total = sum(member.file_size for member in archive.infolist())
    with pytest.raises(DocumentTooLargeError, match=f"unpacks to {total:,} bytes"):
        parse_bytes(docx, "runbook.docx", limits=ParseLimits(max_unzipped_bytes=total - 1))
    assert parse_bytes(docx, "runbook.docx", limits=ParseLimits(max_unzipped_bytes=total)).text


def test_an_oversized_xml_part_is_refused_before_python_docx_parses_it() -> None:
    docx = make_docx()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        size = archive.getinfo("word/document.xml").file_size
    limits = ParseLimits(max_zip_xml_bytes=size - 1)
    with pytest.raises(DocumentTooLargeError, match=f"document.xml unpacks to {size:,} bytes"):
        parse_bytes(docx, "runbook.docx", limits=limits)


def test_a_zip_with_thousands_of_members_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(30):
            archive.writestr(f"part{number}.xml", "<x/>")
    with pytest.raises(DocumentTooLargeError, match="holds 30 files; at most 20"):
        parse_bytes(out.getvalue(), "many.docx", limits=ParseLimits(max_zip_members=20))


def test_extracted_text_is_capped_for_every_format() -> None:
    limits = ParseLimits(max_text_chars=1000)
    long_line = "word " * 400  # 2,000 characters
    document = Document()
    document.add_paragraph(long_line)
    buffer = io.BytesIO()
    document.save(buffer)
    samples = {
        "long.docx": buffer.getvalue(),
        "long.pdf": make_pdf([long_line]),
        "long.html": f"<p>{long_line}</p>".encode(),
        "long.md": long_line.encode(),
    }
    for name, data in samples.items():
        with pytest.raises(DocumentTooLargeError, match="more than 1,000 characters") as caught:
            parse_bytes(data, name, limits=limits)
        assert caught.value.status_code == 413, name
        assert parse_bytes(data, name, limits=ParseLimits(max_text_chars=3000)).text, name


def test_yaml_alias_bomb_is_refused_without_expanding() -> None:
    started = time.perf_counter()
    with pytest.raises(UnreadableDocumentError, match="anchors and aliases"):
        parse_bytes(billion_laughs_markdown(9), "laughs.md")
    assert time.perf_counter() - started < 0.5


def test_a_single_anchor_is_refused_too() -> None:
    text = b"---\nbase: &b {owner: ops}\ncopy: *b\n---\n# Body\n\ntext\n"
    with pytest.raises(UnreadableDocumentError, match="anchors and aliases"):
        parse_bytes(text, "anchors.md")


def test_front_matter_size_is_checked_before_parsing() -> None:
    front = "tags: [" + ", ".join(["tag"] * 300) + "]"  # about 1.5 KB
    text = f"---\n{front}\n---\n# Body\n\ntext\n".encode()
    with pytest.raises(DocumentTooLargeError, match="front matter is larger than 1,024 bytes"):
        parse_bytes(text, "big.md", limits=ParseLimits(max_front_matter_bytes=1024))
    assert len(parse_bytes(text, "big.md").metadata["tags"]) == 300  # type: ignore[arg-type]


def test_stored_metadata_size_is_capped() -> None:
    text = b"---\ntitle: T\nnotes: " + b"x" * 600 + b"\n---\nbody\n"
    with pytest.raises(DocumentTooLargeError, match=r"metadata is .* at most 512"):
        parse_bytes(text, "notes.md", limits=ParseLimits(max_metadata_bytes=512))


def test_deeply_nested_front_matter_is_a_clear_error() -> None:
    text = b"---\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nbody\n"
    with pytest.raises(UnreadableDocumentError, match="front matter"):
        parse_bytes(text, "deep.md")


def _with_body_prefix(docx: bytes, xml: bytes) -> bytes:
    """`docx` with `xml` inserted at the start of its document body."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + xml, 1)
            target.writestr(member, data)
    return out.getvalue()


def test_a_docx_nested_thousands_deep_gets_advice_for_the_uploader_not_for_lxml() -> None:
    """lxml's message ended "use XML_PARSE_HUGE option": advice for a programmer, shown to an
    admin who had uploaded a file."""
    deep = _with_body_prefix(make_docx(), b"<w:sdt>" * 5000 + b"</w:sdt>" * 5000)
    with pytest.raises(UnreadableDocumentError) as caught:
        parse_bytes(deep, "deep.docx")
    message = caught.value.message
    assert "nests elements too deeply" in message
    assert "save it again" in message
    assert "XML_PARSE_HUGE" not in message


def test_malformed_docx_xml_says_where_without_lxml_internals() -> None:
    broken = _with_body_prefix(make_docx(), b"<w:p><oops")
    with pytest.raises(UnreadableDocumentError, match=r"XML is malformed \(line \d+, column"):
        parse_bytes(broken, "broken.docx")


def test_configured_limits_apply_to_every_parse() -> None:
    before = current_limits()
    configure_limits(ParseLimits(max_bytes=2048, max_text_chars=1000))
    try:
        with pytest.raises(DocumentTooLargeError, match="limit is 2,048 bytes"):
            parse_bytes(b"x" * 4096, "big.txt")
        with pytest.raises(DocumentTooLargeError, match="1,000 characters"):
            parse_bytes(b"x" * 1500, "long.txt")
    finally:
        configure_limits(before)
    assert parse_bytes(b"x" * 4096, "big.txt").text
