"""Hostile inputs built in the test (none is stored in the repository): small on the wire,
enormous once expanded."""

from __future__ import annotations

import io
import zipfile

CHUNK = 1024 * 1024


def zip_bomb_docx(uncompressed_bytes: int = 600 * CHUNK) -> bytes:
    """A DOCX-shaped zip whose `word/document.xml` is `uncompressed_bytes` of zeros (600 MB
    compresses to about 600 KB). Written in chunks, so building it never holds the whole member."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = bytes(CHUNK)
            left = uncompressed_bytes
            while left > 0:
                member.write(zeros[: min(CHUNK, left)])
                left -= CHUNK
    return out.getvalue()


def billion_laughs_markdown(levels: int = 9) -> bytes:
    """Markdown whose front matter is the classic YAML alias bomb: 10^levels strings once
    expanded, under 1 KB as written."""
    lines = ["---", 'a0: &a0 "lol"']
    for level in range(1, levels + 1):
        previous = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{previous}]")
    lines += ["title: Laughs", "---", "", "# Laughs", "", "Body text."]
    return "\n".join(lines).encode()
