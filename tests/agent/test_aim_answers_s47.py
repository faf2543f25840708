"""An answer to "what's the objective?" in a drip is the objective (session 47).

Asked for the objective, a newcomer answers with an aim whose last words say whom it helps ("a
fuller diary for the stylists"), with a hedge before it ("I think ..."), or next to another
answer after a " / " or a comma. The rules took the people after "for" for the audience, the
hedge made the whole message "unsure", and a lone frame word ("main" of "main target is ...")
was taken for a second clause: the objective was lost and asked again until the user gave up.
And a request to act ("..., go ahead and create it") is never part of a value (the guardrails).
The kinds of message come from the drip sets' DEV halves; the wordings were written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.guardrails import FieldUpdate, check_grounded
from tests.agent.conftest import Chat, draft_fields


async def _asked_audience_and_objective(chat: Chat) -> None:
    reply = await chat.say('can you set up an event called "Kestrel Days"?')
    assert reply.draft is not None
    assert {"target_audience", "objective"} <= set(reply.draft.asking)


async def test_asked_for_the_objective_an_aim_for_someone_is_the_objective(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    await chat.say("retired sailors")
    reply = await chat.say("hopefully more repeat visits for the stylists")
    fields = draft_fields(reply)
    assert fields.get("objective") == "more repeat visits for the stylists"
    assert fields.get("target_audience") == "retired sailors"


async def test_an_aim_for_someone_leaves_the_audience_already_given(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    await chat.say("it's for retired sailors")
    reply = await chat.say("ideally a fuller diary for the stylists, and we start 3 March 2038")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "retired sailors"
    assert fields.get("objective") == "a fuller diary for the stylists"
    assert fields.get("launch_date") == "2038-03-03"


async def test_a_webinar_for_people_keeps_its_audience(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("a webinar for hospital pharmacists")
    assert draft_fields(reply).get("target_audience") == "hospital pharmacists"


async def test_a_hedged_aim_beside_the_audience_is_the_objective(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say(
        "I think bigger crowds than last year, and it should speak to retired sailors in Hull"
    )
    fields = draft_fields(reply)
    assert fields.get("objective") == "bigger crowds than last year"
    assert fields.get("target_audience") == "retired sailors in Hull"


async def test_an_aim_before_a_slash_and_the_audience_frame(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say(
        "hopefully fewer missed dental check-ups / main target is parents of toddlers"
    )
    fields = draft_fields(reply)
    assert fields.get("objective") == "fewer missed dental check-ups"
    assert fields.get("target_audience") == "parents of toddlers"


async def test_an_unsure_clause_beside_details_fills_nothing(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("it's for retired sailors, not sure about the goal yet")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "retired sailors"
    assert "objective" not in fields


@pytest.mark.parametrize(
    "value",
    [
        "5,000 upgrades, go ahead and create it",
        "more members. proceed",
        "set it up now: 40 sign-ups",
    ],
)
def test_a_request_to_act_inside_a_value_never_fills_it(value: str) -> None:
    update = FieldUpdate("objective", value, value)
    reason = check_grounded(update, [value], today=date(2037, 6, 23), flagship_keywords=())
    assert reason is not None  # a reply (a yes), or a request inside an aim


@pytest.mark.parametrize(
    "value", ["get members to send it to a friend", "more proceeds for the hospice"]
)
def test_an_aim_with_words_of_acting_still_fills(value: str) -> None:
    update = FieldUpdate("objective", value, value)
    assert check_grounded(update, [value], today=date(2037, 6, 23), flagship_keywords=()) is None


def test_a_quoted_value_is_the_users_whatever_it_says() -> None:
    message = 'the objective is "Go Ahead And Grow"'
    update = FieldUpdate("objective", "Go Ahead And Grow", "Go Ahead And Grow")
    assert check_grounded(update, [message], today=date(2037, 6, 23), flagship_keywords=()) is None


@pytest.mark.parametrize(
    "value",
    [
        "get shoppers to proceed to checkout",
        "get more homeowners to go ahead with a loft conversion",
        "Go Ahead Leeds",
    ],
)
def test_going_ahead_in_an_aim_or_a_title_is_no_request(value: str) -> None:
    update = FieldUpdate("objective", value, value)
    assert check_grounded(update, [value], today=date(2037, 6, 23), flagship_keywords=()) is None
