"""The failure families of issue 10, each in new phrasings of our own (none is in `examples.txt`
or an evaluation set), in the issue's voices: terse, chatty, forwarded, typos, emoji, non-native
English, € and £ with European formats. A fix for one sentence has to hold for how people say it.
"""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import intents
from mcc.agent.acts import Act
from mcc.agent.dialogue import read
from mcc.agent.extraction import extract
from mcc.agent.extraction.vocabulary import channels_in, types_in
from mcc.agent.guardrails import is_cancel, is_explicit_yes, reply_act
from mcc.agent.knowledge import answer, bundled_knowledge
from mcc.campaigns.tiers import TierPolicy
from mcc.config import Settings
from tests.agent.conftest import Chat

TODAY = date(2027, 9, 14)
BRIEF = (
    'Email campaign "Harbor Lights" for dental clinic owners in Ohio, goal 40 demo bookings, '
    "budget $12,000, launch 2028-03-10, email only."
)


def values(text: str, pending: tuple[str, ...] = ()) -> dict[str, str]:
    found = read(text, today=TODAY, pending=pending, flagship_keywords=()).found
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    "text",
    ["bang on, go", "all good 👍 create", "looks legit, go ahead", "that's the one, create it",
     "yes, even if it's a bit tight", "works for me, create it", "aye, go ahead", "good to go"],
)  # fmt: skip
def test_slang_confirmations_are_a_yes(text: str) -> None:
    assert is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    ["looks ok I guess?", "sure… after I talk to finance", "yes tomorrow", "maybe go ahead",
     "lemme confirm w/ my director", "gotta get this signed off by the cfo",
     "sounds good but let me confirm with legal", "I'd say yes but need to check with my VP"],
)  # fmt: skip
def test_not_a_yes(text: str) -> None:
    assert not is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    ["one sec, checking with my lead", "brb, checking with finance", "sec, pinging legal",
     "hang tight, asking my manager", "need to run it past my boss", "ugh, meeting. back in 5",
     "hold up, my manager has to sign off first"],
)  # fmt: skip
def test_a_pause_or_an_aside_is_a_hold_never_a_value(text: str) -> None:
    reading = read(text, today=TODAY, pending=("objective",), flagship_keywords=())
    assert reading.act is Act.HOLD
    assert reading.is_reply()
    assert reply_act(text) is not None


@pytest.mark.parametrize(
    "text", ["same as last time", "great question 😅", "the usual", "no preference"]
)
def test_replies_to_a_name_question_are_no_name(text: str) -> None:
    assert reply_act(text) is not None or intents.is_unsure(text)


@pytest.mark.parametrize(
    "name", ["Lumenfold Back to Work", "Return of the Data", "Cash Back for Teachers"]
)
def test_a_title_with_small_words_stays_a_name(name: str) -> None:
    assert reply_act(name) is None


@pytest.mark.parametrize(
    ("text", "channels"),
    [("Channels: all the channels", {"all channels"}), ("every single channel", {"all channels"}),
     ("via e-mail & linkedin", {"email", "linkedin"}),
     ("promote on linkdin and emial", {"linkedin"}),
     ("only on instagarm", {"instagram"})],
)  # fmt: skip
def test_channel_scope_and_typos(text: str, channels: set[str]) -> None:
    assert {name for _, name in channels_in(text)} >= channels


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Planning the release of our v5 app", "product_launch"),
     ("we need campain for our new produkt launch", "product_launch"),
     ("a webniar for CFOs", "webinar"), ("our annual confrence in Rome", "event"),
     ("Brief:\n• What – event (booth at HIMSS)\n• Who – hospital CIOs", "event")],
)  # fmt: skip
def test_types_from_context_and_typos(text: str, kind: str) -> None:
    assert values(text)["type"] == kind


# ("lunch and learn" is an event format since s28's type families; "lunch" alone is no "launch".)
@pytest.mark.parametrize("text", ["in the context of our content", "lunch with the sales team"])
def test_real_words_are_not_read_as_typos(text: str) -> None:
    assert not any(kind.value == "event" for _, kind in types_in(text))
    assert [m.phrase for m, _ in types_in(text)] in ([], ["content"])


def test_a_stated_type_wins_over_target_accounts_words() -> None:
    found = extract("objective: book meetings with target accounts", today=TODAY)
    assert found.values["objective"].value == "book meetings with target accounts"
    assert found.values["type"].implied
    assert values("40 named accounts in insurance", ("target_audience",))["type"] == "abm"


@pytest.mark.parametrize(
    ("text", "audience"),
    [("Email campaign 'Copper Finch' for florists in Leeds, 150 orders", "florists in Leeds"),
     ("webinar for school principals, 250 sign-ups", "school principals"),
     ("a push for retirees in Devon", "retirees in Devon")],
)  # fmt: skip
def test_people_the_noun_list_never_named_are_an_audience(text: str, audience: str) -> None:
    assert values(text)["target_audience"] == audience


@pytest.mark.parametrize(
    ("text", "budget", "currency"),
    [("Budget ~€45k.", "45000", "EUR"), ("We have £40k for it.", "40000", "GBP"),
     ("budget: 12.500 €", "12500", "EUR"), ("Budget €1.234,56", "1234.56", "EUR"),
     ("budget is 25 000 EUR", "25000", "EUR"), ("> £9k budget", "9000", "GBP"),
     ("Last year we spent 60k; this year the budget is 45k.", "45000", None)],
)  # fmt: skip
def test_amounts_and_currencies(text: str, budget: str, currency: str | None) -> None:
    found = values(text, ("budget",))
    assert found["budget"] == budget
    assert found.get("currency") == currency


