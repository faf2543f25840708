"""HTML to the light Markdown `parsing` produces: headings, lists, tables and code blocks kept,
scripts, styles and navigation chrome dropped (split out of `parsing`, which grew past its size)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

__all__ = ["html_to_markdown"]


class _HtmlToMarkdown(HTMLParser):
    """Stdlib parser (no lxml/bs4 needed): enough structure for heading-aware chunking."""

    _SKIP: Final = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer"})
    _BLOCK: Final = frozenset(
        {"p", "div", "section", "article", "main", "header", "blockquote", "dl", "dt", "dd", "br"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title: str | None = None
        self._skip_depth = 0
        self._in_title = False
        self._pre = 0
        self._list_depth = 0
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in ("ul", "ol"):
            self._list_depth += 1
        elif tag == "li":
            self.out.append("\n" + "  " * max(self._list_depth - 1, 0) + "- ")
        elif tag == "pre":
            self._pre += 1
            self.out.append("\n\n```\n")
        elif tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag in self._BLOCK:
            self.out.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(self._skip_depth - 1, 0)
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK:
            self.out.append("\n\n")
        elif tag in ("ul", "ol"):
            self._list_depth = max(self._list_depth - 1, 0)
            self.out.append("\n\n")
        elif tag == "pre":
            self._pre = max(self._pre - 1, 0)
            self.out.append("\n```\n\n")
        elif tag in ("td", "th") and self._rows is not None and self._cell is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append(" ".join("".join(self._cell).split()).replace("|", "\\|"))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            rows = [row for row in self._rows if row]
            self._rows = None
            if rows:
                width = max(len(row) for row in rows)
                lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
                lines.insert(1, "|" + " --- |" * width)
                self.out.append("\n\n" + "\n".join(lines) + "\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self.title = ((self.title or "") + data).strip()
        elif self._cell is not None:
            self._cell.append(data)
        elif self._pre:
            self.out.append(data)
        else:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_markdown(html: str) -> tuple[str | None, str]:
    """(the `<title>`, or None; the page as light Markdown). Pure Python holding the GIL (about
    20 µs a tag): `parsing` counts the tags against its limit before calling this."""
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    lines = (line.rstrip() for line in "".join(parser.out).split("\n"))
    return parser.title or None, "\n".join(lines)
