"""An audience and an objective as blind writers meant them (session 49): the aim without the
wish around it ("we want to sell 400 kits") or what it would feel like ("would be amazing"), and
neither with the sentence's stop. Every wording here was written for this file.
"""

from __future__ import annotations

import pytest

from mcc.agent.extraction.leading_marks import without_frame
from tests.agent.conftest import Chat, draft_fields


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Our allotment holders.", "Our allotment holders"),
        ("our cider club members", "our cider club members"),  # the user's words, kept
    ],
)
def test_an_audience_loses_only_the_sentences_stop(written: str, meant: str) -> None:
    assert without_frame("target_audience", written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("we want to sell 400 pottery kits", "sell 400 pottery kits"),
        ("I'd like to book 30 studio tours", "book 30 studio tours"),
        ("we hope 250 tasting flights sold", "250 tasting flights sold"),
        ("1,200 new members would be amazing", "1,200 new members"),
        ("get 60 clinics to sign up.", "get 60 clinics to sign up"),
        ("raise awareness in Dunedin", "raise awareness in Dunedin"),
        ("reach 40 approx.", "reach 40 approx."),  # an abbreviation's dot stays
    ],
)
def test_an_objective_is_the_outcome_not_the_wish(written: str, meant: str) -> None:
    assert without_frame("objective", written) == meant


async def test_the_draft_shows_the_people_and_the_outcome(chat: Chat) -> None:
    reply = await chat.say(
        "Webinar called Clay Days for our pottery class regulars, budget $4k, starting "
        "March 3 2026, we want to sell 400 pottery kits."
    )
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "our pottery class regulars"
    assert fields.get("objective") == "sell 400 pottery kits"
