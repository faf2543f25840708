"""A pasted chat where one person asks for a detail and the next answers it.

"[10:44] Me: name?" then "[10:44] Priya: HIMSS 2027 Booth": the answer is the campaign's name,
though no line says "name:". In a message of chat lines (a speaker before a colon at each line's
start, with a time or at least two speakers), a line that only asks for a field ("name?",
"what's the budget?", "who's it for?", "when?") labels the next line of another speaker with
that field: the working text (the same length, so positions and evidence stay the user's words)
holds the plain label where the speaker's prefix was, and the question is blanked.
"""

from __future__ import annotations

import itertools
import re

_LINE = re.compile(
    r"^(?P<prefix>[ \t]*(?P<time>\[[0-9:.apmAPM ]{3,12}\][ \t]*)?"
    r"(?P<speaker>[A-Z][\w.'’-]{0,20}(?:[ \t][A-Z][\w.'’-]{0,20})?)[ \t]*:[ \t]*)(?P<body>.*)$"
)
# "sure, what's the name?": an acknowledgement before the question.
_ACK = r"(?:(?:sure|ok(?:ay)?|great|cool|thanks|got\s+it|and|so)[,!.]?\s+)?"
# A line that only asks for one field, and the plain label it stands for.
_ASKS = (
    ("name", r"(?:(?:the\s+|campaign\s+)?name|(?:the\s+)?title|what\s+do\s+we\s+call\s+it)"),
    ("budget", r"(?:(?:the\s+)?budget|how\s+much(?:\s+do\s+we\s+have)?)"),
    ("audience", r"(?:(?:the\s+)?(?:target\s+)?audience|who(?:'s|’s|\s+is)\s+it\s+for|for\s+whom)"),
    (
        "launch date",
        r"(?:(?:the\s+)?(?:launch\s+|start\s+)?date|when(?:\s+does\s+it\s+(?:start|launch))?)",
    ),
    ("objective", r"(?:(?:the\s+)?(?:goal|objective|kpi)|what(?:'s|’s|\s+is)\s+the\s+goal)"),
    ("channels", r"(?:(?:which\s+)?channels)"),
)
_QUESTION = [
    (label, re.compile(rf"{_ACK}(?:what(?:'s|’s|\s+is)\s+(?:the\s+|its\s+)?)?{words}\s*\?+", re.I))
    for label, words in _ASKS
]


def _asked(body: str) -> str | None:
    text = body.strip()
    return next((label for label, pattern in _QUESTION if pattern.fullmatch(text)), None)


# Teams and Slack copy a message as a header line of its own, the speaker and the time ("Ana
# Ruiz 9:02 AM", "Ben Cole  14:05"), with what they said on the line below it.
_SPEAKER = r"(?P<speaker>[A-Z][\w.'’-]{0,20}(?:[ \t][A-Z][\w.'’-]{0,20})?)"
_TIME = r"\[?\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?\]?"
# Or the time first: "[10:03] Priyanka Raman".
_HEADER = re.compile(
    rf"^[ \t]*(?:{_SPEAKER}[ \t,]+{_TIME}|{_TIME}[ \t]+(?P<after>[A-Z][\w.'’-]{{0,20}}"
    r"(?:[ \t][A-Z][\w.'’-]{0,20})?))[ \t]*$"
)


def _speaker(found: re.Match[str]) -> str:
    return str(found["speaker"] or found["after"]).lower()


def _headed(lines: list[str]) -> list[str]:
    """`lines` of a chat copied with header lines, each answer's header replaced by the label
    of the field the message before it asked for (right-aligned, the same length)."""
    said = [
        (index, _speaker(found))
        for index, line in enumerate(lines[:-1])
        if (found := _HEADER.match(line)) is not None
    ]
    if len(said) < 3:
        return lines
    labelled: set[int] = set()
    # One speaker pasting their own messages answers nobody: the headers only go.
    pairs = itertools.pairwise(said) if len({speaker for _, speaker in said}) >= 2 else ()
    for (asked_at, asker), (header, answerer) in pairs:
        body = asked_at + 1  # what the asker said, on the line below their header
        label = _asked(lines[body])
        answer = lines[header + 1] if header + 1 < len(lines) else ""
        if answerer == asker or label is None or len(label) + 1 > len(lines[header]):
            continue
        if answer.rstrip().endswith("?") or _HEADER.match(answer):
            continue  # a question back, or nothing said: no answer to label
        lines[body] = " " * len(lines[body])
        lines[header] = f"{label}:".rjust(len(lines[header]))
        labelled.add(header)
    # The other headers name who spoke and when: nothing of the campaign's.
    for index, _ in said:
        if index not in labelled:
            lines[index] = " " * len(lines[index])
    return lines


def chat_answers_as_labels(text: str) -> str:
    """`text` with each chat answer to a field question labelled by that field; same length."""
    if "\n" not in text:
        return text
    lines = _headed(text.split("\n"))
    if "?" not in text:
        return "\n".join(lines)
    found = [_LINE.match(line) for line in lines]
    said = [m for m in found if m is not None]
    speakers = {m["speaker"].lower() for m in said}
    timed = sum(1 for m in said if m["time"]) >= 2
    if len(said) < 3 or not (timed or len(speakers) >= 2):
        return "\n".join(lines)
    for index, match in enumerate(found[:-1]):
        answer = found[index + 1]
        if match is None or answer is None or answer["speaker"] == match["speaker"]:
            continue
        label = _asked(match["body"])
        if label is None or len(label) + 1 > len(answer["prefix"]):
            continue
        line = lines[index]
        lines[index] = line[: match.start("body")] + " " * len(match["body"])
        prefix = answer["prefix"]
        # "Tom: " holds "name:" (the value right after the colon), "[10:44] Priya: " "name: ".
        written = f"{label}: " if len(label) + 2 <= len(prefix) else f"{label}:"
        lines[index + 1] = written.rjust(len(prefix)) + lines[index + 1][len(prefix) :]
    return "\n".join(lines)


def without_own_chat_headers(text: str) -> str:
    """`text` with the header lines of one person's pasted chat messages ("[10:03] Priyanka
    Raman" above each) blanked, the same length: they name who wrote and when, and left in they
    join the line below ("Priyanka Raman Webinar (live Q&A)"). A chat of two or more speakers
    keeps them for `chat_answers_as_labels`, which reads who answered whom."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    said = [(index, found) for index, line in enumerate(lines) if (found := _HEADER.match(line))]
    if len(said) < 2 or len({_speaker(found) for _, found in said}) != 1:
        return text
    for index, _ in said:
        lines[index] = " " * len(lines[index])
    return "\n".join(lines)
