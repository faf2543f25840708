"""Briefs pasted from a spreadsheet or typed as one SMS line, read as the labelled lines they
stand for.

A sheet pasted as text keeps a tab between a label and its value ("Name<TAB>Harvest Upsell"),
and a brief typed on a phone runs its labelled parts together with slashes ("name: X / type:
abm / budget: 40k"). The working text (same length, so positions and evidence stay the user's
own words) reads the tab as the label's colon and the slash as a line break, so each value ends
where its cell or part does and the name does not swallow the rest of the line.

A sheet pasted with its header row above its values ("Name<TAB>Budget<TAB>Launch", then "Spring
Push<TAB>$40k<TAB>2030-05-01", or the same as a pipe table) is read by column: each value under
its header becomes the header's labelled line. That reading changes the text's length, so it runs
before extraction builds its working text; the values keep the user's exact words.
"""

from __future__ import annotations

import csv
import re

# The labels a brief's rows or parts start with (a sheet's first column, an SMS part).
_LABEL = (
    r"(?:campaign\s+|project\s+)?(?:name|title|type|format|audience|target(?:\s+audience)?"
    r"|objective|goal|kpi|budget|spend|channels?|launch(?:\s+date)?|go[\s-]live(?:\s+date)?"
    r"|start(?:\s+date)?|date|currency|tier|owner|notes?)"
)
# "Name<TAB>Harvest Upsell 2030": a label alone in its cell at the start of a line.
_TAB_CELL = re.compile(rf"(?im)^([ \t]*{_LABEL})[ \t]*(\t+)(?=[ \t]*\S)")
_ONLY_LABEL = re.compile(rf"(?i)[ \t]*(?:[-*•·]+[ \t]*)?{_LABEL}[ \t]*")
# " / type: abm", " · audience: ...": a slash (or a middle dot, a bullet) between spaces that
# opens a labelled part.
_SLASH_PART = re.compile(rf"(?i)(?<=[ \t])[/·•](?=[ \t]+{_LABEL}[ \t]*[:=])")

# "Rialto Spotlight (partner / email / $15k)", "X · email & li · 30k · 12 mar": parts with no
# label, two slashes (or dots) or more between spaces on one line, are a list, read as commas.
_SPACED_SLASH = re.compile(r"(?<=[ \t])[/·•](?=[ \t])")


def as_labelled_lines(text: str) -> str:
    """`text` with a sheet's label cells and an SMS's slash-separated labelled parts read as
    labelled lines; the same length as `text`."""

    def colon(match: re.Match[str]) -> str:
        tabs = match.group(2)
        return match.group()[: -len(tabs)] + ":" + " " * (len(tabs) - 1)

    def part(match: re.Match[str]) -> str:
        # "Goal / KPI: ..." is one compound label, not a part that ends before "KPI".
        before = match.string[: match.start()].rsplit("\n", 1)[-1]
        return "/" if _ONLY_LABEL.fullmatch(before) else "\n"

    text = _SLASH_PART.sub(part, _TAB_CELL.sub(colon, text))
    lines = text.split("\n")
    return "\n".join(
        _SPACED_SLASH.sub(",", line) if len(_SPACED_SLASH.findall(line)) >= 2 else line
        for line in lines
    )


# A header cell: a label, perhaps with a unit in brackets ("Budget (USD)"), or "Campaign" (the
# column of campaign names).
_HEADER_CELL = re.compile(rf"(?i)(?:{_LABEL}|(?P<campaign>campaign))(?:\s*\([^()\n]{{1,12}}\))?")
_RULE_ROW = re.compile(r"[\s|:+-]*-{3,}[\s|:+-]*")  # a markdown table's "|---|---|"


def _cells(line: str) -> list[str]:
    """A row's cells: split at tabs, or at pipes (a markdown row's outer pipes dropped)."""
    if "\t" in line:
        return [cell.strip() for cell in re.split(r"\t+", line.strip(" \t|"))]
    if "|" in line:
        return [cell.strip() for cell in line.strip().strip("|").split("|")]
    return [line.strip()]


