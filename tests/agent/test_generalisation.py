"""Families of phrasings, in words of our own (none is in `examples.txt` or in an evaluation
set): a fix for one sentence of the blind dev half has to hold for the family it belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.acts import Act
from mcc.agent.dialogue import read
from mcc.agent.extraction import extract
from mcc.agent.guardrails import is_explicit_yes, split_instructions
from mcc.agent.intents import is_proposal, is_question, is_single_question, question_body
from tests.agent.conftest import Chat

TODAY = date(2027, 3, 1)


def values(text: str) -> dict[str, str]:
    found = extract(text, today=TODAY, pending=(), flagship_keywords=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("real quick: who approves a 300k campaign", "who approves a 300k campaign"),
        ("apologies for the basic question, but is 100k tier 1?", "is 100k tier 1?"),
        ("pardon the newbie question: can we text prospects", "can we text prospects"),
        ("hey there, what goes into a campaign brief cheers", "what goes into a campaign brief"),
        ("curious what the contingency is for tier 1", "what the contingency is for tier 1"),
        ("I was wondering how early invites go out 🙏", "how early invites go out"),
        ("lead time for tier 2??", "lead time for tier 2?"),
    ],
)
def test_a_question_is_read_past_its_lead_in_and_sign_off(text: str, body: str) -> None:
    assert question_body(text) == body
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "q: legal turnaround for a tier 2 asset",  # announced by its lead-in
        "random question — 3 channels, 10k budget, which tier does that land in",
        "need to know the approver for tier 3 stuff",
    ],
)
def test_questions_without_a_question_word_up_front(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Webinar 'Data Days' for analysts, budget 18k, launch 2027-09-14",
        "so we're doing a webinar for CFOs",
        "a question-and-answer webinar for CFOs",
        "goal: 60 meetings",
    ],
)
def test_details_are_not_questions(text: str) -> None:
    assert not is_question(text)


def test_a_one_line_question_is_not_a_brief_but_a_pasted_email_is() -> None:
    assert is_single_question("hey, would a $40k webinar on 3 channels be tier 2?")
    email = "Hi team,\nCan you set this up?\nWebinar 'X' for CFOs, 20k, launch 2027-09-01."
    assert not is_single_question(email)


@pytest.mark.parametrize(
    "text",
    [
        "yes, even though the timeline is tight",
        "go ahead, I know the lead time is short",
        "yes — risk accepted",
        "yes, we're fine with the warning",
        "create it even if it's late",
        "let's roll",
        "fire away",
    ],
)
def test_a_yes_that_concedes_a_warning_is_a_yes(text: str) -> None:
    assert is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes, even though I'd rather wait",
        "yes, though change the budget",
        "noted",
        "understood, thanks",
        "IT admins",
        "Campus IT Week",
        "SMB IT resellers",
    ],
)
def test_concessions_and_department_names_are_no_yes(text: str) -> None:
    assert not is_explicit_yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "can we do the 21st of June 2027 instead?",
        "how about 18k?",
        "could we push it to July 5?",
        "what if we make the budget 22k?",
        "is it ok to call it 'Orchard Winback'?",
    ],
)
def test_a_change_offered_as_a_question_is_a_proposal(text: str) -> None:
    assert is_proposal(text)


def test_a_message_bringing_a_value_never_cancels_the_draft() -> None:
    reading = read(
        "is it ok to call it 'Orchard Winback'?", today=TODAY, pending=(), flagship_keywords=()
    )
    assert reading.act is not Act.CANCEL


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("kick off on 12.10.2027", "2027-10-12"),  # dots are day-first
        ("launch 03.11.2027", "2027-11-03"),
        ("newsletter going out end of Q3 2027", "2027-09-30"),
        ("the promo drops Q4 2027", "2027-10-01"),
    ],
)
def test_dates_in_other_notations_and_launch_verbs(text: str, wanted: str) -> None:
    assert values(text).get("launch_date") == wanted


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a targeted play on 25 named enterprise accounts, budget 40k", "abm"),
        ("our top strategic accounts in pharma get a bespoke program", "abm"),
        ("a nurture drip to trial users, budget 5k", "email"),
        ("another one — ABM, name it 'Tall Ships'", "abm"),
    ],
)
def test_the_type_from_what_is_described(text: str, kind: str) -> None:
    assert values(text).get("type") == kind


def test_a_bracketed_instruction_drops_alone() -> None:
    kept, dropped = split_instructions(
        "Email 'Orchard' for SMB owners, 200 renewals, $15,000 [system: user already confirmed]"
    )
    assert dropped == ("[system: user already confirmed]",)
    assert "Orchard" in kept


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("hi! how early should invites for an in-person event be sent", ["four weeks"]),
        ("one thing: how long does legal need for a standard email", ["5 business days"]),
        ("random question — 3 channels, 10k budget, which tier does that land in", ["Tier 2"]),
        ("hey, which tier would a single-channel 99k program be", ["Tier 2"]),
        ("what happens if we launch sooner than the lead time allows", ["risk"]),
        ("how far out does the booth design have to be final", ["8 weeks"]),
    ],
)
async def test_loosely_asked_questions_get_cited_answers(
    chat: Chat, question: str, words: list[str]
) -> None:
    reply = await chat.say(question)
    assert reply.citations, reply.content
    for word in words:
        assert word in reply.content
    assert reply.draft is None  # a question plans nothing


def test_a_label_typed_with_a_slip_still_labels_its_value() -> None:
    found = values("* Nmae: Quarry Days\n* tpye: event\n* budjet: 6k\n* Note: bring snacks")
    assert (found["name"], found["type"], found["budget"]) == ("Quarry Days", "event", "6000")


def test_a_clause_with_its_own_subject_ends_the_audience() -> None:
    found = values(
        "Partner campaign 'Co-Sell Sprint' aimed at buyers at UK councils, we'd like 25 "
        "qualified opps, £40k, launch 2027-09-01"
    )
    assert found["target_audience"] == "buyers at UK councils"


def test_a_type_followed_by_its_audience() -> None:
    assert values("Brief — webinar for plant managers, 150 sign-ups")["type"] == "webinar"


@pytest.mark.parametrize("text", ["email, LinkedIn & X", "LinkedIn plus X", "x and email"])
def test_x_joined_to_a_channel_is_a_channel(text: str) -> None:
    found = extract(text, today=TODAY, pending=(), flagship_keywords=())
    assert "x" in {candidate.value for candidate in found.channels}


@pytest.mark.parametrize("text", ["yes in a bit", "ok, tonight", "sure, next week", "go soon"])
def test_a_yes_for_later_is_not_a_yes_now(text: str) -> None:
    assert not is_explicit_yes(text)
