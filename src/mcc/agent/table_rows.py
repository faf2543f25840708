"""A table row read with its header's unit, for answers quoted from the playbooks.

A schedule table writes its unit once, in the header ("Timing (business days before send)"), and
bare numbers in its rows ("| Content deadline | 10 |"). Quoted as is, "10" answers nothing; read
with the header it is "Content deadline — Timing: 10 business days before send".
"""

from __future__ import annotations

import re
from collections.abc import Callable

_UNIT = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<unit>[^()]+)\)\s*$")
_NUMBER = re.compile(r"^~?\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?$")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def unit_row(text: str, covered: Callable[[str], int]) -> str | None:
    """The row of a table in `text` that `covered` scores highest, read with its header's units,
    when one of its cells is a bare number whose unit only the header gives; else None."""
    lines = [line for line in text.splitlines() if line.strip().startswith("|")]
    if len(lines) < 3:
        return None
    header, rows = _cells(lines[0]), [_cells(line) for line in lines[2:]]
    scored = [(covered(" ".join(row)), -index, row) for index, row in enumerate(rows)]
    score, _, best = max(scored)
    if score == 0 or len(best) != len(header):
        return None
    parts, with_unit = [], False
    for title, cell in zip(header[1:], best[1:], strict=True):
        unit = _UNIT.match(title)
        if unit and _NUMBER.match(cell):
            parts.append(f"{unit['name']}: {cell} {unit['unit']}")
            with_unit = True
        elif cell:
            parts.append(f"{title}: {cell}")
    return f"{best[0]} — " + "; ".join(parts) if with_unit else None
