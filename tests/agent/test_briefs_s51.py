"""Openers in shapes a blind set showed (session 51): a forwarded request in quotes, a new
product described without the word "launch campaign", a thing attended held online, paid reach
said as money put behind posts, email said as an inbox, and the people a few other leads name.
Every wording here was written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.extraction.fields import extract
from mcc.agent.intents import wants_campaign
from tests.agent.conftest import Chat, draft_fields

TODAY = date(2031, 2, 3)


def _values(message: str) -> dict[str, object]:
    found = extract(message, today=TODAY, pending=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ('fwd: "sort out a co-promo with Northgate Bikes" - where to begin?', "partner"),
        (
            'From my manager: "we need a go-to-market for the new kettle range". next steps?',
            "product_launch",
        ),
        ('Forwarded this from the CMO: "let\'s publish an industry report on rail"', "content"),
        ('boss said: "get a nurture going for webinar no-shows"', "email"),
    ],
)
def test_a_forwarded_request_in_quotes_is_read_not_taken_for_a_name(
    message: str, kind: str
) -> None:
    values = _values(message)
    assert "name" not in values
    assert values.get("type") == kind


def test_a_short_quoted_title_is_still_the_name() -> None:
    assert _values('email called "Spring Thaw" for ski clubs')["name"] == "Spring Thaw"
    # A quote that opens as a sentence is someone's words, whatever came before it.
    assert "name" not in _values('ok so: "we should do a webinar for dentists"')


@pytest.mark.parametrize(
    "message",
    [
        "our own-label granola is hitting the shelves in March",
        "a new oat milk ready to hit the stores, what do I do first?",
        "could you help with a launch for our new smart lock?",
    ],
)
def test_a_new_product_on_sale_is_a_product_launch(message: str) -> None:
    values = _values(message)
    assert values.get("type") == "product_launch"
    assert "objective" not in values  # hitting the shelves is the launch, not what it is for


def test_help_with_a_launch_of_something_new_wants_a_campaign() -> None:
    assert wants_campaign("can you help me with a launch for our new scooter?")
    assert not wants_campaign("can you help me with a question about launching our new scooter?")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("a virtual open day for sixth-formers", "webinar"),
        ("an online careers fair for graduates", "webinar"),
        ("an open day for sixth-formers, with online booking", "event"),
        ("a face-to-face briefing at the town hall for council officers", "event"),
    ],
)
def test_a_thing_attended_is_a_webinar_when_held_online(message: str, kind: str) -> None:
    assert _values(message).get("type") == kind


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("we'd like to put some budget behind our TikTok posts", "paid"),
        ("tutorial clips on our own channels, nothing paid", None),
        ("no paid social this time: a webinar for dentists", "webinar"),
    ],
)
def test_paid_reach_is_money_behind_posts_and_not_paid_is_no_paid(
    message: str, kind: str | None
) -> None:
    assert _values(message).get("type") == kind


def test_an_inbox_is_email_and_its_owners_are_the_audience() -> None:
    values = _values("I'd like a thank-you note to land in the inboxes of people who adopted a cat")
    assert values.get("type") == "email"
    assert values.get("target_audience") == "people who adopted a cat"
    assert _values("a monthly digest for our volunteers")["type"] == "email"


def test_retargeting_names_the_kind_and_the_people() -> None:
    values = _values("retargeting shoppers who left a basket, with display ads")
    assert values.get("type") == "paid"
    assert values.get("target_audience") == "shoppers who left a basket"


@pytest.mark.parametrize(
    ("message", "audience"),
    [
        ("a briefing breakfast for general counsel in Bristol", "general counsel in Bristol"),
        ("a how-to video series for beginner climbers on our blog", "beginner climbers"),
        ("an email for readers on our blog", "readers on our blog"),
        ("pre-roll ads before people's cooking videos", None),
    ],
)
def test_who_the_people_are_and_where_it_shows(message: str, audience: str | None) -> None:
    assert _values(message).get("target_audience") == audience


def test_a_searched_phrase_in_quotes_is_no_name() -> None:
    assert "name" not in _values('search ads so we come first when people google "vegan bakery"')


def test_a_gerund_naming_the_messages_is_no_objective() -> None:
    values = _values("a run of welcome emails that reaches new members after they join")
    assert "objective" not in values
    values = _values("a string of onboarding emails for new tenants")
    assert "objective" not in values


def test_a_bracket_that_describes_the_campaign_ends_its_name() -> None:
    assert _values("next one: Copper Pan Club (content / email / £4,000)")["name"] == (
        "Copper Pan Club"
    )
    assert _values("name: Rock (Paper) Scissors")["name"] == "Rock (Paper) Scissors"


async def test_a_forwarded_launch_starts_a_draft_and_asks_for_the_rest(chat: Chat) -> None:
    reply = await chat.say(
        'Forwarded from my director: "we need a go-to-market for the new drone". what now?'
    )
    fields = draft_fields(reply)
    assert fields.get("type") == "product_launch"
    assert "name" not in fields


async def test_help_with_a_launch_for_a_new_app_is_a_campaign_not_a_question(chat: Chat) -> None:
    reply = await chat.say("Can you help me with a launch for our new budgeting app?")
    assert reply.draft is not None
    assert draft_fields(reply).get("type") == "product_launch"


def test_an_email_subject_line_names_the_campaign() -> None:
    message = (
        "TO: Events team\nRE: new campaign — Harbour Lights\n\nPlease set up an event for skippers."
    )
    assert _values(message)["name"] == "Harbour Lights"
    assert "name" not in _values("RE: your question about budgets\n\nthanks, that helps")


async def test_a_questions_and_answers_brief_changes_the_type_it_labels(chat: Chat) -> None:
    """Newcomer run: a launch started from a forwarded note, then a brief of its own whose
    "Type? webinar" sits beside "Where? email and LinkedIn": the label changes the type (it had
    been read as one more channel of the list, and the preview said "product launch")."""
    await chat.say('fwd: "we need a go-to-market for the new lamp range" - where do I start?')
    reply = await chat.say(
        "Name? Tidemark. Type? webinar. Who for? lighting designers in Cork. Why? more trade"
        " sign-ups. Spend? $12k. Where? email and LinkedIn."
    )
    fields = draft_fields(reply)
    assert fields.get("type") == "webinar", reply.content
    assert fields.get("name") == "Tidemark"


def test_only_retargeting_leaves_its_lead_word_to_be_read() -> None:
    # "reaching" opens an audience as before and names no kind; "retargeting" names paid.
    assert "type" not in _values("a push reaching landlords in Devon")
    assert _values("retargeting landlords in Devon")["type"] == "paid"
