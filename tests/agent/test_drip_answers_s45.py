"""How newcomers answer one question after another (session 45).

A remark after the answer ("300 sign-ups. that's it really"), scraps the details leave behind
("— realistic?", "max"), a remark that is no answer at all ("this is way faster than our
spreadsheet"), a channel word used as one ("we'll use e-mail") while the type is known, a
courtesy before the request ("how's it going — thinking about ..."), a label typed with a slip
after a slash, and a label of another field that is no value ("the commencement date is ...").
Wordings written for this file, not copied from an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import clauses, intents
from mcc.agent.answers import without_closing_remarks
from mcc.agent.extraction import extract
from mcc.agent.extraction.spans import only_label_words
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2037, 6, 23)


async def _asked_audience_and_objective(chat: Chat) -> None:
    await chat.say('can you set up a webinar called "Kettle Talks"?')
    reply = chat.replies[-1]
    assert reply.draft is not None
    assert set(reply.draft.asking) >= {"target_audience"}


async def test_a_remark_after_the_answer_is_no_part_of_it(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("450 registrations. that's it really")
    fields = draft_fields(reply)
    assert fields.get("objective") == "450 registrations"
    assert "target_audience" not in fields


async def test_a_remark_alone_is_no_audience(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("this is so much quicker than our old spreadsheet")
    assert "target_audience" not in draft_fields(reply)
    assert "objective" not in draft_fields(reply)


async def test_people_in_a_sentence_of_their_own_still_answer_who(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("they're mostly retired teachers in Galway")
    assert draft_fields(reply).get("target_audience") == "retired teachers in Galway"


async def test_a_check_and_an_amount_beside_the_aim_leave_the_aim(chat: Chat) -> None:
    await chat.say('set up an email campaign called "Oak & Ivy" for florists in Leeds')
    reply = await chat.say("footfall in the new shop — doable?\n12k GBP max")
    fields = draft_fields(reply)
    assert fields.get("objective") == "footfall in the new shop"
    assert fields.get("budget") == "12000"
    assert fields.get("currency") == "GBP"


def test_closing_remarks_are_cut_only_at_the_end() -> None:
    assert without_closing_remarks("300 new members. hope that helps") == "300 new members"
    # A clause that says something stays, wherever the remark is.
    kept = "retired teachers, mostly in Galway"
    assert without_closing_remarks(kept) == kept


async def test_a_channel_word_used_as_one_keeps_the_type(chat: Chat) -> None:
    await chat.say('I need an ABM programme called "Well Kept"')
    reply = await chat.say("we'll use e-mail")
    fields = draft_fields(reply)
    assert fields.get("type") == "abm"
    assert reply.draft is not None
    assert [channel.name for channel in reply.draft.channels] == ["email"]


@pytest.mark.parametrize(
    ("words", "channels"),
    [
        ("I want paid Instagram", ["paid social"]),
        ("paid Facebook and TikTok", ["paid social"]),
        ("paid Instagram, paid search, our email list", ["paid social", "paid search", "email"]),
    ],
)
def test_paid_networks_and_an_email_list_are_channels(words: str, channels: list[str]) -> None:
    found = extract(words, today=TODAY, pending=("target_audience", "objective"))
    assert sorted(c.value for c in found.channels) == sorted(channels)
    assert "type" not in found.values


@pytest.mark.parametrize(
    "message",
    [
        "how's it going — thinking about a joint promo with our biggest stockist",
        "hope you're well! need a webinar for our installers",
        "how are you? we want to run some paid social",
    ],
)
def test_a_courtesy_before_a_request_asks_nothing(message: str) -> None:
    assert not intents.is_question(message)


def test_a_courtesy_before_a_question_keeps_the_question() -> None:
    assert intents.is_question("hope you're well! who signs off a tier 1 launch")


async def test_a_courtesy_opener_starts_the_campaign(chat: Chat) -> None:
    reply = await chat.say("how's it going — thinking about an organic social push for our gym")
    assert draft_fields(reply).get("type") == "social"


def test_a_label_typed_with_a_slip_after_a_slash_is_read() -> None:
    found = extract(
        "it's an email blast about the new opening hours / nmae: Brick & Bloom", today=TODAY
    )
    assert found.values["name"].value == "Brick & Bloom"


@pytest.mark.parametrize(
    "words", ["oh and The commencement date", "the kickoff date", "and the timing"]
)
def test_another_fields_label_is_no_value(words: str) -> None:
    assert only_label_words(words)


async def test_another_fields_label_does_not_become_the_objective(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say(
        "it should speak to people who hate their commute. oh and The commencement date is 27 "
        "February."
    )
    fields = draft_fields(reply)
    assert "objective" not in fields
    assert fields.get("target_audience") == "people who hate their commute"


@pytest.mark.parametrize(
    ("message", "audience", "objective"),
    [
        (
            "more repeat orders is the goal, allotment holders in Derby are the audience",
            "allotment holders in Derby",
            "more repeat orders",
        ),
        (
            "cyclists in Bristol are the crowd; 300 new members is the hope",
            "cyclists in Bristol",
            "300 new members",
        ),
    ],
)
def test_a_value_said_before_its_label(message: str, audience: str, objective: str) -> None:
    found = extract(message, today=TODAY)
    assert found.values["target_audience"].value == audience
    assert found.values["objective"].value == objective


def test_a_question_before_a_label_word_is_no_value() -> None:
    assert extract("what is the goal?", today=TODAY).values == {}


@pytest.mark.parametrize(
    ("message", "field", "value"),
    [
        ("we're after vets in Cork", "target_audience", "vets in Cork"),
        ("we're after 90 booked demos", "objective", "90 booked demos"),
        ("we hope for 150 good leads", "objective", "150 good leads"),
        ("what we're after is referrals from vets", "objective", "referrals from vets"),
    ],
)
def test_frames_around_an_answer(message: str, field: str, value: str) -> None:
    found = extract(message, today=TODAY, pending=("target_audience", "objective"))
    assert found.values[field].value == value
    other = {"target_audience": "objective", "objective": "target_audience"}[field]
    assert other not in found.values


def test_words_ending_in_wise_are_no_label() -> None:
    assert extract("otherwise fine, likewise the dates", today=TODAY).values == {}


@pytest.mark.parametrize(
    "message",
    ["the objective isn't right, it's Q4 pipeline", "the audience is wrong - should be nurses"],
)
def test_a_label_said_to_be_wrong_fills_nothing_with_its_complaint(message: str) -> None:
    found = extract(message, today=TODAY)
    assert all(
        "right" not in str(c.value) and "wrong" not in str(c.value) for c in found.values.values()
    )


async def test_two_bare_sentences_answer_who_and_what_for(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("Potters in Stoke. More weekend workshop bookings.")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "Potters in Stoke"
    assert fields.get("objective") == "More weekend workshop bookings"


async def test_one_answer_fills_one_field(chat: Chat) -> None:
    await _asked_audience_and_objective(chat)
    reply = await chat.say("parents of toddlers who don't want screens at dinner")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "parents of toddlers who don't want screens at dinner"
    assert "objective" not in fields


async def test_a_second_campaigns_opener_is_no_aim(chat: Chat) -> None:
    await chat.say(
        'Webinar "Glaze Days" for potters in Stoke, goal 80 sign-ups, $9,000, launch 2037-09-14,'
        " email only"
    )
    await chat.say("yes, create it")
    reply = await chat.say('one more, unrelated: a partner promo titled "Kiln Club" on paid search')
    fields = draft_fields(reply)
    assert fields.get("name") == "Kiln Club"
    assert "objective" not in fields


async def test_two_bare_sentences_in_a_new_installations_first_minute(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clause tagger still training (`tag` answers None): the rules' words split them."""
    monkeypatch.setattr(clauses.TAGGER, "current", lambda: None)
    await _asked_audience_and_objective(chat)
    reply = await chat.say("Potters in Stoke. More weekend workshop bookings.")
    fields = draft_fields(reply)
    assert fields.get("target_audience") == "Potters in Stoke"
    assert fields.get("objective") == "More weekend workshop bookings"