def columns_as_labelled_lines(text: str) -> str:
    """`text` with a sheet's header row and its one row of values read as labelled lines
    ("Name: Spring Push", "Budget: $40k"), and so the rows of a two-column table ("| Budget |
    $40k |") and a form's dotted leaders ("05 Budget ...... 64k USD"); any other text
    unchanged. A sheet with more than one row of values (several campaigns) is left as written."""
    text = _dotted_leaders(_csv_row(_two_column_rows(text)))
    lines = text.split("\n")
    for at, line in enumerate(lines):
        header = _cells(line)
        if len(header) < 2 or not all(_HEADER_CELL.fullmatch(cell) for cell in header):
            continue
        rows = [row for row in lines[at + 1 :] if row.strip() and not _RULE_ROW.fullmatch(row)]
        tabled = [row for row in rows if len(_cells(row)) == len(header)]
        if len(tabled) != 1 or rows[:1] != tabled:
            return text
        values = _cells(tabled[0])
        labels = [_HEADER_CELL.sub(_column_label, cell) for cell in header]
        labelled = [f"{label}: {value}" for label, value in zip(labels, values, strict=True)]
        end = lines.index(tabled[0], at + 1)
        return "\n".join([*lines[:at], *labelled, *lines[end + 1 :]])
    return text


def _column_label(match: re.Match[str]) -> str:
    return "Name" if match["campaign"] else match.group()


# "| Budget | USD 28,000 |": a row of a table with one label column and one value column.
_TWO_CELLS = re.compile(
    r"[ \t]*\|[ \t]*(?P<label>[^|\n]{1,40}?)[ \t]*\|[ \t]*(?P<value>[^|\n]*?)[ \t]*\|[ \t]*"
)
_LABEL_WORDS = 4
_ROWS = 3  # a table of fewer rows may be anything


def _two_column_rows(text: str) -> str:
    """A two-column table's rows as labelled lines, its header ("| Field | Detail |", the row
    above the rule row) and rule row dropped: the first column labels the second."""
    lines = text.split("\n")
    rows = [_TWO_CELLS.fullmatch(line) for line in lines]
    labelled = sum(bool(row and len(row["label"].split()) <= _LABEL_WORDS) for row in rows)
    if labelled < _ROWS or not any(_RULE_ROW.fullmatch(line) for line in lines):
        return text  # a markdown table has its rule row ("|---|---|")
    for at, line in enumerate(lines[1:], 1):
        header = _cells(lines[at - 1])
        if _RULE_ROW.fullmatch(line) and all(_HEADER_CELL.fullmatch(cell) for cell in header):
            return text  # its header names fields ("| Name | Budget |"): read by column
    out: list[str] = []
    for at, (line, row) in enumerate(zip(lines, rows, strict=True)):
        ruled = at + 1 < len(lines) and _RULE_ROW.fullmatch(lines[at + 1]) is not None
        if _RULE_ROW.fullmatch(line) or (row is not None and ruled):
            continue
        if row is None or len(row["label"].split()) > _LABEL_WORDS:
            out.append(line)
        else:
            out.append(f"{row['label']}: {row['value']}")
    return "\n".join(out)


# "name,type,audience,budget,launch_date": a header of comma-separated labels, whose next line
# is the one row of values (its cells perhaps quoted: "Orbit 360 Onboarding","USD 240,000"). A
# spreadsheet set to a European locale exports with semicolons: "Name;Type;Audience".
def _csv_row(text: str) -> str:
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if "|" in line or "\t" in line:
            continue
        delimiter = ";" if line.count(";") >= _ROWS - 1 else ","
        header = [cell.strip().replace("_", " ") for cell in line.split(delimiter)]
        if len(header) < _ROWS or not all(_HEADER_CELL.fullmatch(cell) for cell in header):
            continue
        rest = [(i, row) for i, row in enumerate(lines[at + 1 :], at + 1) if row.strip()]
        if not rest:
            return text
        end, row = rest[0]
        values = next(csv.reader([row], delimiter=delimiter, skipinitialspace=True))
        if len(values) != len(header):
            return text
        labels = [_HEADER_CELL.sub(_column_label, cell) for cell in header]
        labelled = [
            f"{label}: {value.strip()}" for label, value in zip(labels, values, strict=True)
        ]
        return "\n".join([*lines[:at], *labelled, *lines[end + 1 :]])
    return text


# "01 Name ........ Ngā Hua Harvest Club": a printed form's field, its label joined to its value
# by a row of dots: four or more, or three after the field's number ("04 Objective ... "), so a
# speaker's "Well... we need" is no label.
_LEADER = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.)]?[ \t]+(?P<numbered>[A-Za-z][\w /&'-]{0,30}?)[ \t]*(?:\.[ \t]*){3,}"
    r"|(?P<label>[A-Za-z][\w /&'-]{0,30}?)[ \t]*(?:\.[ \t]*){4,})(?=\S)"
)


def _dotted_leaders(text: str) -> str:
    return _LEADER.sub(lambda match: f"{match['numbered'] or match['label']}: ", text)
