"""Channel scopes that name a set ("everything but X", "all digital channels", "paid and
organic social", "all of them" answering "which channels?"), read into the organisation's
channels."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from mcc.agent.extraction.channels import named_channels
from mcc.agent.extraction.vocabulary import ALL_CHANNELS, ORGANISATION_CHANNELS

TODAY = date(2026, 5, 4)


def _channels(text: str, pending: tuple[str, ...] = ("channels",)) -> set[str]:
    return {str(c.value) for c in extract(text, today=TODAY, pending=pending).channels}


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("run it everywhere except the webinar", {"webinar"}),
        ("all of our channels minus LinkedIn and events", {"linkedin", "events"}),
        ("every channel other than paid search", {"paid search"}),
        ("Everything, but not email", {"email"}),
    ],
)
def test_everything_but_names_every_other_channel(text: str, left_out: set[str]) -> None:
    found = extract(text, today=TODAY, pending=("channels",))
    assert {str(c.value) for c in found.channels} == set(ORGANISATION_CHANNELS) - left_out
    assert found.channels_mode == "replace"


@pytest.mark.parametrize(
    "text", ["across all the digital channels", "each digital channel", "digital only, everything"]
)
def test_digital_scope_leaves_out_what_is_held_in_person(text: str) -> None:
    assert _channels(text) == set(ORGANISATION_CHANNELS) - {"events"}


@pytest.mark.parametrize(
    "text", ["organic & paid social", "social media, both organic and paid", "paid/organic social"]
)
def test_paid_and_organic_social_are_two_channels(text: str) -> None:
    assert _channels(text) == {"paid social", "social"}


@pytest.mark.parametrize(
    "text", ["the two paid channels", "both paid channels please", "all paid media"]
)
def test_both_paid_channels(text: str) -> None:
    assert _channels(text) == {"paid social", "paid search"}


@pytest.mark.parametrize(
    "text", ["all of them", "the whole lot!", "everything please", "the works"]
)
def test_whole_answer_to_which_channels_is_every_channel(text: str) -> None:
    assert _channels(text) == {ALL_CHANNELS}


@pytest.mark.parametrize("text", ["all of them", "the whole lot!", "everything please"])
def test_whole_answer_means_nothing_when_channels_were_not_asked(text: str) -> None:
    assert _channels(text, pending=("name",)) == set()


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("a newsletter sponsorship plus paid social", {"newsletter", "paid social"}),
        ("email, events and newsletter", {"email", "events", "newsletter"}),
        ("Meta ads and email", {"paid social", "email"}),
        ("booths + LinkedIn", {"events", "linkedin"}),
        ("in person + sponsored search", {"events", "paid search"}),
    ],
)
def test_channel_words_of_the_set(text: str, wanted: set[str]) -> None:
    assert _channels(text) == wanted


def test_a_type_word_inside_a_channel_phrase_is_no_type() -> None:
    found = extract("newsletter placement and email", today=TODAY, pending=("channels",))
    assert "type" not in found.values
    assert {str(c.value) for c in found.channels} == {"newsletter", "email"}


def test_plain_newsletter_is_still_an_email_campaign() -> None:
    found = extract("a monthly newsletter to customers", today=TODAY, pending=())
    assert found.values["type"].value == "email"


@pytest.mark.parametrize(
    ("evidence", "channel"),
    [
        ("everything except events", "webinar"),
        ("all digital channels", "linkedin"),
        ("organic + paid social", "paid social"),
        ("a live online session, nothing else", "webinar"),
        ("all of them please", ALL_CHANNELS),
    ],
)
def test_the_guardrails_accept_the_channels_a_scope_stands_for(evidence: str, channel: str) -> None:
    assert channel in named_channels(evidence)


def test_the_excluded_channel_is_not_grounded_by_the_scope() -> None:
    assert "events" not in set(named_channels("every channel apart from events")) - {"events"}
    found = extract("every channel apart from events", today=TODAY, pending=("channels",))
    assert "events" not in {str(c.value) for c in found.channels}
