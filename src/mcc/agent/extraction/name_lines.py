"""A name on a labelled line of its own keeps all its words ("Name: Diwali Deals for SMBs").

In running text, "for", "targeting", "with a" end a name ("name it Spring Push for CFOs in
Spain"): the audience follows. In a brief of labelled lines the labels mark where each value
starts and ends, so the words after "Name:" up to the end of its line are the name as typed;
the audience has its own line.
"""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK

# A line opening with a label, after a quote mark, bullet or number ("> Name:", "• Budget –").
_LABELLED_LINE = re.compile(
    r"^[ \t>*•·\-\d.)]*[^\W\d_][\w /'’&-]{0,30}?[ \t]*(?::|：|[ \t][–—-])[ \t]*\S", re.MULTILINE
)
_LINE_PREFIX = re.compile(r"[ \t>*•·\-\d.)]*")
# A list inside the line ("Name: X, budget 5k") is running text again.
_LIST_MARK = re.compile(r"[,;]|\s[–—-]\s")


def labelled_line_end(work: str, label_start: int, value_start: int) -> int | None:
    """Where the name ends when its label opens a line of a labelled brief; None otherwise."""
    line_start = work.rfind("\n", 0, label_start) + 1
    if not _LINE_PREFIX.fullmatch(work[line_start:label_start]):
        return None
    line_end = work.find("\n", value_start)
    line_end = len(work) if line_end < 0 else line_end
    value = work[value_start:line_end]
    if not value.strip() or MASK in value or _LIST_MARK.search(value):
        return None
    if len(_LABELLED_LINE.findall(work)) < 2:
        return None
    return line_end
