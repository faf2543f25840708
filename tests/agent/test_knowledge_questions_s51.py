"""Knowledge questions a blind set asked that were answered from the wrong place (session 51).

Questions of our own, with facts copied from the bundled documents: a speaker's arrival on the
day is a row of the run-of-show template (whose time column is left blank to fill), not the
campaign's lead time; "how long should X be?" asks for a length in words as well as characters;
"..., asking for my manager" after a question is who wants to know, not a campaign's audience.
"""

from __future__ import annotations

import pytest

from mcc.agent.intents import is_single_question
from mcc.agent.policy_answers import topic
from mcc.agent.whole_sentences import whole
from tests.agent.conftest import Chat


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what time do our panellists need to be in the green room?", "45 minutes before"),
        ("how long should a pillar page be?", "3,000–5,000 words"),
        ("what's the length limit on campaign names?", "under 80 characters"),
    ],
)
async def test_the_fact_asked_for_is_quoted(chat: Chat, question: str, fact: str) -> None:
    reply = await chat.say(question)
    assert fact in reply.content.replace("**", ""), reply.content
    assert reply.citations, reply.content


def test_an_arrival_on_the_day_is_no_lead_time_question() -> None:
    assert topic("how early do speakers have to arrive?") is None
    assert topic("how early should I start on a field event?") is not None


def test_a_template_row_with_its_first_cell_blank_still_reads() -> None:
    table = "| Time | Milestone |\n| --- | --- |\n|  | Doors open (30 minutes before the start) |"
    assert whole("Doors open (30 minutes", table) == "Doors open (30 minutes before the start)."
    assert whole("| |", "| Time | Milestone |\n| --- | --- |\n|  |  |") == ""


async def test_who_is_asking_after_a_question_makes_no_campaign(chat: Chat) -> None:
    question = "how often should our Instagram account post? asking for my manager"
    assert is_single_question(question)
    reply = await chat.say(question)
    assert reply.draft is None or not reply.draft.fields, reply.content
    assert reply.citations, reply.content
