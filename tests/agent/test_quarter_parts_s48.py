"""A part of a quarter or month standing as a clause of its own is the launch date (session 48).

"..., £40k, end of Q3, email" left the launch date unread, and "due end of Q3" too: a quarter or
month named by its end, start or middle needed a launch word right before it. Standing alone
between a brief's commas it names nothing but a date; "Q3 offers" or "more March sales" still
name no date.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.dates import scan_dates
from tests.agent.conftest import Chat, draft_fields

_TODAY = date(2027, 1, 10)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("£40k, end of Q3, email", date(2027, 9, 30)),
        ("due end of Q3", date(2027, 9, 30)),
        ("budget 20k; mid-March; LinkedIn", date(2027, 3, 15)),
        ("ETA 6/1", date(2027, 6, 1)),
        ("slated for the end of Q2", date(2027, 6, 30)),
    ],
)
def test_a_part_of_a_quarter_alone_is_a_date(text: str, value: date) -> None:
    mentions, problems = scan_dates(text, _TODAY)
    assert [mention.value for mention in mentions] == [value]
    assert problems == []


@pytest.mark.parametrize(
    "text", ["Q3 offers, email", "goal: more March sales, email", "the end of Q3 results deck"]
)
def test_a_quarter_or_month_inside_other_words_is_no_date(text: str) -> None:
    assert scan_dates(text, _TODAY)[0] == []


async def test_the_brief_with_end_of_q3_reaches_the_preview(chat: Chat) -> None:
    reply = await chat.say(
        "new webinar called People Ops Live for HR leads, goal 200 sign-ups, £40k, end of Q3, email"
    )
    fields = draft_fields(reply)
    assert fields.get("launch_date") == "2026-09-30"  # the tests' today is 2026-01-05
    assert fields.get("currency") == "GBP"
    assert reply.draft is not None
    assert reply.draft.preview.shown
