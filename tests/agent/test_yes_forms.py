"""Replies to a preview that the yes rules read wrongly before the blind act set
(`evals/assistant/acts-1`, DEV half) showed them, each in wordings of our own: a question
without its question mark, a discard, a yes said through a double negative, a yes in another
language, a concession written "tho" or "we'll deal with it"."""

from __future__ import annotations

import pytest

from mcc.agent.guardrails import is_cancel, is_explicit_yes
from tests.agent.conftest import Chat

BRIEF = (
    "New webinar 'Tidewater Ledger' for treasury leads at insurers, goal 70 sign-ups, "
    "email and linkedin, USD 30,000, launch 2031-09-15"
)


@pytest.mark.parametrize(
    "message",
    [
        "does the CMO need to see this",
        "is this a tier 2",
        "will procurement have to approve it",
        "who signs off on it",
        "how does approval work here",
        "has my manager seen it",
        "can finance sign this off",
    ],
)
def test_a_question_without_its_question_mark_is_no_yes(message: str) -> None:
    assert not is_explicit_yes(message)


@pytest.mark.parametrize(
    "message", ["can you create it", "can you go ahead and create it please", "do it"]
)
def test_a_polite_order_to_the_assistant_stays_a_yes(message: str) -> None:
    assert is_explicit_yes(message)


@pytest.mark.parametrize(
    "message",
    [
        "chuck it out",
        "toss the whole thing away",
        "delete the draft",
        "erase this",
        "tear it up",
        "shred the draft",
        "nuke it",
        "tarsh it",
    ],
)
def test_a_discard_cancels_and_never_creates(message: str) -> None:
    assert is_cancel(message)
    assert not is_explicit_yes(message)


@pytest.mark.parametrize(
    "message",
    [
        "delete that channel",
        "erase this line from the objective",
        "tear that section up and redo it",
    ],
)
def test_removing_a_part_of_the_draft_is_no_cancel(message: str) -> None:
    assert not is_cancel(message)


@pytest.mark.parametrize(
    "message",
    [
        "no concerns from me, create it",
        "we don't see any problems with it, go ahead",
        "nothing wrong with it, so create it",
        "i can't see a reason not to, go ahead",
    ],
)
def test_a_yes_said_through_a_double_negative_creates(message: str) -> None:
    assert is_explicit_yes(message)


@pytest.mark.parametrize(
    "message",
    [
        "no objections but change the date",
        "no concerns, but wait for Priya",
        "no objections",  # nothing follows: ask again rather than guess
        "I don't see why not, after the board meeting",
    ],
)
def test_a_double_negative_with_a_condition_or_alone_is_no_yes(message: str) -> None:
    assert not is_explicit_yes(message)


@pytest.mark.parametrize("message", ["oui, vas-y", "ja, los", "sí, dale", "haan, karo"])
def test_a_yes_in_another_language_creates(message: str) -> None:
    assert is_explicit_yes(message)


@pytest.mark.parametrize("message", ["yes, altho it's tight", "go ahead, we'll deal with the risk"])
def test_a_concession_in_short_spelling_keeps_the_yes(message: str) -> None:
    assert is_explicit_yes(message)


async def test_a_third_party_question_after_the_preview_creates_nothing(chat: Chat) -> None:
    preview = await chat.say(BRIEF)
    assert preview.draft is not None
    assert preview.draft.preview.shown
    asked = await chat.say("can a VP approve it")
    assert asked.draft is not None
    assert asked.draft.created_campaign_id is None
    assert asked.citations, asked.content  # answered from the playbooks, as a question
    assert asked.draft.preview.shown  # the draft and its preview are kept for the yes
    done = await chat.say("no objections from me, go ahead")
    assert done.draft is not None
    assert done.draft.created_campaign_id is not None
