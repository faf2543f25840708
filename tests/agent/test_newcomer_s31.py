"""What a newcomer met when talking to a fresh server from the product rules alone (session 31,
helper n4), each in phrasings of our own (none is in an evaluation set)."""

from __future__ import annotations

import pytest

from tests.agent.conftest import Chat


@pytest.mark.parametrize(
    ("tail", "channel"),
    [
        ("goal 300 registrations, promoted by email", "email"),
        ("objective: 80 demos, advertised on LinkedIn", "linkedin"),
        ("aim 40 signups, promoting it by email and LinkedIn", "email"),
    ],
)
async def test_how_it_is_promoted_after_the_objective_is_its_channels(
    chat: Chat, tail: str, channel: str
) -> None:
    """ "goal 300 registrations, promoted by email" stored the objective "300 registrations,
    promoted by email" and left email out of the channels (so the tier was one too low)."""
    reply = await chat.say(
        f"webinar called 'Ledger Live', 12k, 2027-03-10, for data engineers at fintechs, {tail}"
    )
    assert reply.draft is not None
    objective = str(reply.draft.value_of("objective"))
    assert "promot" not in objective
    assert "advertis" not in objective
    assert channel in [c.name for c in reply.draft.channels]
