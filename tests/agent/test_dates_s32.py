"""Launch and end dates as marketers write them (session 32): a reply that is only the date
("mid-October", "this Thursday", "Q2 2027"), a month typed in a hurry ("Octber 12"), "the 20th of
November" after "from the 2nd", "November the ninth", a run length instead of an end ("for six
weeks", "a 2-week flight from ..."), "late January", an end said with "stop". Each phrasing is our
own or a variant of one, none from an evaluation set. "Today" is Wednesday 2026-09-16.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.dialogue import read
from mcc.config import Settings
from tests.agent.conftest import Chat

TODAY = date(2026, 9, 16)  # a Wednesday
BRIEF = "email campaign 'Autumn Trial Push' for trial users, objective 60 conversions, $5,000"


@pytest.fixture
def agent_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"today": TODAY})


def _dates(message: str, pending: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    found = read(message, today=TODAY, pending=pending, flagship_keywords=()).found.values
    launch, end = found.get("launch_date"), found.get("end_date")
    return (
        str(launch.value) if launch is not None else None,
        str(end.value) if end is not None else None,
    )


@pytest.mark.parametrize(
    ("answer", "launch"),
    [
        ("mid-October", "2026-10-15"),
        ("mid Nov", "2026-11-15"),
        ("end of Q4", "2026-12-31"),
        ("Q2 2027", "2027-04-01"),
        ("Feb '27", "2027-02-01"),
        ("this Thursday", "2026-09-17"),
        ("this Fri", "2026-09-18"),
        ("the 15th", "2026-10-15"),
        ("10/15", "2026-10-15"),
        ("25/10", "2026-10-25"),
    ],
)
def test_an_answer_to_the_date_question_needs_no_date_word(answer: str, launch: str) -> None:
    """After "When should it launch?", the answer alone is the date: before, a bare "mid-October"
    or "this Thursday" waited for a word like "launch" or "on" and the question came again."""
    assert _dates(answer, pending=("launch_date",)) == (launch, None)


@pytest.mark.parametrize(
    "message",
    [
        "mid-October was a busy month",  # not an answer to the date question: no cue, no date
        "Q2 2027 planning is on my mind",
    ],
)
def test_without_the_date_question_a_bare_window_is_still_no_date(message: str) -> None:
    assert _dates(f"{BRIEF}. {message}") == (None, None)


@pytest.mark.parametrize(
    ("phrase", "launch"),
    [
        ("launch Spetember 3", "2027-09-03"),
        ("go live Octber 12", "2026-10-12"),
        ("launch Decmeber 1", "2026-12-01"),
        ("launch 9 Novmber", "2026-11-09"),
        ("go live November the ninth", "2026-11-09"),
        ("launch this coming Monday", "2026-09-21"),
        ("launch the week of the 19th", "2026-09-19"),
        ("push it to late January", "2027-01-21"),
        ("launch at the start of December", "2026-12-01"),
    ],
)
def test_launch_dates_in_loose_forms(phrase: str, launch: str) -> None:
    assert _dates(f"{BRIEF}, {phrase}") == (launch, None)


def test_a_misspelt_word_that_is_no_month_stays_a_word() -> None:
    """Only a word one letter from a month name and next to a day is read as the month."""
    assert _dates(f"{BRIEF}, launch Oct 12, stores in Augusta 12 miles out") == ("2026-10-12", None)


@pytest.mark.parametrize(
    ("phrase", "launch", "end"),
    [
        ("live from the 2nd to the 20th of November", "2026-11-02", "2026-11-20"),
        ("starting Oct 12 for six weeks", "2026-10-12", "2026-11-22"),
        ("launch 2 Nov, runs for 3 weeks", "2026-11-02", "2026-11-22"),
        ("launch Nov 9 and run it for two months", "2026-11-09", "2027-01-08"),
        ("a 2-week flight from 19 October", "2026-10-19", "2026-11-01"),
        ("one-week flight beginning 7 Dec", "2026-12-07", "2026-12-13"),
        ("launch 1 Dec, 30 days", "2026-12-01", "2026-12-30"),
        ("launch 5 Oct, stop on the 20th of December", "2026-10-05", "2026-12-20"),
    ],
)
def test_an_end_from_a_range_or_a_run_length(phrase: str, launch: str, end: str) -> None:
    """A run length ends on its last day: "1 Dec, 30 days" ends Dec 30, as "1-30 Dec" does."""
    assert _dates(f"{BRIEF}, {phrase}") == (launch, end)


def test_a_run_length_that_is_the_objective_window_is_no_end() -> None:
    """ "60 conversions in 6 weeks" is how long the goal has, said without a launch next to it."""
    launch, end = _dates(
        "email campaign 'Autumn Trial Push' for trial users, objective 60 conversions over "
        "the first weeks of term, $5,000, launch 2026-10-05"
    )
    assert (launch, end) == ("2026-10-05", None)


async def test_the_draft_shows_the_end_a_run_length_gives(chat: Chat) -> None:
    reply = await chat.say(f"{BRIEF}, a 4-week flight starting Nov 2")
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-11-02"
    assert reply.draft.value_of("end_date") == "2026-11-29"


async def test_a_bare_date_answers_when_does_it_launch(chat: Chat) -> None:
    await chat.say(BRIEF)
    reply = await chat.say("mid-October")
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-10-15"


async def test_stop_names_the_end_not_a_new_launch(chat: Chat) -> None:
    await chat.say(f"{BRIEF}, launch 2026-11-02")
    reply = await chat.say("it should stop on the 20th of December")
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-11-02"
    assert reply.draft.value_of("end_date") == "2026-12-20"


async def test_an_impossible_date_is_an_error_and_keeps_the_launch(chat: Chat) -> None:
    await chat.say(f"{BRIEF}, launch 2026-11-02")
    reply = await chat.say("push it to November 31")
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2026-11-02"
    assert "November has no 31st" in reply.content


async def test_an_impossible_first_date_is_asked_about_not_moved(chat: Chat) -> None:
    reply = await chat.say(f"{BRIEF}, go live Sept 31st")
    assert reply.draft is None or reply.draft.value_of("launch_date") is None
    assert "September has no 31st" in reply.content


@pytest.mark.parametrize(
    ("phrase", "launch"),
    [
        ("kick off on Cyber Monday", "2026-11-30"),
        ("launch Black Friday", "2026-11-27"),
        ("go live Boxing Day", "2026-12-26"),
        ("launch on Thanksgiving", "2026-11-26"),
        ("launch EOQ", "2026-09-30"),
        ("go live at the end of the year", "2026-12-31"),
        ("launch three weeks from Thursday", "2026-10-08"),
        ("go live a month from next Monday", "2026-10-21"),
    ],
)
def test_days_named_rather_than_dated(phrase: str, launch: str) -> None:
    assert _dates(f"{BRIEF}, {phrase}") == (launch, None)


@pytest.mark.parametrize(
    ("message", "launch"),
    [
        ("a Christmas promo for trial users, 60 conversions, $5,000, launch Nov 20", "2026-11-20"),
        ("a promo for Black Friday shoppers, 60 conversions, $5,000, launch Nov 16", "2026-11-16"),
    ],
)
def test_a_season_in_the_brief_is_not_its_launch(message: str, launch: str) -> None:
    assert _dates(message)[0] == launch


def test_a_goal_due_by_the_end_of_the_quarter_keeps_its_words() -> None:
    found = read(
        "email 'Q4 Pipeline' for trial users, objective 150 SQLs by end of quarter, $5,000, "
        "launch 2026-10-05",
        today=TODAY,
        pending=(),
        flagship_keywords=(),
    ).found.values
    assert found["launch_date"].value == "2026-10-05"
    assert "end_date" not in found
    assert "end of quarter" in str(found["objective"].value)


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("launch 12 Oct, running until March", "2027-03-31"),
        ("starting 2 Nov through end of year", "2026-12-31"),
    ],
)
def test_a_month_as_the_end_is_its_last_day(phrase: str, end: str) -> None:
    assert _dates(f"{BRIEF}, {phrase}")[1] == end


async def test_an_end_month_reaches_the_draft(chat: Chat) -> None:
    """The end's words are kept with their end word, so the guard reads the same last day."""
    reply = await chat.say(f"{BRIEF}, launch 12 Oct, running until March")
    assert reply.draft is not None
    assert reply.draft.value_of("end_date") == "2027-03-31"


def test_the_day_a_forwarded_email_was_sent_is_no_launch() -> None:
    message = (
        "Sent: Tuesday 15 September 2026\nSubject: trial push\n"
        f"Can you set up {BRIEF}, go live 9 November?"
    )
    assert _dates(message) == ("2026-11-09", None)


def test_a_bullet_that_opens_with_a_figure_does_not_make_the_budget_a_range() -> None:
    """ "$5,000" then a new bullet "- 3 week burst": no "one end of a range" question."""
    reading = read(
        "new email campaign:\n- for trial users\n- goal 60 conversions\n- $5,000\n"
        "- 3 week burst from 30 Nov",
        today=TODAY,
        pending=(),
        flagship_keywords=(),
    )
    assert reading.found.values["budget"].value == "5000"
    assert not reading.found.problems


def test_eom_before_a_month_is_that_months_end() -> None:
    """ "EOM March 2028" is March 31, 2028, not the end of this month."""
    assert _dates(f"{BRIEF}, go live EOM March 2028") == ("2028-03-31", None)
