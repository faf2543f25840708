"""A kind of campaign ruled out is not the campaign's kind (session 48).

"It's definitely not a webinar, more of an in-person meetup" made a webinar with a webinar
channel: the type word was read whatever stood before it. A type word after "not (a)",
"isn't really a", "rather than a" or "instead of a" names what the campaign is not; the words
around it may still say what it is.
"""

from __future__ import annotations

import pytest

from tests.agent.conftest import Chat, draft_fields


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("new campaign: definitely not a webinar, an in-person event for our customers", "event"),
        ("we'd rather run an event than a webinar this year, for local gym owners", "event"),
        ("instead of a webinar let's do a paid social push for local gym owners", "paid"),
        ("it isn't really an email blast, it's a partner promotion with a reseller", "partner"),
    ],
)
async def test_the_kind_ruled_out_is_not_read(chat: Chat, message: str, kind: str) -> None:
    reply = await chat.say(message)
    assert draft_fields(reply).get("type") == kind
    assert reply.draft is not None
    assert "webinar" not in {channel.name for channel in reply.draft.channels}


@pytest.mark.usefixtures("kinds")
async def test_the_kind_described_after_the_one_ruled_out_is_read(chat: Chat) -> None:
    reply = await chat.say(
        "it's definitely not a webinar, more of an in-person meetup for our customers"
    )
    assert draft_fields(reply).get("type") == "event"
    assert reply.draft is not None
    assert "webinar" not in {channel.name for channel in reply.draft.channels}


async def test_a_kind_named_without_a_negation_is_still_read(chat: Chat) -> None:
    reply = await chat.say("not sure about the budget yet, but it's a webinar for school bursars")
    assert draft_fields(reply).get("type") == "webinar"
