"""Details given over several messages, in the writer's own frames (session 41).

"kpi is 300 booked tours", "measured on signed contracts", "reaching night-shift nurses": the
frame leads into the value and is no part of it. An opener's "for our new cider" or a budget's
"for catering and drinks" says what the campaign or the money is for, not who it reaches; nor is
"our client [newsletter] list" an audience of its own. Wordings written for this file, not copied
from an evaluation set.
"""

from __future__ import annotations

import pytest

from mcc.agent.extraction import Candidate
from mcc.agent.extraction.people_words import names_people
from mcc.agent.span_tagger.fill import _replace
from tests.agent.conftest import Chat, draft_fields


@pytest.mark.parametrize(
    ("phrase", "people"),
    [
        ("lapsed donors", True),
        ("beekeepers around Norwich", True),
        ("the head of IT", True),
        ("landlords in Cardiff", True),
        ("foster carers who joined this year", True),
        ("our grandad's cider", False),
        ("catering and drinks", False),
        ("the village hall", False),
        ("a member feedback drive", False),
        ("in support", False),
    ],
)
def test_an_audience_names_people_by_its_head_word(phrase: str, people: bool) -> None:
    assert names_people(phrase) is people


@pytest.mark.parametrize(
    ("opener", "asked"),
    [
        ('product launch for our grandad\'s cider, "Orchard Gold"', "target_audience"),
        ('a member feedback drive, type other, name "Tell Us More"', "target_audience"),
    ],
)
async def test_what_an_opener_is_for_is_not_its_audience(
    chat: Chat, opener: str, asked: str
) -> None:
    reply = await chat.say(opener)
    assert "target_audience" not in draft_fields(reply)
    assert reply.draft is not None
    assert asked in reply.draft.asking


async def test_money_for_things_gives_no_audience(chat: Chat) -> None:
    await chat.say('webinar called "Soil Matters" to get 90 farm visits booked')
    reply = await chat.say("we have £4,000 for catering and drinks, and it's on 3 March 2031")
    fields = draft_fields(reply)
    assert fields.get("budget") == "4000"
    assert "target_audience" not in fields


async def test_a_people_word_before_a_channel_names_the_list_not_the_audience(
    chat: Chat,
) -> None:
    reply = await chat.say(
        'new campaign "Quiet Season" — an ABM pilot, channels our client newsletter list only'
    )
    assert "target_audience" not in draft_fields(reply)


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("so that more walkers stop at the cafe", "more walkers stop at the cafe"),
        ("the endgame is 40 signed partner agreements", "40 signed partner agreements"),
    ],
)
async def test_a_frame_before_the_objective_asked_for_is_left_out(
    chat: Chat, answer: str, value: str
) -> None:
    first = await chat.say('new webinar called "Harvest Notes" for arable farmers')
    assert first.draft is not None
    assert "objective" in first.draft.asking
    reply = await chat.say(answer)
    assert draft_fields(reply).get("objective") == value


def _candidate(field: str, value: str) -> Candidate:
    return Candidate(field, value, value)


@pytest.mark.parametrize(
    ("text", "value", "span", "kept"),
    [
        # A remark set off after the value the tagger is sure of leaves it.
        (
            "we want more weekday tee times booked, simple as",
            "more weekday tee times booked, simple as",
            "more weekday tee times booked",
            "more weekday tee times booked",
        ),
        # After a lead-in, the tagger never cuts the user's own words without a comma.
        (
            "we want sign-ups to the soil sensor pilot",
            "sign-ups to the soil sensor pilot",
            "sign-ups to the soil sensor",
            "sign-ups to the soil sensor pilot",
        ),
    ],
)
def test_a_remark_after_a_led_in_value_is_left_out_when_the_tagger_is_sure(
    text: str, value: str, span: str, kept: str
) -> None:
    values = {"objective": _candidate("objective", value)}
    start = text.index(span)
    proposals = [("objective", start, start + len(span), 0.99)]
    _replace(values, proposals, text, [value], reply_to="objective")
    assert values["objective"].value == kept
