"""The dialogue-level families left on the tenth blind set's DEV half, each in phrasings of our
own (none is in an evaluation set): a copy asked for after a creation, a scoped channel word
after a stated type, a labelled name with "for" in it, a checklist asked as boxes to tick, a
complaint before the brief, a partner the campaign is run with, a year said in words."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from tests.agent.conftest import Chat
from tests.agent.reading import readers

TODAY = date(2031, 3, 3)


values, channels = readers(TODAY)

FIRST = (
    "New content campaign 'Harbour Ledger' for controllers at SaaS scale-ups, goal 90 demos, "
    "paid search only, USD 45,000, launch 2026-05-11"
)


async def _created(chat: Chat) -> uuid.UUID:
    preview = await chat.say(FIRST)
    assert preview.draft is not None
    assert preview.draft.value_of("name") == "Harbour Ledger"
    done = await chat.say("yes, create it")
    assert done.draft is not None
    assert done.draft.created_campaign_id is not None
    return done.draft.created_campaign_id


# --- A copy the user asks for: the created campaign's values but its name ---------------------


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("duplicate that one as 'Quay Ledger'", "Quay Ledger"),
        ("same again but call it 'Quay Ledger'", "Quay Ledger"),
        ('clone the campaign for EMEA, new name: "Quay Ledger"', "Quay Ledger"),
        ("can you copy it? name it 'Quay Ledger'", "Quay Ledger"),
    ],
)
async def test_a_copy_request_previews_the_created_values_under_the_new_name(
    chat: Chat, request_: str, name: str
) -> None:
    first = await _created(chat)
    reply = await chat.say(request_)
    assert reply.draft is not None
    assert reply.draft.value_of("name") == name
    assert reply.draft.value_of("budget") == "45000"
    assert reply.draft.value_of("objective") == "90 demos"
    assert reply.draft.preview.shown
    assert not reply.draft.preview.confirmed
    done = await chat.say("yes")
    assert done.draft is not None
    assert done.draft.created_campaign_id not in (None, first)


async def test_a_copy_without_a_new_name_asks_for_one(chat: Chat) -> None:
    await _created(chat)
    reply = await chat.say("duplicate it please")
    assert reply.draft is not None
    assert reply.draft.value_of("name") is None
    assert reply.draft.value_of("budget") == "45000"
    assert not reply.draft.preview.shown


@pytest.mark.parametrize(
    "request_",
    [
        "one more: webinar 'Quay Ledger' for CFOs in Spain",
        "next campaign please, an event called 'Quay Ledger'",
        "another one — ABM, name it 'Quay Ledger'",
    ],
)
async def test_a_new_campaign_without_a_copy_request_starts_empty(
    chat: Chat, request_: str
) -> None:
    await _created(chat)
    reply = await chat.say(request_)
    assert reply.draft is not None
    assert reply.draft.value_of("name") == "Quay Ledger"
    assert reply.draft.value_of("budget") is None
    assert reply.draft.value_of("objective") is None


# --- "email only" once the type is known: where it runs, not what it is -----------------------


@pytest.mark.parametrize(
    "answer",
    [
        "email only — budget 9k USD — for nurses in Leeds",
        "just email please, 9k USD, for nurses in Leeds",
        "email, nothing else. 9k USD, for nurses in Leeds",
        "email and that's all; 9k USD for nurses in Leeds",
    ],
)
async def test_a_scoped_channel_word_keeps_the_stated_type(chat: Chat, answer: str) -> None:
    await chat.say("new one: an event campaign, titled 'Lantern Walk'")
    reply = await chat.say(answer)
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "event"
    # The event's own channel stays by rule; the scope adds email and nothing else.
    assert {item.name for item in reply.draft.channels} == {"email", "events"}


async def test_a_channel_word_with_campaign_still_changes_the_type(chat: Chat) -> None:
    await chat.say("new one: an event campaign, titled 'Lantern Walk'")
    reply = await chat.say("make it an email campaign instead, 9k USD")
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "email"


# --- A name on a labelled line keeps all its words ---------------------------------------------


@pytest.mark.parametrize(
    ("brief", "name"),
    [
        ("Name: Harvest Offers for Clinics\nBudget: 5k USD", "Harvest Offers for Clinics"),
        ("> Name: Rewards for Retailers\n> Audience: shop owners", "Rewards for Retailers"),
        ("- Campaign name – Savings for Startups\n- Type: webinar", "Savings for Startups"),
    ],
)
def test_a_labelled_name_line_keeps_its_for(brief: str, name: str) -> None:
    assert values(brief)["name"] == name


@pytest.mark.parametrize(
    ("message", "name", "audience"),
    [
        ("name it Spring Push for CFOs in Spain", "Spring Push", "CFOs in Spain"),
        ("Name: Summer Sale for Startups, budget 5k", "Summer Sale", "Startups"),
    ],
)
def test_in_running_text_for_still_starts_the_audience(
    message: str, name: str, audience: str
) -> None:
    found = values(message)
    assert (found["name"], found["target_audience"]) == (name, audience)


# --- A checklist asked as boxes to tick --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what needs checking off before launch?",
        "which boxes to tick before a campaign goes out?",
        "what should I tick off the day before we go live?",
    ],
)
async def test_boxes_to_tick_are_the_launch_checklist(chat: Chat, question: str) -> None:
    reply = await chat.say(question)
    words = ("utm", "proof", "tracking", "landing page", "five business days", "tier approver")
    assert any(word in reply.content.lower() for word in words)
    assert reply.citations
    assert reply.draft is None or not reply.draft.fields


# --- A complaint before the brief: the type still opens it --------------------------------------


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Another dashboard, wonderful, just what we needed. Sure. content campaign, 'Y', 9k",
         "content"),
        ("Not thrilled about this process at all! email campaign, 'Z', 5k", "email"),
        ("Fourth form this month, lovely. Whatever. webinar, name 'Q', for CFOs", "webinar"),
    ],
)  # fmt: skip
def test_a_type_after_finished_remarks_opens_the_brief(message: str, kind: str) -> None:
    assert values(message)["type"] == kind


# --- Whom a partner campaign is run with is no audience ----------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "next: partner campaign with a reseller named 'Quay Deals'",
        "co-branded campaign alongside our distributor, 'Kite Run', 10k",
        "also a joint campaign together with two agencies, 'Kite Run', 10k",
    ],
)
def test_the_partner_a_campaign_is_run_with_is_no_audience(message: str) -> None:
    found = values(message)
    assert found["type"] == "partner"
    assert "target_audience" not in found


def test_a_partner_campaign_for_someone_keeps_that_audience() -> None:
    found = values("joint campaign with a reseller for IT managers in Ohio, 'Kite Run', 10k")
    assert found["target_audience"] == "IT managers in Ohio"


# --- A year said in words after a bare month ----------------------------------------------------


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("launch in June twenty thirty-two", "2032-06-01"),
        ("go live in October twenty thirty-five", "2035-10-01"),
        ("kick off April twenty thirty three", "2033-04-01"),
    ],
)
def test_a_year_in_words_after_a_month(message: str, day: str) -> None:
    assert values(message)["launch_date"] == day


def test_a_spoken_number_without_a_month_is_no_year() -> None:
    assert "launch_date" not in values("budget twenty thirty")
