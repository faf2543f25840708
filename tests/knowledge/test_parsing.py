from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from mcc.knowledge.parsing import (
    DocumentTooLargeError,
    EmptyDocumentError,
    UnreadableDocumentError,
    UnsupportedFormatError,
    parse_bytes,
    parse_file,
)


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid PDF (one page, Helvetica), built by hand so no PDF writer is needed."""
    text = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title:
        objects.append(f"<< /Title ({title}) >>".encode())
    return pdf_of(objects, info=6 if title else None)


def pdf_of(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF file of `objects` (object 1 the catalog), with its cross-reference table;
    `info`: the number of the document-information object, if any."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_ref,
        xref,
    )
    return bytes(out)


def make_docx() -> bytes:
    document = Document()
    document.core_properties.title = "Webinar Runbook"
    document.add_heading("Webinar Runbook", level=1)
    document.add_paragraph("Run a dry run two days before the event.")
    document.add_heading("Promotion", level=2)
    document.add_paragraph("Send the invitation three weeks out", style="List Bullet")
    document.add_paragraph("Send a reminder the day before", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Step", "Owner"
    table.cell(1, 0).text, table.cell(1, 1).text = "Dry run", "Producer"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_markdown_front_matter_becomes_json_metadata() -> None:
    source = (
        b"---\ntitle: Tier Rules\ncategory: playbooks\nupdated: 2026-09-15\ntags: [a, b]\n---\n"
    )
    doc = parse_bytes(source + b"# Heading\n\nBody text.\n", "tiers.md")
    assert doc.title == "Tier Rules"
    assert doc.metadata == {
        "title": "Tier Rules",
        "category": "playbooks",
        "updated": "2026-09-15",
        "tags": ["a", "b"],
    }
    assert doc.category == "playbooks"
    assert doc.text == "# Heading\n\nBody text."
    assert doc.format == "markdown"


def test_markdown_title_falls_back_to_first_heading_then_file_name() -> None:
    assert parse_bytes(b"Intro\n\n# Launch Guide\n\ntext", "x.md").title == "Launch Guide"
    assert parse_bytes(b"just text", "paid-media_notes.txt").title == "paid media notes"


def test_invalid_front_matter_is_a_clear_error() -> None:
    with pytest.raises(UnreadableDocumentError, match="front matter"):
        parse_bytes(b"---\ntitle: [unclosed\n---\nbody", "bad.md")
    with pytest.raises(UnreadableDocumentError, match="mapping"):
        parse_bytes(b"---\n- a list\n---\nbody", "bad.md")


def test_html_structure_is_kept_as_markdown() -> None:
    html = b"""<html><head><title>Events Guide</title><style>p{}</style></head><body>
    <nav>Home | About</nav><h1>Events</h1><p>Book the   venue early.</p>
    <h2>Checklist</h2><ul><li>Venue</li><li>Catering</li></ul>
    <table><tr><th>Tier</th><th>Lead</th></tr><tr><td>1</td><td>12 weeks</td></tr></table>
    <script>alert('x')</script></body></html>"""
    doc = parse_bytes(html, "events.html")
    assert doc.title == "Events Guide"
    assert "# Events" in doc.text
    assert "## Checklist" in doc.text
    assert "- Venue\n- Catering" in doc.text
    assert "| Tier | Lead |\n| --- | --- |\n| 1 | 12 weeks |" in doc.text
    assert "Book the venue early." in doc.text
    assert "alert" not in doc.text
    assert "Home" not in doc.text
    assert "p{}" not in doc.text


def test_pdf_text_and_title() -> None:
    doc = parse_bytes(make_pdf(["Paid media pacing", "Review spend weekly."], "Pacing"), "p.pdf")
    assert doc.title == "Pacing"
    assert "Paid media pacing" in doc.text
    assert "Review spend weekly." in doc.text
    assert doc.format == "pdf"


def test_docx_headings_lists_and_tables() -> None:
    doc = parse_bytes(make_docx(), "runbook.docx")
    assert doc.title == "Webinar Runbook"
    assert "# Webinar Runbook" in doc.text
    assert "## Promotion" in doc.text
    assert "- Send the invitation three weeks out\n- Send a reminder the day before" in doc.text
    assert "| Step | Owner |\n| --- | --- |\n| Dry run | Producer |" in doc.text


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"%PDF-1.4 garbage", "broken.pdf", UnreadableDocumentError),
        (b"PK\x03\x04 not a zip", "broken.docx", UnreadableDocumentError),
        (b"\x00\x01\x02binary", "notes.txt", UnreadableDocumentError),
        (b"hello", "sheet.xlsx", UnsupportedFormatError),
        (b"hello", "README", UnsupportedFormatError),
        (b"", "empty.md", EmptyDocumentError),
        (b"  \n\n ", "blank.txt", EmptyDocumentError),
        (b"---\ntitle: Only metadata\n---\n", "meta.md", EmptyDocumentError),
        (b"<html><script>x()</script></html>", "s.html", EmptyDocumentError),
    ],
)
def test_bad_files_raise_typed_errors(data: bytes, name: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        parse_bytes(data, name)
    assert name in str(caught.value)


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(DocumentTooLargeError, match="2,048 bytes") as caught:
        parse_file(path, max_bytes=1024)
    assert caught.value.status_code == 413
    assert parse_file(path, max_bytes=4096).text == "x" * 2048


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError):
        parse_file(tmp_path / "gone.md")


def test_windows_1252_text_is_decoded() -> None:
    assert parse_bytes("caf\u00e9 budget".encode("cp1252"), "n.txt").text == "caf\u00e9 budget"


def test_a_long_docx_looks_each_paragraph_style_up_once_per_style(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """python-docx scans every style of the document to resolve an unstyled paragraph's style:
    3 ms a paragraph, so a 20,000-paragraph handbook took 89 s to read (near the child's 120 s)."""
    from docx.text.paragraph import Paragraph

    lookups = 0
    style = vars(Paragraph)["style"]  # the property itself (its stubs type it as overloaded)
    assert isinstance(style, property)
    assert style.fget is not None
    resolve = style.fget

    def counted(paragraph: Paragraph) -> object:
        nonlocal lookups
        lookups += 1
        return resolve(paragraph)

    document = Document()
    document.add_heading("Handbook", level=1)
    for n in range(300):
        document.add_paragraph(f"Plain paragraph {n} about the launch.")
        document.add_paragraph(f"Point {n}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    monkeypatch.setattr(Paragraph, "style", property(counted, style.fset))
    doc = parse_bytes(buffer.getvalue(), "handbook.docx")
    assert lookups == 3  # Heading 1, Normal, List Bullet
    assert doc.text.startswith("# Handbook\n\nPlain paragraph 0 about the launch.\n\n- Point 0")
    assert doc.text.endswith("Plain paragraph 299 about the launch.\n\n- Point 299")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_its_byte_order_mark_is_read_not_called_binary(encoding: str) -> None:
    """Notepad's "Unicode" saves UTF-16 with a byte-order mark: once refused as binary."""
    text = "# Café launch\n\nThe naïve brief – approved.\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec writes its own mark; the others need one
        data = ("\ufeff" + text).encode(encoding)
    doc = parse_bytes(data, "brief.md")
    assert (doc.title, doc.text) == ("Café launch", text.strip())


def test_binary_junk_behind_a_utf16_mark_is_refused_with_what_to_do() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"not; save it as UTF-8"):
        parse_bytes(b"\xff\xfe" + b"\x00\xd8" * 5 + b"a", "junk.txt")
