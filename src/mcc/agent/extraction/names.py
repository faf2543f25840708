"""Where an unquoted, labelled name ends.

A dash between spaces usually ends a value ("Budget: 20k — flexible"), but in a name on a
labelled line it is often part of the title: "Name: Rowan Drive — Wave 2", "Campaign: Ember –
Part II". Names are stored exactly as typed, so a dash followed by a short title-cased tail that
runs to the end of the line (or value) stays in the name.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import LABEL_WORDS

# " — Wave 2", " – Part II", " - EMEA 2028": capitalised words or figures, no label, to the end.
_TITLE_TAIL = re.compile(
    rf"[ \t]+[—–-][ \t]+(?!{LABEL_WORDS}\b)"
    r"(?:[A-Z0-9][\w'’&+#/.()]*(?:[ \t]+|(?=[\n,;|\x00]|$))){1,4}(?=[\n,;|\x00]|$)",
)


def title_end(work: str, stop: int) -> int:
    """`stop`, moved past a dash-joined title tail that continues the name."""
    while (match := _TITLE_TAIL.match(work, stop)) is not None:
        stop = match.end()
    return len(work[:stop].rstrip(" \t")) if stop else stop
