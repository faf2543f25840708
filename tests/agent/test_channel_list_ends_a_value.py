"""A channel list in a clause of its own ends the value before it: found by a newcomer run, where
"audience IT directors at mid-size firms, email and LinkedIn, goal 120 SQLs" put the channels in
the audience, left the channels empty, and the "yes" that followed found no preview to confirm."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from tests.agent.conftest import Chat

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("message", "field", "value", "channels"),
    [
        ("partner campaign, audience IT directors at mid-size firms, email and LinkedIn, goal 120",
         "target_audience", "IT directors at mid-size firms", {"email", "linkedin"}),
        ("target audience CFOs in DACH, on LinkedIn and email",
         "target_audience", "CFOs in DACH", {"linkedin", "email"}),
        ("Audience: nurses in Leeds, SMS + email only. Budget 9k",
         "target_audience", "nurses in Leeds", {"sms", "email"}),
        ("objective: grow pipeline by 20%, webinars and email",
         "objective", "grow pipeline by 20%", {"email"}),
    ],
)  # fmt: skip
def test_a_clause_of_channels_is_not_part_of_the_value(
    message: str, field: str, value: str, channels: set[str]
) -> None:
    found = extract(message, today=TODAY)
    assert found.values[field].value == value
    assert {str(c.value) for c in found.channels} >= channels


@pytest.mark.parametrize(
    ("message", "audience"),
    [
        ("audience: email subscribers in Ohio, budget 20k", "email subscribers in Ohio"),
        ("Audience: SMB owners, social media managers. Channels: email",
         "SMB owners, social media managers"),
    ],
)  # fmt: skip
def test_people_named_after_a_channel_stay_in_the_audience(message: str, audience: str) -> None:
    assert extract(message, today=TODAY).values["target_audience"].value == audience


async def test_a_one_line_brief_with_its_channels_after_the_audience_is_created_on_yes(
    chat: Chat,
) -> None:
    preview = await chat.say(
        "new campaign: Spring Partner Push, partner campaign with our resellers, budget $45k, "
        "launch June 15 2027, audience IT directors at mid-size firms, email and LinkedIn, "
        "goal 120 SQLs"
    )
    assert preview.draft is not None
    assert preview.draft.value_of("target_audience") == "IT directors at mid-size firms"
    assert sorted(item.name for item in preview.draft.channels) == ["email", "linkedin"]
    created = await chat.say("yes, create it")
    assert [action["type"] for action in created.actions] == ["campaign_created"]
