"""The launch and end dates of one message, put into an extraction's candidate values.

Split from `fields` (which calls it twice: before the objective, for the dates no objective
could hold, and after it, for the rest). A message that answers the assistant's date question
is read as a date from its first word: "mid-October" or "this Thursday" alone is an answer.
"""

from __future__ import annotations

import re
from datetime import date

from mcc.agent.extraction.corrections import corrects
from mcc.agent.extraction.date_mentions import DateMention
from mcc.agent.extraction.dates import compact_question, scan_dates
from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text
from mcc.agent.extraction.vague import undecided
from mcc.agent.extraction.weekday_check import weekday_mismatch
from mcc.agent.extraction.workdays import working_days

_COMPACT_ANSWER = re.compile(r"\d{8}")
# A message written the European way reads "03/05/2027" as the 3rd of May.
_DAY_FIRST = re.compile(
    r"[€£]|\b(?:EUR|GBP|AUD|NZD|INR|CHF|SEK|NOK|DKK|UK|British|European|dd/mm)\b"
    r"|\d\.\d{3}(?:,\d{2})?\b|\d{1,2}(?:st|nd|rd|th)?\s+of\s+[A-Z][a-z]+",
)
_FULL_DATE = re.compile(r"\d{4}")
_HEADER = re.compile(r"^[ \t>]*(?:date|sent|received|written)\s*:[^\n]*$", re.I | re.M)
_DATE_QUESTIONS = frozenset({("launch_date",), ("end_date",)})


def read_dates(
    text: Text, today: date, result: Extraction, pending: tuple[str, ...], *, sure: bool = False
) -> None:
    """Dates in the message. With `sure`, only those no objective could contain (a full date,
    or one a launch/end word points at): read before the objective, so that an objective
    sentence does not swallow them; the rest are read after it ("grow sign-ups by June")."""
    day_first = bool(_DAY_FIRST.search(text.original))
    answering = pending[:1] in _DATE_QUESTIONS
    asked = any((field,) in _DATE_QUESTIONS for field in pending)
    found, problems = scan_dates(
        text.work, today, day_first=day_first, answering=answering, asked=asked
    )
    found, problems = undecided(text.work, working_days(text.work, found), problems)
    if sure:
        found = [m for m in found if m.role is not None or _FULL_DATE.search(m.text)]
    for problem in problems:
        if MASK not in problem.text:
            # Used up, so the words are not read again as an answer to a pending question.
            text.mask(problem.start, problem.end)
            result.problems.append(problem.message)
    bare = _COMPACT_ANSWER.fullmatch(text.work.strip(" ."))
    if bare and not sure and answering:
        # Eight digits answering the date question: ask how to read them, never guess.
        text.mask(0, len(text.work))
        result.problems.append(compact_question(bare.group()))
    # The day a forwarded email was sent ("Date: 2026-09-16", "Sent: 14 Sept") is no launch.
    mentions = [m for m in found if MASK not in m.text and not _sent_on(text.work, m, today)]
    for mention in mentions:
        text.mask(mention.start, mention.end)
        role = mention.role
        if role is None:
            role = "end" if pending[:1] == ("end_date",) else "launch"
        key = "launch_date" if role == "launch" else "end_date"
        if mention.value < today:
            result.problems.append(
                f"{mention.text} ({mention.value:%B} {mention.value.day}, {mention.value.year}) "
                "is in the past; campaigns are planned forward from today."
            )
            continue
        before = text.work[max(0, mention.start - 30) : mention.start]
        if key not in result.values or corrects(before):
            evidence = text.span(mention.start, mention.end)
            result.values[key] = Candidate(key, mention.value.isoformat(), evidence, mention.rule)
            mismatch = weekday_mismatch(text.work, mention)  # "Wednesday 9 March 2027"
            if mismatch is not None:
                result.problems.append(mismatch)


def _sent_on(work: str, mention: DateMention, today: date) -> bool:
    """A date no later than today on an email header line, in a message with another date."""
    if mention.value > today:
        return False
    header = any(h.start() <= mention.start < h.end() for h in _HEADER.finditer(work))
    return header and bool(re.search(r"\d", work[: mention.start] + work[mention.end :]))
