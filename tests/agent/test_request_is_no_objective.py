"""Asking for the campaign is not its objective: found by a newcomer run, where "I need to get a
webinar going for our new analytics add-on" made that sentence the objective, hid the type, and the
channels given next ("email + linkedin") were taken as the type instead."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from tests.agent.conftest import Chat

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("I need to get a webinar going for our new analytics add-on", "webinar"),
        ("we'd like to run a webinar for our dashboard users", "webinar"),
        ("we need to put together a webinar about the new pricing", "webinar"),
    ],
)
def test_a_request_for_a_campaign_gives_its_type_not_an_objective(message: str, kind: str) -> None:
    found = extract(message, today=TODAY)
    assert "objective" not in found.values
    assert found.values["type"].value == kind


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        ("goal: to get more sign-ups for the series", "get more sign-ups for the series"),
        ("we need to grow webinar attendance by 20%", "grow webinar attendance by 20%"),
        ("to drive a 20% lift in demo requests", "drive a 20% lift in demo requests"),
    ],
)  # fmt: skip
def test_an_objective_about_a_campaign_type_stays_the_objective(
    message: str, objective: str
) -> None:
    assert extract(message, today=TODAY).values["objective"].value == objective


async def test_the_channels_after_a_webinar_request_are_channels(chat: Chat) -> None:
    await chat.say(
        "Hey! I need to get a webinar going for our new analytics add-on. Thinking early March, "
        "maybe 15k? Mostly for existing customers who use the dashboards."
    )
    reply = await chat.say("email + linkedin. call it 'Analytics Add-on Launch Webinar'")
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "webinar"
    assert reply.draft.value_of("objective") in (None, "")
    assert {item.name for item in reply.draft.channels} >= {"email", "linkedin"}
