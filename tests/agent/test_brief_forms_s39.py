"""Replies and briefs in the ways blind-17's and blind-18's DEV halves showed them (session 39).

"shift the go-live to 9 June" changes the date and names no aim; "the aim's off — it should read
X" and "the goal came out wrong, make it X" give X alone; "... in Leeds I reckon" and "— more in
a minute" are the writer's, not the people's; a terse brief of bare sentences gives its one
sentence left over to the field still empty. Wordings written for this file, not copied from an
evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.clauses.refine import refine
from mcc.agent.dialogue import read
from mcc.agent.extraction import extract
from mcc.agent.extraction.leading_marks import clean_start
from mcc.agent.guardrails import reply_act
from tests.agent.conftest import Chat

TODAY = date(2031, 1, 6)


def _draft(reply: object) -> dict[str, str]:
    draft = getattr(reply, "draft", None)
    assert draft is not None
    return {item.name: item.value for item in draft.fields}


_BRIEF = (
    'webinar "Orchard Talks" for fruit growers in Kent, aim 40 sign-ups, 12k usd, go live'
    " 20 March 2031"
)


@pytest.mark.parametrize(
    "said",
    [
        "shift the go-live to 9 June",
        "please push the launch to the 9th of June 2031",
        "bump the budget up to 15k",
        "can you change the name to Pear Talks",
    ],
)
async def test_an_edit_of_a_field_after_the_preview_is_no_aim(chat: Chat, said: str) -> None:
    await chat.say(_BRIEF)
    reply = await chat.say(said)
    fields = _draft(reply)
    assert fields["objective"] == "40 sign-ups"
    assert reply.draft is not None
    assert reply.draft.status == "previewed"


@pytest.mark.parametrize("said", ["move the start", "push the go-live back", "change the budget"])
def test_a_field_edit_alone_is_a_reply_not_a_value(said: str) -> None:
    assert reply_act(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "the aim's off — it should read 60 sign-ups from cider makers",
        "the goal came out wrong, make it 60 sign-ups from cider makers",
        "the objective looks wrong: it needs to say 60 sign-ups from cider makers",
    ],
)
async def test_an_aim_corrected_with_what_it_should_read(chat: Chat, said: str) -> None:
    await chat.say(_BRIEF)
    reply = await chat.say(said)
    assert _draft(reply)["objective"] == "60 sign-ups from cider makers"


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("bakery owners in Leeds — more in a minute", "bakery owners in Leeds"),
        ("bakery owners in Leeds, details to follow", "bakery owners in Leeds"),
        ("bakery owners in Leeds I reckon", "bakery owners in Leeds"),
    ],
)
def test_the_writers_promise_or_hedge_is_no_part_of_a_value(value: str, kept: str) -> None:
    assert clean_start(value) == kept


async def test_an_audience_hedged_with_i_think_keeps_no_pronoun(chat: Chat) -> None:
    await chat.say('new email campaign please, call it "Harbour Notes"')
    reply = await chat.say("sailors who bought a dinghy and never raced I think")
    assert _draft(reply)["target_audience"] == "sailors who bought a dinghy and never raced"


@pytest.mark.parametrize(
    ("message", "aim"),
    [
        (
            'Partner promo. "Kiln Days". potters who sell at weekend markets. stall bookings'
            " for the spring fair. 14k usd. 12 May 2031. LinkedIn posts + email.",
            "stall bookings for the spring fair",
        ),
        (
            'Organic social. "Ferry Tales". island residents who commute by boat. support for'
            " the later sailings petition. 9000 USD. 3 June 2031.",
            "support for the later sailings petition",
        ),
    ],
)
def test_a_terse_brief_gives_its_leftover_sentence_to_the_empty_field(
    message: str, aim: str
) -> None:
    found = refine(extract(message, today=TODAY), message)
    assert found.values["objective"].value == aim


def test_a_terse_brief_with_no_sentence_left_over_fills_no_aim() -> None:
    message = 'Partner promo. "Kiln Days". potters at weekend markets. 14k usd. 3 May 2031.'
    reading = read(message, today=TODAY, pending=(), flagship_keywords=())
    assert "objective" not in reading.found.values


@pytest.mark.parametrize(
    "said",
    [
        "hi! my manager wants a small webinar series sorted, can you help?",
        "the director needs an in-person event at our warehouse, could you help?",
    ],
)
async def test_someone_wanting_a_type_starts_a_draft(chat: Chat, said: str) -> None:
    reply = await chat.say(said)
    assert reply.draft is not None
    assert _draft(reply)["type"] in {"webinar", "event"}


@pytest.mark.parametrize(
    "said", ["I need a checklist for a webinar", "do we need a webinar for this?"]
)
def test_wanting_a_document_about_a_type_is_no_request(said: str) -> None:
    from mcc.agent import intents

    assert not intents.wants_campaign(said)


def test_the_writers_own_team_is_no_audience() -> None:
    reading = read(
        "I want to start a newsletter series for our team",
        today=TODAY,
        pending=(),
        flagship_keywords=(),
    )
    assert "target_audience" not in reading.found.values


@pytest.mark.parametrize(
    ("said", "field", "value"),
    [
        ("for whom: allotment holders in Bath", "target_audience", "allotment holders in Bath"),
        ("sucess looks like 30 stall bookings", "objective", "30 stall bookings"),
        (
            "our problem: we need repeat orders from florists",
            "objective",
            "repeat orders from florists",
        ),
        (
            "right, a fuller diary of showroom visits",
            "objective",
            "a fuller diary of showroom visits",
        ),
        (
            "ok — higher turnout at the open mornings",
            "objective",
            "higher turnout at the open mornings",
        ),
    ],
)
async def test_drip_answers_with_frames_and_openings(
    chat: Chat, said: str, field: str, value: str
) -> None:
    await chat.say('new email campaign please, call it "Harbour Notes"')
    reply = await chat.say(said)
    assert _draft(reply)[field] == value


def _channels(text: str) -> list[str]:
    return [str(c.value) for c in extract(text, today=TODAY).channels]


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        (
            'webinar "Net Gains". Channels: our member email list / LinkedIn posts',
            ["email", "linkedin"],
        ),
        ("a webinar: we'll send it to our email list and run search ads", ["email", "paid search"]),
        ("Channels: LinkedIn and email — search ads are off.", ["linkedin", "email"]),
        ("webinar on LinkedIn and email; paid social is off the table", ["linkedin", "email"]),
    ],
)
def test_an_email_list_sends_and_a_channel_said_off_is_left_out(
    text: str, channels: list[str]
) -> None:
    assert sorted(_channels(text)) == sorted(channels)


@pytest.mark.parametrize(
    "text", ["grow the email list to 5,000", "email list sign-ups from the shop counter"]
)
def test_an_email_list_counted_is_still_no_channel(text: str) -> None:
    assert "email" not in _channels(text)


def test_a_channels_line_gives_no_audience() -> None:
    reading = read(
        "I need a webinar for May. Channels: just our member email list.",
        today=TODAY,
        pending=(),
        flagship_keywords=(),
    )
    assert "target_audience" not in reading.found.values


@pytest.mark.parametrize(
    ("text", "aim"),
    [
        (
            'an email called "Tide Times" for harbour masters, aim being faster berth bookings',
            "faster berth bookings",
        ),
        (
            'an email called "Tide Times". The objective is, more or less, a bigger share of'
            " berth bookings online.",
            "a bigger share of berth bookings online",
        ),
    ],
)
def test_an_aim_after_being_or_a_hedge(text: str, aim: str) -> None:
    reading = read(text, today=TODAY, pending=(), flagship_keywords=())
    assert reading.found.values["objective"].value == aim


def test_a_span_from_a_preposition_inside_the_aim_never_replaces_it() -> None:
    from mcc.agent.span_tagger.fill import _shortens

    assert _shortens("a bigger share of berth bookings", "of berth bookings")


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("spend is $18,000 — will that go far enough?", "spend is $18,000"),
        ("on the 9th of May — too early, you think?", "on the 9th of May"),
        # Questions on what it needs, or asking for more, stay.
        ("webinar for vets — does it need VP approval?", None),
        ("budget 20k — can it run on Instagram too?", None),
        ("the summit costs $60,000, is it really tier 1?", None),
        ("hang on, is that tier 2?", None),
    ],
)
def test_a_short_check_on_what_was_just_given(said: str, kept: str | None) -> None:
    from mcc.agent.extraction.closings import without_check

    assert without_check(said) == (kept or said)


@pytest.mark.parametrize(
    "said",
    [
        "push it out on LinkedIn posts and paid search",
        "roll it out on a pair: LinkedIn (no spend) and paid search",
    ],
)
def test_sending_the_campaign_somewhere_is_channels_not_an_aim(said: str) -> None:
    reading = read(said, today=TODAY, pending=("channels",), flagship_keywords=())
    assert "objective" not in reading.found.values
    assert "budget" not in reading.found.values
    assert {c.value for c in reading.found.channels} >= {"linkedin", "paid search"}


def test_a_long_message_is_read_for_instructions_once_for_all_its_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Found by the hostile shapes (benchmarks/hostile_messages.py): 370 channels said off in one
    # brief were each checked against the whole brief, the instruction detector reading it 370
    # times (seconds per turn).
    from mcc.agent import guardrails
    from mcc.agent.instructions import learned_instruction as real

    calls: list[str] = []

    def counted(text: str) -> bool:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(guardrails, "learned_instruction", counted)
    message = "webinar on LinkedIn, no search ads, " * 40 + "and a unique ending 7f3a"
    for _ in range(40):
        update = guardrails.FieldUpdate("channels", "paid search", "search ads")
        guardrails.check_grounded(update, [message], today=TODAY, flagship_keywords=())
    assert calls.count(message) <= 1
