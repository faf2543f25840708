"""Changes to a previewed draft in shapes a blind set showed (session 52): a new name given with
"give it the name", a new aim led in as "what we're aiming for is", a new audience as "retarget it
at", and a brief whose labels open with "The" ("The objective: ..."). Every wording here was
written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.fields import extract
from mcc.agent.instructions import droppable
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2031, 2, 3)
BRIEF = (
    "Email campaign called Tin Roof for allotment holders in Leeds, objective 90 seed orders, "
    "budget $4,000, launch March 16, 2026"
)


def _values(message: str) -> dict[str, object]:
    found = extract(message, today=TODAY, pending=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("yes but give it the name Copper Kettle", "Copper Kettle"),
        ("give the campaign the title 'Night Shift'", "Night Shift"),
        ("ok, let's use the name Quiet Harbour", "Quiet Harbour"),
    ],
)
def test_a_name_given_as_the_name_is_read(message: str, name: str) -> None:
    assert _values(message)["name"] == name


def test_retargeting_it_names_new_people_not_a_kind() -> None:
    values = _values("also retarget it at bakers in Lagos")
    assert values == {"target_audience": "bakers in Lagos"}
    # "retargeting" itself is still a kind of paid campaign, and reaches the people after it.
    assert _values("retargeting people who left a basket") == {
        "target_audience": "people who left a basket",
        "type": "paid",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The objective: tea rooms rebooking every month.",
        "Our goal: dentists who refer patients twice.",
        "The campaign's audience: florists in Ghent.",
    ],
)
def test_a_label_opening_with_the_is_a_detail_never_an_instruction(sentence: str) -> None:
    assert not droppable(sentence)


async def test_a_yes_that_gives_a_new_name_changes_it_and_previews_again(chat: Chat) -> None:
    await chat.say(BRIEF)
    reply = await chat.say("yes but give it the name Copper Kettle")
    assert draft_fields(reply)["name"] == "Copper Kettle"
    assert reply.draft is not None
    assert reply.draft.preview.shown
    assert not reply.actions  # nothing created


async def test_a_new_aim_led_in_is_a_change_not_a_knowledge_question(chat: Chat) -> None:
    await chat.say(BRIEF)
    reply = await chat.say("actually, what we're aiming for is to sell 120 seed packs")
    assert draft_fields(reply)["objective"] == "sell 120 seed packs"
    assert "knowledge base" not in reply.content


def test_a_bare_going_after_names_the_people() -> None:
    assert _values("going after fleet managers at 12 bus operators") == {
        "target_audience": "fleet managers at 12 bus operators"
    }
    # Whom someone stops going after is no audience.
    assert "target_audience" not in _values("we should stop going after students")


def test_get_with_its_particle_is_part_of_the_aim() -> None:
    assert _values("the point is to get into 4 buyer shortlists")["objective"] == (
        "get into 4 buyer shortlists"
    )
    # "get" alone only says the aim is wanted.
    assert _values("the aim is to get more bookings")["objective"] == "more bookings"
