"""A brief's parts set off by middle dots ("webinar: X · audience: Y · ..."), and an objective
followed by a clause that only names channels ("..., invitations by email"). Every wording here
was written for this file.
"""

from __future__ import annotations

from tests.agent.conftest import Chat, draft_fields


async def test_parts_set_off_by_middle_dots(chat: Chat) -> None:
    reply = await chat.say(
        "webinar: Huerta Abierta · audience: olive growers in Jaén · objective: more sign-ups "
        "for our co-op portal · email & LinkedIn · MX$180,000 · 14 June 2031"
    )
    fields = draft_fields(reply)
    assert fields["name"] == "Huerta Abierta"
    assert fields["target_audience"] == "olive growers in Jaén"
    assert fields["objective"] == "more sign-ups for our co-op portal"
    assert reply.draft is not None
    assert {item.name for item in reply.draft.channels} >= {"email", "linkedin"}


async def test_an_objective_ends_before_the_channels(chat: Chat) -> None:
    reply = await chat.say(
        "Event campaign Lake Bled Growers Day, audience orchard owners in Slovenia, objective "
        "more growers on our pruning service, invitations by email, 9 September 2031."
    )
    assert draft_fields(reply)["objective"] == "more growers on our pruning service"
