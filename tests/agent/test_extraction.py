"""Reading campaign details from what people type: each value with the words it came from."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcc.agent.extraction import extract, find_dates, kpi_target
from mcc.campaigns.tiers import TierPolicy

TODAY = date(2026, 1, 5)
FLAGSHIP = TierPolicy.bundled().flagship_keywords


def values(text: str, pending: tuple[str, ...] = ()) -> dict[str, str | int]:
    found = extract(text, today=TODAY, pending=pending, flagship_keywords=FLAGSHIP)
    return {name: candidate.value for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 15, 2026", "2026-02-15"),
        ("launch in 4 weeks", "2026-02-02"),
        ("launching next Tuesday", "2026-01-06"),
        ("launch in Q2", "2026-04-01"),
        ("launch in Q3 2027", "2027-07-01"),
        ("on 15 March", "2026-03-15"),
        ("on 3/4/2026", "2026-03-04"),
        ("starting 2026-05-04", "2026-05-04"),
        ("launch in mid-April", "2026-04-15"),
        ("launch at the end of March", "2026-03-31"),
        ("launch tomorrow", "2026-01-06"),
    ],
)
def test_launch_dates(text: str, expected: str) -> None:
    assert values(text)["launch_date"] == expected


def test_date_ranges_and_end_words() -> None:
    assert values("from March 1 to March 31") == {
        "launch_date": "2026-03-01",
        "end_date": "2026-03-31",
    }
    assert values("it ends on April 30")["end_date"] == "2026-04-30"
    assert values("change the launch date to March 3")["launch_date"] == "2026-03-03"


def test_rules_are_recorded_for_dates_that_need_one() -> None:
    mention = find_dates("launch in Q2", TODAY)[0]
    assert mention.rule == "Q2 is read as its first day"
    assert find_dates("February 15, 2026", TODAY)[0].rule is None


def test_words_that_only_look_like_dates_are_not_dates() -> None:
    assert "launch_date" not in values("promote Q1 offers to our customers")
    assert "launch_date" not in values("we may grow")


def test_past_dates_are_refused_with_a_reason() -> None:
    found = extract("launch on March 1, 2025", today=TODAY)
    assert "launch_date" not in found.values
    assert "in the past" in found.problems[0]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Budget is $30,000.", "30000", "USD"),
        ("with a 30k budget", "30000", None),
        ("budget $1.5M", "1500000", "USD"),
        ("budget: EUR 20,000", "20000", "EUR"),
        ("a budget of 25K USD", "25000", "USD"),
        ("budget is 12000", "12000", None),
    ],
)
def test_budgets(text: str, amount: str, currency: str | None) -> None:
    found = values(text)
    assert found["budget"] == amount
    assert found.get("currency") == currency


def test_a_bare_number_is_a_budget_only_when_the_budget_was_asked() -> None:
    assert "budget" not in values("30000")
    assert values("30000", pending=("budget",))["budget"] == "30000"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("budget -5000", "negative"),
        ("budget under 25k", "range"),
        ("budget $5000000000000", "more than I can record"),
        ("budget $10.555", "two decimal places"),
    ],
)
def test_bad_budgets_are_refused(text: str, problem: str) -> None:
    found = extract(text, today=TODAY)
    assert "budget" not in found.values
    assert problem in " ".join(found.problems)


@pytest.mark.parametrize("text", ["budget $-0", "budget -0", "budget 1_000", "budget 1e5"])
def test_a_signed_zero_or_a_programmers_number_never_becomes_a_budget(text: str) -> None:
    assert "budget" not in values(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The campaign is called 'Q1 SMB Promotion'.", "Q1 SMB Promotion"),
        ("Campaign name: E2E Test Campaign. Budget: $20,000.", "E2E Test Campaign"),
        ('an email campaign "Spring Sale" for customers', "Spring Sale"),
        ("a webinar called Data Days for engineers", "Data Days"),
        ("rename it to Summer Blast", "Summer Blast"),
        ("called “Curly Quotes” please", "Curly Quotes"),
        ("called it's-a-name", "it's-a-name"),
    ],
)
def test_names_are_taken_exactly_as_typed(text: str, name: str) -> None:
    assert values(text)["name"] == name


def test_types_channels_and_signals() -> None:
    found = extract(
        "It's a Tier 1 event with booth, promoted by email and LinkedIn",
        today=TODAY,
        flagship_keywords=FLAGSHIP,
    )
    assert found.values["type"].value == "event"
    assert found.values["stated_tier"].value == 1
    # A booth is where the event runs: the events channel, beside the two that promote it.
    assert {c.value for c in found.channels} == {"email", "linkedin", "events"}
    flagship = values("our annual user conference")
    assert flagship["flagship"] == "user conference"
    assert values("a paid search campaign")["type"] == "paid"


def test_channels_can_be_replaced_or_removed() -> None:
    replaced = extract("channels are email and paid social", today=TODAY)
    assert replaced.channels_mode == "replace"
    assert [c.value for c in replaced.channels] == ["email", "paid social"]
    removed = extract("remove LinkedIn", today=TODAY)
    assert [c.value for c in removed.removed_channels] == ["linkedin"]


def test_objective_audience_and_kpi() -> None:
    found = values("Create a new email campaign for SMB customers to promote Q1 offers.")
    assert found["target_audience"] == "SMB customers"
    assert found["objective"] == "promote Q1 offers"
    labelled = values("Target: Small business owners. Objective: Increase sign-ups by 10%.")
    assert labelled == {
        "target_audience": "Small business owners",
        "objective": "Increase sign-ups by 10%",
    }
    assert kpi_target("increase sign-ups by 10%") == "by 10%"
    assert kpi_target("generate 300 registrations") == "300 registrations"
    assert kpi_target("raise awareness") is None


@pytest.mark.parametrize(
    ("objective", "target"),
    [
        ("400 qualified leads", "400 qualified leads"),  # warned "no measurable target"
        ("sell 1.5k tickets to the gala", "1.5k tickets"),
        ("get 60 clinics onto paid plans, i.e. 60 new paying accounts", "60 new paying accounts"),
        ("a relaunch in 2027 for loyal users", None),  # a year is no target
        ("run 3 webinars for 4 regions", None),  # a count of what we do, not of a result
    ],
)
def test_a_measurable_target_may_have_words_before_its_unit(
    objective: str, target: str | None
) -> None:
    assert kpi_target(objective) == target


def test_a_bare_answer_is_left_over_for_the_question_asked() -> None:
    found = extract("Spring Promo", today=TODAY, pending=("name",))
    assert found.values == {}
    assert found.leftover == "Spring Promo"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    found = extract(text, today=TODAY, flagship_keywords=FLAGSHIP)
    for candidate in found.values.values():
        assert candidate.evidence  # every value points at words of the message
        assert candidate.evidence in text
