"""Value edges a blind set's DEV half showed (session 53): "period" as a noun at a value's end,
items joined with "+" or "&", arrows as labels ("objective → ..."), and people named under a
label of the writer's own ("Supporters we're after: ..."). Every wording here was written for
this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.fields import extract
from mcc.agent.extraction.lead_ins import introduced
from mcc.agent.span_tagger.fill import _shortens
from mcc.agent.span_tagger.span_values import loose_end
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2031, 2, 3)


def _values(message: str) -> dict[str, str]:
    found = extract(message, today=TODAY, pending=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    "value",
    [
        "fewer refunds during the cooling-off period",
        "more sign-ups this trial period",
        "200 bookings over our busiest trading period",
    ],
)
def test_period_after_a_determiner_is_the_noun(value: str) -> None:
    assert loose_end(value) is None
    # The contextual tagger's span without it never replaces the rules' value.
    assert _shortens(value, value.removesuffix(" period"))


def test_a_dictated_period_is_still_a_loose_end() -> None:
    loose = loose_end("for couples over sixty period")
    assert loose is not None
    assert loose.group().strip() == "period"
    assert not _shortens("couples over sixty period", "couples over sixty")


@pytest.mark.parametrize("joiner", ["+", "&"])
def test_an_item_joined_with_a_symbol_ends_before_it(joiner: str) -> None:
    values = _values(
        f"objective 40 kiln bookings {joiner} budget USD 9,000 {joiner} live 2031-05-02"
    )
    assert values["objective"] == "40 kiln bookings"
    assert values["budget"] == "9000"


def test_a_plus_inside_a_value_stays() -> None:
    assert _values("audience potters aged 60+ & objective 40 kiln bookings") == {
        "target_audience": "potters aged 60+",
        "objective": "40 kiln bookings",
    }


@pytest.mark.parametrize("arrow", ["→", "->", "=>"])
def test_an_arrow_labels_the_value_after_it(arrow: str) -> None:
    text = f"audience {arrow} glass blowers in Murano; objective {arrow} 30 studio visits"
    assert introduced(text, "30 studio visits")
    assert introduced(text, "glass blowers in Murano")


@pytest.mark.parametrize(
    "label",
    ["Supporters we're after:", "The buyers we are targeting —", "Readers we're aiming at:"],
)
def test_people_under_a_label_of_the_writers_words_are_the_audience(label: str) -> None:
    message = (
        f"A webinar for clients called Slow Clay. {label} potters in Stoke. Goal: 40 sign-ups."
    )
    assert _values(message)["target_audience"] == "potters in Stoke"


def test_what_is_sought_in_numbers_is_no_audience_label() -> None:
    values = _values("What we're after: 300 sign-ups from potters")
    assert values.get("objective") == "300 sign-ups from potters"
    assert "target_audience" not in values


@pytest.mark.parametrize("answer", ["Blank Slate", "let's go with Open Shutters", "Empty Quiver"])
async def test_a_title_whose_words_sound_unsure_names_the_campaign(chat: Chat, answer: str) -> None:
    # Asked for the name, a title whose words resemble doubt ("blank", "open", "empty") to the
    # classifier is the name the user typed.
    first = await chat.say("a webinar for potters in Stoke")
    assert draft_fields(first).get("name") is None
    reply = await chat.say(answer)
    assert draft_fields(reply)["name"] == answer.removeprefix("let's go with ")
    assert "make that up" not in reply.content


async def test_doubt_typed_as_a_title_is_still_doubt(chat: Chat) -> None:
    await chat.say("a webinar for potters in Stoke")
    reply = await chat.say("Not Sure Yet")
    assert "name" not in draft_fields(reply)


@pytest.mark.parametrize(
    ("message", "objective"),
    [
        ("hopefully a fuller diary for the kennel staff", "a fuller diary for the kennel staff"),
        ("ideally a busier winter at the pottery", "a busier winter at the pottery"),
        ("hopefully 60 more class bookings", "60 more class bookings"),
    ],
)
def test_a_hope_leads_into_the_objective(message: str, objective: str) -> None:
    assert _values(message) == {"objective": objective}


def test_a_hope_about_when_or_whom_is_no_objective() -> None:
    assert "objective" not in _values("a webinar for potters, hopefully in June")
    assert _values("ideally for potters in Stoke") == {"target_audience": "potters in Stoke"}


def test_the_taggers_span_ends_before_a_joining_mark() -> None:
    from mcc.agent.span_tagger.span_values import span_value

    text = "objective 40 kiln bookings + budget USD 9,000"
    end = text.index(" budget")
    value = span_value("objective", text, text.index("40"), end)
    assert value is not None
    assert value.value == "40 kiln bookings"


async def test_an_answer_after_the_question_echoed_answers_it(chat: Chat) -> None:
    await chat.say('new webinar called "Kiln Talk" to get more repeat bookings')
    reply = await chat.say("who? potters who bought a wheel but never a class")
    assert draft_fields(reply)["target_audience"] == "potters who bought a wheel but never a class"
    assert "knowledge base" not in reply.content


async def test_a_question_after_an_echo_is_still_a_question(chat: Chat) -> None:
    await chat.say('new webinar called "Kiln Talk" for potters in Stoke')
    reply = await chat.say("why? what do the tier 2 rules say?")
    assert "objective" not in draft_fields(reply)


async def test_an_answer_checked_with_the_user_is_the_answer(chat: Chat) -> None:
    await chat.say('new webinar called "Kiln Talk"')
    reply = await chat.say("glaze suppliers in Stoke — is that what you mean?")
    assert draft_fields(reply)["target_audience"] == "glaze suppliers in Stoke"


async def test_doubt_about_one_field_keeps_the_other_given(chat: Chat) -> None:
    await chat.say('new webinar called "Kiln Talk"')
    reply = await chat.say("not sure about who yet — the goal is 60 class bookings")
    fields = draft_fields(reply)
    assert fields["objective"] == "60 class bookings"
    assert "target_audience" not in fields


def test_in_a_reply_the_tagger_never_swaps_the_value_for_other_words() -> None:
    from mcc.agent.extraction import Candidate
    from mcc.agent.span_tagger.fill import _replace

    text = (
        "our crowd's glaze suppliers in Stoke. oh and more repeat kiln bookings. that's it really"
    )
    value = "glaze suppliers in Stoke"
    values = {"target_audience": Candidate("target_audience", value, value)}
    other = "more repeat kiln bookings"
    start = text.index(other)
    _replace(
        values, [("audience", start, start + len(other), 0.99)], text, [value], "target_audience"
    )
    assert values["target_audience"].value == value
