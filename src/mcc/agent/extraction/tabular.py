"""Briefs pasted from a spreadsheet or typed as one SMS line, read as the labelled lines they
stand for.

A sheet pasted as text keeps a tab between a label and its value ("Name<TAB>Harvest Upsell"),
and a brief typed on a phone runs its labelled parts together with slashes ("name: X / type:
abm / budget: 40k"). The working text (same length, so positions and evidence stay the user's
own words) reads the tab as the label's colon and the slash as a line break, so each value ends
where its cell or part does and the name does not swallow the rest of the line.

A brief forwarded from an inbox may end with the sender's legal footer ("CONFIDENTIALITY: This
email and any attachments are intended solely for the addressee"): the footer is about the mail,
not the campaign, so its words ("email") are blanked from the working text.
"""

from __future__ import annotations

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
# " / type: abm": a slash between spaces that opens a labelled part.
_SLASH_PART = re.compile(rf"(?i)(?<=[ \t])/(?=[ \t]+{_LABEL}[ \t]*[:=])")

# "Rialto Spotlight (partner / email / $15k)", "X / email+li / 30k / 12 mar": parts with no
# label, two slashes or more between spaces on one line, are a list, read as commas.
_SPACED_SLASH = re.compile(r"(?<=[ \t])/(?=[ \t])")


# A legal footer: its label, or its usual opening, up to the end of its paragraph.
_FOOTER = re.compile(
    r"(?im)^[ \t]*(?:(?:confidential(?:ity)?|privileged|disclaimer|legal)(?:[ \t]+notice)?"
    r"[ \t]*[:—–-]"
    r"|this[ \t]+(?:e-?mail|message)[ \t]+(?:and[ \t]+any[ \t]+attachments?[ \t]+)?"
    r"(?:is|are|may[ \t]+be|contains?)[ \t]+(?:confidential|privileged|intended))"
    r"(?:.|\n(?![ \t]*\n))*"
)


def without_footer(text: str) -> str:
    """`text` with a mail's legal footer blanked; the same length as `text`."""
    return _FOOTER.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


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
