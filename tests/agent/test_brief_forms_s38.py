"""Requests and replies in the ways blind-17's DEV half showed them (session 38).

"we're mulling over a webinar for the spring, how does this work?" starts a webinar; "could we
kick off a gated content play?" starts a content campaign, whatever noun ends it; "hmm, more
volunteers at weekends" and "um, a bigger festival turnout" answer with an aim, and "pledges for
the roof appeal" is the thing wanted, not people; "who it's aimed at: X" labels the people; a
chat pasted with a blank line on top still reads its type; "another for the list", "email to our
list plus X" and "..., and the bugdet is 9k" fill no audience or aim; "runners recovering from
injury" are people; "(partner outreach)" names the type. Wordings written for this file, not
copied from an evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import intents
from mcc.agent.extraction import extract
from mcc.agent.extraction.spans import only_label_words
from mcc.agent.span_tagger.fill import _shortens
from tests.agent.conftest import Chat

TODAY = date(2031, 1, 6)


def _values(text: str) -> dict[str, object]:
    return {name: c.value for name, c in extract(text, today=TODAY).values.items()}


def _draft(reply: object) -> dict[str, str]:
    draft = getattr(reply, "draft", None)
    assert draft is not None
    return {item.name: item.value for item in draft.fields}


@pytest.mark.parametrize(
    "said",
    [
        "we're mulling over a webinar for the spring, how does this work?",
        "so we're planning a trade show booth in April — how do we go about it?",
        "could we kick off a gated content play? details to follow",
        "can you help me put together a run of posts on our own social pages?",
        "can we start a paid-media sprint for the sale?",
    ],
)
def test_a_campaign_named_with_how_it_works_here_is_a_request(said: str) -> None:
    assert intents.wants_campaign(said)


@pytest.mark.parametrize(
    "said",
    [
        "how does the approval of a tier 1 campaign work?",
        "we're running a webinar next month, how does it work with approvals?",
        "how do I set up a webinar?",
        "what does it take to start a webinar?",
    ],
)
def test_a_question_about_how_campaigns_go_is_still_a_question(said: str) -> None:
    assert not intents.wants_campaign(said)


async def test_a_webinar_with_how_does_this_work_starts_a_draft(chat: Chat) -> None:
    reply = await chat.say("we're mulling over a webinar for the spring, how does this work?")
    assert _draft(reply)["type"] == "webinar"
    reply = await chat.say(
        'we picked "Orchard Talks" as the title; the people we want are growers and farm'
        " shop managers in Kent"
    )
    fields = _draft(reply)
    assert fields["name"] == "Orchard Talks"
    assert fields["target_audience"] == "growers and farm shop managers in Kent"


@pytest.mark.parametrize(
    ("said", "aim"),
    [
        ("hmm, more volunteers at weekends", "more volunteers at weekends"),
        ("fewer missed dental check-ups", "fewer missed dental check-ups"),
        ("um, a bigger festival turnout", "a bigger festival turnout"),
    ],
)
async def test_an_aim_given_when_the_people_were_asked_first(
    chat: Chat, said: str, aim: str
) -> None:
    await chat.say('new email campaign please, call it "Harbour Notes"')
    reply = await chat.say(said)
    fields = _draft(reply)
    assert fields["objective"] == aim
    assert "target_audience" not in fields
    assert "won't make that up" not in reply.content


async def test_a_pause_alone_is_still_no_answer(chat: Chat) -> None:
    await chat.say('new email campaign please, call it "Harbour Notes"')
    reply = await chat.say("hmm, not sure")
    assert "target_audience" not in _draft(reply)
    assert "won't make that up" in reply.content


async def test_a_question_shaped_label_gives_the_people(chat: Chat) -> None:
    await chat.say('new email campaign please, call it "Harbour Notes"')
    reply = await chat.say("who it's aimed at: sailing club members who race on Sundays")
    assert _draft(reply)["target_audience"] == "sailing club members who race on Sundays"
    assert "knowledge base" not in reply.content


def test_an_aim_ends_where_the_next_question_label_starts() -> None:
    values = _values(
        "the aim is three new stockists a month, and who it's aimed at: deli owners in Leeds"
    )
    assert values["objective"] == "three new stockists a month"
    assert values["target_audience"] == "deli owners in Leeds"


def test_a_chat_pasted_with_a_blank_line_on_top_keeps_its_type() -> None:
    values = _values(
        "[14:20] Sam Okafor\nplease log this one\n[14:21] Sam Okafor\n"
        'Partner tie-up — "Brass Band Summer"\n[14:21] Sam Okafor\ntarget group: brass band'
        " secretaries"
    )
    assert values["type"] == "partner"
    assert values["name"] == "Brass Band Summer"


def test_the_next_requests_opener_is_no_audience() -> None:
    values = _values('another for the list — an ABM push called "Quarry Keys" on LinkedIn')
    assert values["type"] == "abm"
    assert "target_audience" not in values


def test_a_type_with_its_noun_in_brackets() -> None:
    values = _values('next request: "Bell Tower Tours" (partner outreach), on email')
    assert values["type"] == "partner"


async def test_people_doing_something_are_no_aim(chat: Chat) -> None:
    brief = (
        'Social posts. "Back on the Bike". runners and walkers recovering from knee surgery.'
        " 9500 USD. 2 June 2031."
    )
    assert "objective" not in _values(brief)
    fields = _draft(await chat.say(brief))
    assert fields["target_audience"] == "runners and walkers recovering from knee surgery"
    assert "objective" not in fields


@pytest.mark.parametrize(
    ("words", "labels"),
    [
        ("and the bugdet", True),
        ("the launch date", True),
        ("launch party guests", False),
        ("startups in Leeds", False),
    ],
)
def test_a_fields_label_alone_is_no_value(words: str, labels: bool) -> None:
    assert only_label_words(words) is labels


@pytest.mark.parametrize(
    ("value", "replacement", "shortens"),
    [
        ("teachers and school librarians in Fife", "librarians in Fife", True),
        ("a 5% rise in covers", "5% rise in covers", True),
        ("basically dentists in Leeds", "dentists in Leeds", False),
    ],
)
def test_the_tagger_never_cuts_the_users_words(
    value: str, replacement: str, shortens: bool
) -> None:
    assert _shortens(value, replacement) is shortens


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("a fortnight of unpaid posts on our Instagram page", "social"),
        ("a newsletter-style send to our members", "email"),
        ("a live video briefing that clients join from their offices", "webinar"),
        ("a product walkthrough people join from home", "webinar"),
    ],
)
def test_the_type_told_by_what_it_is(said: str, kind: str) -> None:
    assert _values(said)["type"] == kind


def test_the_database_a_send_goes_to_is_no_audience() -> None:
    values = _values("a newsletter-style send to our supporter database")
    assert values["type"] == "email"
    assert "target_audience" not in values


def test_a_demo_video_is_no_webinar() -> None:
    assert _values("a demo video for admins").get("type") != "webinar"