@pytest.mark.parametrize(
    ("text", "day"),
    [("Launch April 9.", "2028-04-09"), ("goes live 9th of April", "2028-04-09"),
     ("launch: 15/01/2028", "2028-01-15"), ("launch 15.01.2028", "2028-01-15"),
     ("launch mid-feb? let's say feb 14", "2028-02-14"),
     ("live on the 3rd, sorry, the 5th of March 2028", "2028-03-05"),
     ("launch 2028.03.01", "2028-03-01")],
)  # fmt: skip
def test_dates_without_a_year_and_corrected_in_the_message(text: str, day: str) -> None:
    assert values(text)["launch_date"] == day


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [("change the audience to dentists in Texas", "target_audience", "dentists in Texas"),
     ("Objective is actually 60 demo bookings", "objective", "60 demo bookings"),
     ("we wanna collect leads for sales", "objective", "collect leads for sales"),
     ("we want to push adoption of the mobile app", "objective", "push adoption of the mobile app"),
     ("• Name – Maple Current", "name", "Maple Current"),
     ("[10:03] ana: want 80 attendees", "objective", "80 attendees")],
)  # fmt: skip
def test_corrections_and_loose_labels(text: str, field: str, value: str) -> None:
    assert values(text)[field] == value


@pytest.mark.parametrize(
    ("text", "name"),
    [("where's Harbor Lights at?", "Harbor Lights"), ("status pls: Harbor Lights", "Harbor Lights"),
     ("what's happening with Harbor Lights", "Harbor Lights"),
     ("Harbor Lights: where are we", "Harbor Lights")],
)  # fmt: skip
def test_status_questions(text: str, name: str) -> None:
    assert intents.status_reference(text) == name


@pytest.mark.parametrize(
    ("question", "wanted"),
    [("random question, max characters in an SMS?", "160 characters"),
     ("sorry if obvious but what hours can we text people in the US", "21:00"),
     ("sorry if obvious but minimum tap target size for buttons?", "24 × 24"),
     ("hi! which director approves a tier 2?", "Marketing Director"),
     ("apologies for the basic q — how long can a subject line be", "50 characters")],
)  # fmt: skip
async def test_loose_knowledge_questions(question: str, wanted: str) -> None:
    body = intents.question_body(question)
    assert intents.is_question(question)
    reply = await answer(
        bundled_knowledge(),
        body,
        min_relevance=Settings().agent_min_relevance,
        policy=TierPolicy.bundled(),
    )
    assert reply.citations
    assert wanted in reply.text


async def test_a_hold_keeps_the_draft_and_a_stated_type(chat: Chat) -> None:
    await chat.say('New email campaign called "Nimble Notes", email only, for planners in Ghent.')
    held = await chat.say("sec… double-checking with procurement")
    assert held.draft is not None
    assert "objective" not in {item.name for item in held.draft.fields}
    reply = await chat.say(
        "ok. objective: book meetings with target accounts. budget 7k. launch 2026-06-30."
    )
    assert reply.draft is not None
    assert reply.draft.preview.shown
    fields = {item.name: item.value for item in reply.draft.fields}
    assert fields["type"] == "email"
    assert fields["target_audience"] == "planners in Ghent"


async def test_a_second_campaign_inherits_nothing(chat: Chat) -> None:
    await chat.say(BRIEF.replace("2028-03-10", "2026-05-10"))
    created = await chat.say("yes")
    assert any(action["type"] == "campaign_created" for action in created.actions)
    second = await chat.say(
        'ok and a second one. Social campaign called "Birch Signal", for gamers'
    )
    assert second.draft is not None
    fields = {item.name: item.value for item in second.draft.fields}
    assert fields["name"] == "Birch Signal"
    assert not {"objective", "budget", "launch_date"} & set(fields)


@pytest.mark.parametrize(
    "text",
    ["do it but with £45k", "Sounds good! Actually, can you make the goal 50 demo bookings?",
     "Great. Could we push it to the 24th?"],
)  # fmt: skip
def test_a_yes_but_in_any_sentence_is_a_change_to_apply(text: str) -> None:
    assert intents.is_proposal(text)
    assert not is_explicit_yes(text)


@pytest.mark.parametrize(
    "text", ["nah let's not do this one", "no, bin it", "kill it", "ok ditch the draft"]
)
def test_cancellations_in_other_words(text: str) -> None:
    assert is_cancel(text)


async def test_status_of_it_right_after_a_creation_and_quotes_mid_draft(chat: Chat) -> None:
    await chat.say(BRIEF.replace("2028-03-10", "2026-05-10"))
    await chat.say("yes")
    status = await chat.say("how's it going")
    assert "Harbor Lights" in status.content
    await chat.say('new email campaign "Pine Ledger" for accountants in Madrid, budget $6,000')
    reply = await chat.say("translate 'hello' to German")
    assert reply.draft is not None
    assert {item.name: item.value for item in reply.draft.fields}["name"] == "Pine Ledger"


@pytest.mark.parametrize(
    "switch",
    ['actually forget that one — webinar "Birch Signal" for CFOs at SaaS firms',
     'hmm no, different idea: event "Birch Signal" for retail buyers'],
)  # fmt: skip
async def test_a_switch_mid_draft_starts_empty(chat: Chat, switch: str) -> None:
    await chat.say('new email campaign "Pine Ledger" for accountants in Madrid, budget $6,000')
    reply = await chat.say(switch)
    assert reply.draft is not None
    fields = {item.name: item.value for item in reply.draft.fields}
    assert fields["name"] == "Birch Signal"
    assert "budget" not in fields
