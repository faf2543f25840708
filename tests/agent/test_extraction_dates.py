"""Dates the assistant must ask about instead of using: never moved to a nearby day, never kept
out of range, never guessed from eight bare digits; the field stays empty. The chat replies
themselves are the scenarios in `agent/scenarios/dates.yaml` (run by test_scenarios.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mcc.agent.extraction import extract, find_dates
from mcc.agent.guardrails import FieldUpdate, check_grounded
from mcc.campaigns.tiers import TierPolicy

TODAY = date(2026, 1, 5)
FLAGSHIP = TierPolicy.bundled().flagship_keywords


def read(text: str, pending: tuple[str, ...] = ()) -> tuple[dict[str, str | int], list[str]]:
    found = extract(text, today=TODAY, pending=pending, flagship_keywords=FLAGSHIP)
    return {name: c.value for name, c in found.values.items()}, found.problems


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("launch February 30, 2027", "February 2027 has no 30th — which date did you mean?"),
        ("launch on 30 February 2027", "February 2027 has no 30th"),
        ("launch on 2/30/2027", "February 2027 has no 30th"),
        ("launch on 2027-02-30", "February 2027 has no 30th"),
        ("launch Feb 29, 2027", "February 2027 has no 29th"),
        ("starts on 31 April 2027", "April 2027 has no 31st"),
        ("launching June 31", "June has no 31st"),
        ("launch on 13/13/2027", "there is no month 13"),
        ("end date 2027-13-01", "there is no month 13"),
        ("launch on 0000-01-01", "I can't read a year"),
    ],
)
def test_a_day_the_calendar_lacks_is_asked_about(text: str, question: str) -> None:
    values, problems = read(text)
    assert "launch_date" not in values
    assert "end_date" not in values
    assert any(question in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("launch on 9999-01-01", "9999-01-01"),
        ("launch on March 3, 9999", "March 3, 9999"),
        ("launch on 3/4/9999", "3/4/9999"),
        ("launch Jan 5 2101", "Jan 5 2101"),
        ("launch in March 2101", "March 2101"),
        ("launch in Q1 2101", "Q1 2101"),
        ("launch in Q1 0000", "Q1 0000"),
        ("launch in 999 months", "in 999 months"),
    ],
)
def test_a_date_out_of_range_is_refused_at_extraction(text: str, words: str) -> None:
    values, problems = read(text)
    assert "launch_date" not in values
    assert problems == [
        f"“{words}” is outside the dates a campaign can have (January 1, 2000 to "
        "December 31, 2100) — which date did you mean?"
    ]


def test_the_last_day_in_range_is_still_a_date() -> None:
    assert read("launch on 2100-12-31")[0]["launch_date"] == "2100-12-31"
    assert read("launch on February 29, 2028")[0]["launch_date"] == "2028-02-29"


def test_eight_bare_digits_are_asked_about_with_the_reading_offered() -> None:
    values, problems = read("launch on 20260301")
    assert "launch_date" not in values
    assert problems == [
        "I can't be sure “20260301” is a date — please write it like 2026-03-01 or March 1, 2026."
    ]
    values, problems = read("20260301", pending=("launch_date",))
    assert values == {}
    assert "2026-03-01 or March 1, 2026" in problems[0]
    # Asked for the budget, the same digits are a budget: no date word, no date question.
    assert read("20260301", pending=("budget",)) == ({"budget": "20260301"}, [])


def test_the_words_of_an_impossible_date_are_not_read_again() -> None:
    # "February" alone would otherwise be read as February 1 (a month alone is its first day).
    assert find_dates("launch February 30, 2027", TODAY) == []
    found = extract("February 30, 2027", today=TODAY, pending=("name",))
    assert found.leftover == ""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2027-02-01", "launch February 30, 2027"),  # moved to a day the user never said
        ("2027-02-28", "launch February 30, 2027"),
        ("9999-01-01", "launch on 9999-01-01"),  # said, but no campaign can have it
        ("2026-03-01", "launch on 20260301"),  # a guess at eight digits
        ("20260301", "launch on 2026-03-01"),  # the value itself not written YYYY-MM-DD
    ],
)
def test_the_llm_engine_cannot_store_those_dates_either(value: str, said: str) -> None:
    update = FieldUpdate("launch_date", value, said)
    refusal = check_grounded(update, [said], today=TODAY, flagship_keywords=FLAGSHIP)
    assert refusal is not None


@given(
    st.lists(
        st.sampled_from(
            ["launch", "on", "in", "end", "Feb", "February", "30", "31", "29th", "0", "2027",
             "9999", "0000", "2101", "Q1", "13/13/2027", "2027-02-30", "20270230", ",", "of",
             "mid", "999 months", "the"]
        ),
        max_size=8,
    )
)  # fmt: skip
@example(words=["launch", "Feb", ",", "999 months"])  # a run's end past 2100 (found by hypothesis)
def test_no_words_give_an_error_or_a_date_out_of_range(words: list[str]) -> None:
    found = extract(" ".join(words), today=TODAY)
    for field in ("launch_date", "end_date"):
        if field in found.values:
            assert "2000-01-01" <= str(found.values[field].value) <= "2100-12-31"


@pytest.mark.parametrize("said", ["launch Feb 1-15 0000", "on 1-15 February 2101"])
def test_a_day_range_in_a_year_no_campaign_can_have_is_asked_about(said: str) -> None:
    found = extract(said, today=TODAY)
    assert "launch_date" not in found.values
    assert any("outside the dates a campaign can have" in problem for problem in found.problems)
