"""Known misunderstandings of the offline assistant (issue 10), each in phrasings of our own (none
is in an evaluation set). A wrong value is worse than an empty one: each family checks the value
the user said is read, or none at all."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from tests.agent.conftest import Chat

TODAY = date(2029, 2, 12)


def values(text: str) -> dict[str, str]:
    found = extract(text, today=TODAY, flagship_keywords=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


def evidence(text: str, field: str) -> str:
    return extract(text, today=TODAY, flagship_keywords=()).values[field].evidence


# --- 1. Dictated dates: the day and year said as words ---------------------------------------


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("we go live august twenty-second twenty thirty", "2030-08-22"),
        ("kick off on the thirtieth of april, twenty thirty three", "2033-04-30"),
        ("launch september first two thousand and thirty one", "2031-09-01"),
        ("start date: may 14 twenty twenty nine", "2029-05-14"),
        ("launching october thirty first", "2029-10-31"),
        ("it starts the nineteenth of march", "2029-03-19"),
    ],
)
def test_a_dictated_date_reads_the_day_and_year_said(message: str, wanted: str) -> None:
    assert values(message)["launch_date"] == wanted


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("we go live august twenty-second twenty thirty", "august twenty-second twenty thirty"),
        ("kick off the twentieth of may", "the twentieth of may"),
        ("launching november ninth", "november ninth"),
    ],
)
def test_a_dictated_date_keeps_all_its_words_as_evidence(message: str, words: str) -> None:
    # Half a word ("november nin") grounds no date, and the date was dropped.
    assert evidence(message, "launch_date") == words


@pytest.mark.parametrize(
    "message",
    ["budget twenty thirty for the push", "twenty thirty vision: launch in june", "plan for 2030"],
)
def test_year_words_away_from_a_day_and_month_are_no_date(message: str) -> None:
    assert "2030" not in values(message).get("launch_date", "")


async def test_a_dictated_launch_date_reaches_the_draft(chat: Chat) -> None:
    reply = await chat.say(
        "webinar 'Quiet Harbour' for logistics managers, objective 90 registrations, budget "
        "$6,000, email only, launch november twelfth twenty twenty six"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-11-12"


# --- 2. A range said in words is no one amount -----------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "budget fifteen to eighteen k",
        "we can spend between sixty and seventy thousand",
        "budget somewhere from ten to twelve thousand pounds",
        "fifty or sixty grand budget",
        "budget between 45 and 55 thousand",
        "spend: 12 to 15 grand",
    ],
)
def test_a_range_in_words_leaves_the_budget_empty(message: str) -> None:
    assert "budget" not in values(message)


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("budget sixty-five k", "65000"),
        ("we have forty two thousand to spend", "42000"),
        ("budget fifty grand, one-to-one meetings with buyers", "50000"),
    ],
)
def test_one_amount_in_words_is_still_the_budget(message: str, wanted: str) -> None:
    assert values(message)["budget"] == wanted


async def test_a_range_in_words_is_asked_about(chat: Chat) -> None:
    reply = await chat.say(
        "content campaign 'Slate Notes' for plant managers, objective 200 downloads, budget "
        "thirty five to forty k, email only, launch 2026-06-01"
    )
    assert reply.draft is not None
    assert reply.draft.value_of("budget") is None
    assert "budget" in reply.content.lower()
