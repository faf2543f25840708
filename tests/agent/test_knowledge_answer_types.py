"""A knowledge question is answered by the sentence stating the kind of fact it asks for (s35).

"When does the prospect newsletter go out?" wants a time, "what percentage ... attend?" a share:
of the passages and sentences that share the question's words, the one stating such a fact
answers it. A question whose topic is in the playbooks but told with the user's own situation
around it ("A conference finished on the 27th and the supplier hasn't billed us yet. When must
Finance hear about it?") is still answered, while a question about something the playbooks never
mention ("when does the cafeteria open?") still gets "not covered". Questions of our own; the
facts are copied from the bundled documents.
"""

from __future__ import annotations

import pytest

from mcc.agent import answer_types
from mcc.agent.acts import Act
from mcc.agent.guardrails import reply_act
from mcc.agent.knowledge import NOT_COVERED
from tests.agent.conftest import Chat


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What percentage of people who register for a webinar attend live?", "35–45%"),
        (
            "A conference finished on the 27th and the supplier hasn't billed us yet. "
            "When must Finance hear about it?",
            "2nd business day",
        ),
        ("when does the prospect newsletter go out?", "Every two weeks, Thursday"),
        (
            "A reporter replied to our X post asking about a security incident. "
            "How quickly must Comms get it?",
            "within 1 hour",
        ),
    ],
)
async def test_the_sentence_stating_the_fact_asked_for_answers(
    chat: Chat, question: str, fact: str
) -> None:
    reply = await chat.say(question)
    assert fact in reply.content.replace("**", ""), reply.content
    assert reply.citations, reply.content


@pytest.mark.parametrize(
    "question",
    [
        "when does the cafeteria open?",
        "how early should we book the parking garage?",
        "how long is the flight to Tokyo?",
    ],
)
async def test_a_question_about_what_no_playbook_mentions_is_not_answered(
    chat: Chat, question: str
) -> None:
    reply = await chat.say(question)
    assert NOT_COVERED in reply.content, reply.content
    assert not reply.citations


@pytest.mark.parametrize(
    ("question", "sentence", "states"),
    [
        ("when is it sent?", "It goes out every second Tuesday.", True),
        ("when is it sent?", "It goes to admins at customer accounts.", False),
        ("how long can the brief be?", "Keep it to two pages.", True),
        ("how far ahead do we start?", "Start 6–8 weeks before the date.", True),
        ("what share of people show up?", "Expect 35–45% of registrants.", True),
        ("what's the max spend per item?", "Items cost under $15 each.", True),
        ("who signs the contract?", "Items cost under $15 each.", False),
    ],
)
def test_a_sentence_states_the_kind_of_fact_asked_for(
    question: str, sentence: str, states: bool
) -> None:
    assert answer_types.states(answer_types.expected(question), sentence) is states


def test_a_question_the_user_asked_fills_no_field() -> None:
    # Its "?" is left behind in the message when the value is cut out of it.
    message = "Our summit wrapped on the 27th, the venue hasn't invoiced. When must Finance know?"
    assert reply_act("When must Finance know", [message]) is Act.QUESTION
    assert reply_act("finance leaders at the venue", [message]) is None
