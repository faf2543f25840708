"""Quoted passages widened to whole sentences, for answers quoted from the playbooks.

The index's snippet is a window of about 240 characters: it starts and stops mid-sentence
("…contacted within 2 business…"), and across a table it runs header cells into rows. A user
reads a clipped number as a wrong one. So the passage is located in its section and widened to
the sentences, list items and table rows it touches; a table row is read with its header
("Tier 2 — Minimum lead time: 6 weeks; ..."), which says what each bare cell means.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Where one unit of a section ends: after a sentence's full stop before a capital or a number, at
# a line that starts a list item, a table row or a heading, and at a blank line.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[ \t]+(?=[A-Z0-9*\[(\"“`$])"
    r"|[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=[-*]\s|[|#>]|\d+\.\s)"
    r"|[ \t]*\n[ \t]*\n[ \t]*"
)
_MARKER = re.compile(r"^(?:[-*]\s+(?:\[[ xX]\]\s+)?|\d+\.\s+)")
_SEPARATOR = re.compile(r"^\|[\s|:-]+\|$")
_ENDS = re.compile(r"[.!?:;]$")
# Longer than this, a unit the snippet only grazed at one end is left out (the other stays).
LIMIT = 480


# List markers and checkboxes: the index's snippet keeps them ("… - Do not change bids"), a
# sentence split drops some ("[ ] Early results ..."); the passage is found without them.
_MARKS = re.compile(r"(?:^|(?<=\s))(?:[-*]|\[[ xX]\])(?=\s|$)\s*")


def _key(text: str) -> str:
    return " ".join(_MARKS.sub(" ", text).split())


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _units(source: str) -> list[str]:
    units: list[str] = []
    for unit in _BOUNDARY.split(source):
        flat = " ".join(unit.split())
        if units and re.fullmatch(r"\d+\.", units[-1]):
            units[-1] += f" {flat}"  # "1. **Budget band.** Bands ...": one numbered item
        elif flat:
            units.append(flat)
    return units


def _headers(units: list[str]) -> dict[int, list[str]]:
    """The header cells of every table row's table, by the row's unit index."""
    headers: dict[int, list[str]] = {}
    current: list[str] | None = None
    for index, unit in enumerate(units):
        if not unit.startswith("|"):
            current = None
            continue
        following = units[index + 1] if index + 1 < len(units) else ""
        if _SEPARATOR.match(following):
            current = _cells(unit)
        elif current is not None and not _SEPARATOR.match(unit):
            headers[index] = current
    return headers


def _render(unit: str, header: list[str] | None) -> str | None:
    """A unit as a sentence: a table row with its header, a list item without its marker; a
    heading, a table's header row or its separator say nothing on their own (None)."""
    if unit.startswith(("#", "```")):
        return None
    if unit.startswith("|"):
        cells = _cells(unit)
        if header is None or len(header) != len(cells):
            return None
        pairs = zip(header[1:], cells[1:], strict=True)
        parts = [f"{title}: {cell}" for title, cell in pairs if cell]
        if not cells[0]:
            # A template's row whose first cell is left to fill ("|  | Speakers arrive in green
            # room (at least 45 minutes before their slot) |"): its other cells still say it.
            filled = [cell for cell in cells[1:] if cell]
            if not filled:
                return None
            return f"{filled[0]}." if len(filled) == 1 else "; ".join(parts) + "."
        return f"{cells[0]} — " + "; ".join(parts) + "." if parts else None
    text = _MARKER.sub("", unit)
    return text if _ENDS.search(text) else f"{text}."


def whole(snippet: str, source: str, limit: int = LIMIT) -> str:
    """`snippet` (pieces of `source` between "…" marks, or words of our own) with every piece
    widened to the whole units of `source` it touches; empty when none of them reads as text."""
    units = _units(source)
    keys = [_key(unit) for unit in units]
    starts: list[int] = []
    position = 0
    for key in keys:
        starts.append(position)
        position += len(key) + 1
    flat = " ".join(keys)
    headers = _headers(units)
    out: list[str] = []
    own: list[str] = []
    for piece in (_key(part) for part in snippet.split("…")):
        at = flat.find(piece) if piece else -1
        if at < 0:
            if piece:  # words of our own (a table row already read with its header)
                own.append(piece.split(" — ", 1)[0] + " — ")
                out.append(piece)
            continue
        end = at + len(piece)
        first, last = bisect_right(starts, at) - 1, bisect_right(starts, end - 1) - 1
        while last > first and _length(keys, first, last) > limit:
            # Leave out the unit the snippet took least of, when it took only part of it.
            head = starts[first] + len(keys[first]) - at
            tail = end - starts[last]
            if tail <= head and tail < len(keys[last]):
                last -= 1
            elif at > starts[first]:
                first += 1
            else:
                break
        # "A campaign is Tier 2 when it is not Tier 1 and:" says nothing without what follows.
        while (
            last + 1 < len(units) and keys[last].endswith(":") and not units[last].startswith("|")
        ):
            last += 1
        for index in range(first, last + 1):
            text = _render(units[index], headers.get(index))
            if text and text not in out and not any(text.startswith(mine) for mine in own):
                out.append(text)
    # Nothing but headers and empty cells (a template's blank table): nothing worth quoting.
    return " ".join(out)


def _length(units: list[str], first: int, last: int) -> int:
    return sum(len(unit) + 1 for unit in units[first : last + 1])
