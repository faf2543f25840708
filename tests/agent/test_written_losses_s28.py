"""The losses `scripts/objective_losses.py` measured on the written corpora, each in wordings of our
own (in no corpus or evaluation set): an amount raised or counted is the objective's, not the
budget; an answer the classifier mistakes for a cancel is the answer; the things people plan by
name belong to a type; a name ends where the sentence goes on."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.acts import Act, Guess, classify
from mcc.agent.dialogue import read
from mcc.agent.extraction import extract
from mcc.agent.extraction.amounts import budget_amount, find_amounts
from mcc.agent.weak_cancels import weak_cancel
from tests.agent.conftest import Chat
from tests.agent.reading import readers

TODAY = date(2031, 5, 12)

values, _ = readers(TODAY)


def _budget(text: str) -> str | None:
    money = budget_amount(text, find_amounts(text))
    return money.raw if money is not None else None


# --- An amount that is raised, sold or counted is the objective's ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "quiz night for parents at Elm Lane school to raise £12k for the new library",
        "sponsored swim for club members, we hope to bring in €8,500 for the pool roof",
        "year-end appeal, goal is £90,000 raised before Hogmanay",
        "trade webinar for installers to book $300k of orders by June",
        "we need 4k demo requests from the launch",
        "aiming for 12k new members and 900 referrals",
    ],
)
def test_an_amount_raised_or_counted_is_no_budget(text: str) -> None:
    assert _budget(text) is None


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("quiz night to raise £12k for the library, budget £1,500", "£1,500"),
        ("we can spend £1,500 on a quiz night to raise £12k", "£1,500"),
        ("raise awareness among landlords in Hull with £6k", "£6k"),
        ("£3k for the quiz night, we want to raise £12k", "£3k"),
        ("Open day for sixth formers, 7k all in, 400 sign-ups", "7k"),
        ("12k for ads and 900 referrals", "12k"),
    ],
)
def test_a_budget_beside_a_raised_amount_stays_the_budget(text: str, budget: str) -> None:
    assert _budget(text) == budget


def test_the_objective_keeps_the_amount_it_raises() -> None:
    found = values("Quiz night for parents at Elm Lane school, raise £12k for the new library")
    assert "budget" not in found


# --- A reply the classifier only guesses is a cancel is the answer asked for -------------------


@pytest.mark.parametrize(
    "reply",
    ["clear out the winter coats", "kill off the late-payment backlog", "clear the spare stock"],
)
def test_an_answer_to_the_asked_objective_is_no_cancel(reply: str) -> None:
    reading = read(reply, today=TODAY, pending=("objective",), flagship_keywords=())
    assert reading.act.value != "cancel"


@pytest.mark.parametrize(
    "reply", ["forget the whole thing", "scrap this", "cancel it", "never mind, drop the draft"]
)
def test_a_cancel_of_the_draft_stays_a_cancel(reply: str) -> None:
    reading = read(reply, today=TODAY, pending=("objective",), flagship_keywords=())
    assert reading.act.value == "cancel"


def test_a_weak_cancel_needs_words_no_cancel_uses() -> None:
    assert weak_cancel("clear out the winter coats", Guess(Act.CANCEL, 0.6))
    assert not weak_cancel("clear out the winter coats", Guess(Act.CANCEL, 0.95))  # sure
    assert not weak_cancel("clear out the winter coats", Guess(Act.DETAILS, 0.6))
    assert not weak_cancel("bin the whole lot", Guess(Act.CANCEL, 0.6))  # it names the draft
    assert not weak_cancel("discard", classify("discard"))


async def test_an_objective_that_sounds_like_a_cancel_keeps_the_draft(chat: Chat) -> None:
    await chat.say(
        "new email campaign 'Cedar Fold' for florists in Bath, budget 9k, launch 2031-07-01"
    )
    reply = await chat.say("clear out the winter coats")
    assert reply.draft is not None
    assert reply.draft.value_of("objective") == "clear out the winter coats"
    assert reply.draft.value_of("name") == "Cedar Fold"


async def test_an_explicit_cancel_after_the_question_still_cancels(chat: Chat) -> None:
    await chat.say(
        "new email campaign 'Cedar Fold' for florists in Bath, budget 9k, launch 2031-07-01"
    )
    reply = await chat.say("forget the whole thing")
    assert reply.draft is None or reply.draft.value_of("objective") is None
    assert "cancel" in reply.content.lower()


# --- Things people plan by name, by type --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("an open day for year 11 pupils at Fernhill, 3k", "event"),
        ("a cheese sampling tour of farm shops for foodies in Devon", "event"),
        ("lunch-and-learn series for practice managers in Cork", "event"),
        ("a pop-up shop in Shoreditch for sneaker collectors", "event"),
        ("a podcast sponsorship aimed at indie founders, $6k", "paid"),
        ("radio spots for commuters in Leeds, £9k", "paid"),
        ("an app relaunch for lapsed riders in Lyon", "product_launch"),
        ("a platform rebrand for all customers", "product_launch"),
        ("an explainer video series for new payroll admins", "content"),
        ("a nurture for trial users who never invited a teammate", "email"),
        ("a creator campaign for skaters in Porto", "social"),
        ("an affiliate programme for cycling bloggers", "partner"),
    ],
)
def test_what_people_plan_by_name_has_a_type(text: str, kind: str) -> None:
    assert values(text).get("type") == kind


def test_a_channel_word_alone_is_no_type() -> None:
    assert "type" not in values("for florists in Bath on radio and billboards, 8k")


# --- A name ends where the sentence goes on ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("set up a campaign called lantern walk its a night tour for families", "lantern walk"),
        ("call it Tidewater and make it an event for marina owners", "Tidewater"),
        ("name it Copperleaf if that's ok", "Copperleaf"),
        ("dubbed Harbour Lights, a webinar for port agents", "Harbour Lights"),
        ("working title is now Project Kestrel", "Project Kestrel"),
        ("**Name:** Oak Hollow\n**Type:** webinar", "Oak Hollow"),
        ("Saltmarsh Trail: for birdwatchers in Norfolk, starting 3 June, £4k", "Saltmarsh Trail"),
        ("saltmarsh:, for birdwatchers in Norfolk, £4k", "saltmarsh"),
        ("quiet harbour:; for sailing clubs in Cork; €6,000; starting 1 July", "quiet harbour"),
        ("Called It's A Wrap, a webinar for editors", "It's A Wrap"),
    ],
)
def test_a_name_ends_where_the_sentence_goes_on(text: str, name: str) -> None:
    assert values(text).get("name") == name


@pytest.mark.parametrize(
    "text",
    [
        "Quick one: webinar for CFOs in Spain, 20k",
        "Context: for the CFOs we lost last year, a webinar",
        "Budget: 20k for a webinar",
        "Webinar: CFOs in Spain, 20k",
        "Dentistry: an open day for hygienists in Hull, 5k",
        "Long story short: webinar for CFOs in Spain, 20k",
    ],
)
def test_a_heading_before_a_colon_is_no_name(text: str) -> None:
    assert "name" not in values(text)


# --- A kind of campaign no type names, given as the type, is "other" ---------------------------


def _asked_type(text: str) -> dict[str, str]:
    found = extract(text, today=TODAY, pending=("type",), flagship_keywords=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize("reply", ["a leaflet drop", "it's a textbook donation drive", "SMS blast"])
def test_an_unlisted_kind_given_as_the_type_is_other(reply: str) -> None:
    assert _asked_type(reply).get("type") == "other"


@pytest.mark.parametrize("reply", ["a campaign", "not sure yet", "an autumn promo email"])
def test_no_kind_or_a_listed_one_is_not_other(reply: str) -> None:
    assert _asked_type(reply).get("type") != "other"


def test_a_labelled_unlisted_kind_is_other_and_unasked_it_is_not() -> None:
    assert values("Name: Kestrel\nType: river clean-up drive\nBudget: 4k").get("type") == "other"
    assert "type" not in values("a river clean-up drive for anglers in York")


async def test_an_unlisted_kind_answering_the_type_question_is_stored_as_other(chat: Chat) -> None:
    await chat.say("new campaign 'Cedar Fold' for florists in Bath, goal 40 orders, 9k, 2031-07-01")
    reply = await chat.say("a leaflet drop")
    assert reply.draft is not None
    assert reply.draft.value_of("type") == "other"
    assert "type" not in reply.draft.asking
