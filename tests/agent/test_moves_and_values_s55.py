"""Moves and values a fresh blind set (probes-51) showed: a channel taken off, a yes with other
work left for later, a budget in capitals that is no title. Every wording here was written for
this file."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from mcc.agent.reply_rules import is_explicit_yes
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2035, 3, 7)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("yes, but take paid social off the channels", "paid social"),
        ("take LinkedIn off the list please", "linkedin"),
        ("cross email off", "email"),
        ("pull paid search out", "paid search"),
    ],
)
def test_a_channel_taken_off_is_removed_and_sets_no_type(text: str, channel: str) -> None:
    found = extract(text, today=TODAY)
    assert [c.value for c in found.removed_channels] == [channel]
    assert not found.channels
    assert "type" not in found.values


@pytest.mark.parametrize(
    "text",
    [
        "yes, go ahead, we'll sort the creative later",
        "create it — I'll send the banners to the agency tomorrow",
        "go ahead. we will finalise the speaker list next week",
    ],
)
def test_a_yes_with_other_work_for_later_is_a_yes(text: str) -> None:
    assert is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes, we'll sort the budget later",  # a field: a change to come, not other work
        "yes, but we'll sort the creative later",
        "yes, we'll do it later",
        "we'll sort the creative later",
        "yes later",
    ],
)
def test_a_later_that_concerns_the_campaign_is_no_yes(text: str) -> None:
    assert not is_explicit_yes(text)


def test_a_budget_in_capitals_is_no_name() -> None:
    found = extract("Objective: 45 new stockists. SEK 180 000, email + LinkedIn", today=TODAY)
    values = {name: c.value for name, c in found.values.items()}
    assert "name" not in values
    assert (values["budget"], values["currency"]) == ("180000", "SEK")


@pytest.mark.parametrize(
    ("reply", "pending", "currency"),
    [
        ("SEK", ("budget",), "SEK"),
        ("Danish kroner", ("budget", "target_audience"), "DKK"),
        ("SEK", ("target_audience",), None),  # asked for people, a code answers nothing
    ],
)
def test_a_bare_currency_answers_the_budgets_currency_and_fills_nothing_else(
    reply: str, pending: tuple[str, ...], currency: str | None
) -> None:
    found = extract(reply, today=TODAY, pending=pending)
    values = {name: c.value for name, c in found.values.items()}
    assert values.get("currency") == currency
    assert "target_audience" not in values


@pytest.mark.parametrize(
    ("value", "replacement", "kept"),
    [
        ("vets in Ohio, not the big chains", "vets in Ohio", True),
        ("HR directors in DACH, excluding Switzerland", "HR directors in DACH", True),
        ("florists but not wholesalers", "florists", True),
        ("vets in Ohio, mostly independents", "vets in Ohio", False),
    ],
)
def test_the_tagger_never_cuts_off_who_is_left_out(
    value: str, replacement: str, kept: bool
) -> None:
    from mcc.agent.span_tagger.fill import _cuts_exclusion

    assert _cuts_exclusion(value, replacement) is kept


@pytest.mark.parametrize(
    "separator",
    ["\u2009", "\u202f", "\u200b", "\u2060", "\u00ad", "\ufeff"],
    ids=["thin space", "narrow no-break", "zero-width space", "word joiner", "soft hyphen", "bom"],
)
async def test_an_invisible_character_inside_a_figure_changes_no_amount(
    chat: Chat, separator: str
) -> None:
    """Hostile sweep s55: "12 000 €" with a thin space (or a zero-width character) inside the
    figure was recorded as $12."""
    reply = await chat.say(f'email campaign "Thin Ice" for skaters, budget 12{separator}000 €')
    fields = draft_fields(reply)
    assert fields.get("budget") == "12000"
    assert fields.get("currency") == "EUR"
