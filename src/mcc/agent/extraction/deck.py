"""The name of a brief copied from a slide deck or an outline: its title line.

A deck brief has no "Name:" label. Its name is the slide's title ("Slide 3 – Ledger Legends") or
the bare title line that heads the bullets ("Brief (copied from the deck)" / "Ledger Legends" /
"– Format: ..."), or a page's markdown heading ("# Ledger Legends" over "Type: ...", a Notion
export, whose later "## Notes" is a section, not a name). Read as a title by the looser name
rules, "Slide 3" would become the name and the title's words ("Roundtable", "Roadshow") could
pass for the campaign's type, so the title is read first and its words are masked.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text
from mcc.campaigns.schemas import NAME_MAX

# "Slide 3 – Title", "Slide 12: Title", "Page 2 - Title": the number is the slide's, not the name.
_SLIDE = re.compile(
    r"(?im)^[ \t]*(?:slide|page)[ \t]*\d{1,3}[ \t]*(?:[–—:-]|\|)[ \t]*(?P<title>[^\n:]+?)[ \t]*$"
)
# A line of the outline: a bullet, or a short label before its separator ("Format: ...").
_OUTLINE_LINE = re.compile(
    r"^[ \t]*(?:[-*•·–—>▪◦]+[ \t]*\S|[A-Za-z][A-Za-z' ()/]{0,30}?[ \t]*:[ \t]*\S)"
)
_NAME_LABEL = re.compile(
    r"(?im)^[ \t]*(?:[-*•·–—>]+[ \t]*)?(?:campaign[ \t]+)?(?:name|title)[ \t]*[:=]"
)
_WORD = re.compile(r"[^\s]+")
# A markdown heading's marks ("# Hush Hour Reading", a Notion page's title): no part of the title.
_HEADING_MARKS = re.compile(r"#{1,3}[ \t]+")
# Small words a title keeps in lower case ("Diwali Deals for SMBs", "Signal & Noise").
_SMALL = frozenset(
    {"a", "an", "and", "the", "of", "for", "in", "on", "to", "at", "by", "with", "&"}
)  # fmt: skip
# A heading's words that say what the text is rather than name a campaign ("Campaign Brief").
_GENERIC = frozenset(
    {"campaign", "brief", "request", "new", "outline", "deck", "slide", "slides", "summary",
     "overview", "details", "notes", "draft", "update", "agenda", "hi", "hello", "team"}
)  # fmt: skip
_MAX_WORDS = 8
# At most this many lines (a heading and the title) come before the outline's first line.
_MAX_LEAD_LINES = 2


def _looks_like_title(line: str) -> bool:
    words = _WORD.findall(line)
    if not words or len(words) > _MAX_WORDS or len(line) > NAME_MAX:
        return False
    if ":" in line or line.rstrip()[-1] in ".?!," or MASK in line:
        return False
    if {word.lower().strip("()") for word in words} <= _GENERIC:
        return False
    titled = all(word[0].isupper() or word[0].isdigit() or word in _SMALL for word in words)
    return words[0][0].isupper() and titled


def _slide_title(text: Text) -> tuple[int, int] | None:
    match = _SLIDE.search(text.work)
    if not match or not _looks_like_title(match["title"]):
        return None
    return match.span("title")


def _heading_title(text: Text) -> tuple[int, int] | None:
    """The last bare title line before an outline's first bullet or labelled line."""
    lead: list[tuple[int, int]] = []
    offset = 0
    for line in text.work.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        if _OUTLINE_LINE.match(line):
            break
        lead.append((start, start + len(line)))
        if len(lead) > _MAX_LEAD_LINES:
            return None
    else:
        return None  # no outline follows
    if not lead:
        return None
    start, end = lead[-1]
    line = text.work[start:end]
    start += len(line) - len(line.lstrip())
    line = line.strip()
    marks = _HEADING_MARKS.match(line)
    if marks:
        start, line = start + marks.end(), line[marks.end() :]
    if not _looks_like_title(line):
        return None
    return start, start + len(line)


def deck_title(text: Text, result: Extraction) -> bool:
    """Read a deck or outline brief's title line as the name; False when there is none."""
    if _NAME_LABEL.search(text.work):
        return False
    span = _slide_title(text) or _heading_title(text)
    if span is None:
        return False
    name = text.span(*span)
    text.mask(*span)
    result.values["name"] = Candidate("name", name, name)
    return True
