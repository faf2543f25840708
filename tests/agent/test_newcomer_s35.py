"""A newcomer's drip of details, read as a person means them (session 35).

"right, 8,000 US dollars" is a budget in US dollars; "'X' is the name — is that ok?" gives the
name and checks it (no knowledge search, no name "is"); "what we want is 40 meetings" is an
objective, not a question; "we're doing a social calendar, where do I start?" opens a draft;
"the idea is to get inbound leads" wants the leads; a chat copied from Teams with the speaker
and time on a line of their own answers its questions line by line; holidays people time
launches to are dates. Wordings written for this file, not from an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction import extract
from mcc.agent.extraction.field_fixes import field_fix
from mcc.agent.extraction.named_days import _easter
from tests.agent.conftest import Chat

TODAY = date(2031, 1, 6)


def _values(text: str, pending: tuple[str, ...] = ()) -> dict[str, object]:
    found = extract(text, today=TODAY, pending=pending)
    return {name: c.value for name, c in found.values.items()}


@pytest.mark.parametrize(
    ("said", "amount", "currency"),
    [
        ("right, 8,000 US dollars", "8000", "USD"),
        ("12k Australian dollars", "12000", "AUD"),
        ("about 30,000 U.S. dollars", "30000", "USD"),
        ("9,500 Canadian dollars", "9500", "CAD"),
    ],
)
def test_dollars_named_with_their_country(said: str, amount: str, currency: str) -> None:
    values = _values(said, ("budget",))
    assert (values["budget"], values["currency"]) == (amount, currency)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("launch on Bastille Day 2031", "2031-07-14"),
        ("it goes live Earth Day 2031", "2031-04-22"),
        ("we start on Good Friday 2031", "2031-04-11"),
        ("launch on Easter Monday 2031", "2031-04-14"),
        ("go live on St. Patrick's Day", "2031-03-17"),
        ("launch on Memorial Day 2031", "2031-05-26"),
        ("launch on Labour Day", "2031-09-01"),
        ("start on Juneteenth", "2031-06-19"),
    ],
)
def test_days_a_launch_is_timed_to(said: str, day: str) -> None:
    assert _values(said)["launch_date"] == day


def test_easter_falls_on_its_sunday() -> None:
    assert [_easter(year).isoformat() for year in (2024, 2025, 2031)] == [
        "2024-03-31",
        "2025-04-20",
        "2031-04-13",
    ]


def test_to_get_what_is_wanted_is_the_objective() -> None:
    assert _values("the idea is to get repeat orders from delis in Hull")["objective"] == (
        "repeat orders from delis in Hull"
    )
    assert _values("the aim is to get brand recall in Wales")["objective"] == (
        "brand recall in Wales"
    )
    # Under a label of its own, the user's words stay as typed.
    assert _values("Objective: get 40 demo requests")["objective"] == "get 40 demo requests"


def test_a_chat_copied_with_header_lines_answers_its_questions() -> None:
    text = (
        "Copied from Teams:\n"
        "Mara Lind 10:02 AM\n"
        'need a webinar, name "Glass Half Full"\n'
        "Joe Park 10:03 AM\n"
        "audience?\n"
        "Mara Lind 10:04 AM\n"
        "sommeliers at hotel bars in Lisbon\n"
        "Joe Park 10:04 AM\n"
        "objective?\n"
        "Mara Lind 10:05 AM\n"
        "60 tasting-kit orders\n"
    )
    values = _values(text)
    assert values["target_audience"] == "sommeliers at hotel bars in Lisbon"
    assert values["objective"] == "60 tasting-kit orders"


async def test_a_value_with_a_check_on_it_fills_the_field(chat: Chat) -> None:
    await chat.say("we need a webinar for March")
    reply = await chat.say('"Salt & Smoke Sessions" is the name — is that ok?')
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Salt & Smoke Sessions"
    assert not reply.citations
    reply = await chat.say("it's aimed at pitmasters in Texas — specific enough?")
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == "pitmasters in Texas"


async def test_what_we_want_is_an_objective_not_a_question(chat: Chat) -> None:
    await chat.say('new email campaign "Ledger Lines" for bookkeepers in Leeds')
    reply = await chat.say("what we want is 35 demo bookings")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "35 demo bookings"
    assert not reply.citations


async def test_where_do_i_start_with_our_campaign_opens_a_draft(chat: Chat) -> None:
    reply = await chat.say("so we're doing a webinar series in the spring, where do I start?")
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "webinar"


async def test_social_marked_paid_changes_no_type(chat: Chat) -> None:
    await chat.say('an ABM pilot called "Quarry Lane"')
    reply = await chat.say("channels: email and social (paid)")
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "abm"
    assert [channel.name for channel in reply.draft.channels] == ["email", "paid social"]


def test_a_label_typed_with_two_letters_swapped_mid_sentence() -> None:
    values = _values('lets call it "Fox & Fern"; audeince is tree surgeons in Kent')
    assert values["target_audience"] == "tree surgeons in Kent"
    # A common word a letter away from a label is read as itself.
    assert "launch_date" not in _values("the data is in the sheet")


def test_the_objective_got_wrong_is_corrected() -> None:
    fix = field_fix("I got the objective wrong: it's 80 repair bookings")
    assert fix is not None
    assert (fix.field, fix.value) == ("objective", "80 repair bookings")
    assert field_fix("I got the objective wrong") is None  # the value is still to come


def test_booking_in_a_campaign_is_no_objective() -> None:
    values = _values("hey, I've got to book in a pay-per-click campaign for this autumn")
    assert values["type"] == "paid"
    assert "objective" not in values


async def test_a_campaign_described_without_a_type_word_gets_its_type(chat: Chat) -> None:
    reply = await chat.say(
        "What we have in mind is a cheese-and-wine evening for customers at our warehouse. "
        'Name it "Rind & Vine". Audience: deli owners in Bristol'
    )
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "event"


async def test_a_question_after_telling_about_yourself_is_answered(chat: Chat) -> None:
    reply = await chat.say(
        "we're planning something big for the autumn and I'm new here — how long does the "
        "launch war room stay open?"
    )
    assert "48 hours" in reply.content
    assert reply.citations
    assert reply.draft is None or reply.draft.value_of("type") is None


POTTERS, BOOKINGS = "potters in Stoke", "40 kiln bookings"
WEBINAR, FOR_POTTERS = 'webinar "Kiln Days"', 'webinar "Kiln Days" for potters'


@pytest.mark.parametrize(
    ("opening", "said", "field", "wanted"),
    [
        (WEBINAR, f"the people are {POTTERS}", "target_audience", POTTERS),
        (WEBINAR, f"{POTTERS} mainly", "target_audience", POTTERS),
        (WEBINAR, f"pretty much {POTTERS}", "target_audience", POTTERS),
        (FOR_POTTERS, f"the goal's {BOOKINGS}", "objective", BOOKINGS),
        (FOR_POTTERS, f"honestly just {BOOKINGS}", "objective", BOOKINGS),
        (FOR_POTTERS, f"we'd love {BOOKINGS}", "objective", BOOKINGS),
        (FOR_POTTERS, f"{BOOKINGS}!!", "objective", BOOKINGS),
    ],
)
async def test_hedges_and_frames_around_a_bare_answer(
    chat: Chat, opening: str, said: str, field: str, wanted: str
) -> None:
    await chat.say(opening)
    reply = await chat.say(said)
    assert reply.draft is not None
    assert reply.draft.value_of(field) == wanted


async def test_can_we_also_do_another_campaign_starts_it_empty(chat: Chat) -> None:
    await chat.say(
        'Email campaign "Copper Pot" for chefs in Dublin, objective 90 demo bookings, budget '
        "$12,000, launch 2031-04-14, channels email"
    )
    await chat.say("yes, create it")
    reply = await chat.say('Great. Can we also do a webinar, "Tin Roof", aimed at roofers in Cork?')
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Tin Roof"
    assert reply.draft.value_of("budget") is None
    assert reply.draft.value_of("launch_date") is None
