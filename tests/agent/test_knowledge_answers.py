"""Approver, lead-time and tier questions, however phrased, are answered from the tier policy.

The expected facts come from the policy object, never from numbers typed here, and one test
swaps in an admin's policy file with other numbers: the answers follow it, which is what "one
source of truth" means to a user. Questions outside the playbooks still get "not covered".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mcc.agent.knowledge import NOT_COVERED, POLICY_DOC, answer, bundled_knowledge
from mcc.agent.policy_answers import Topic, is_policy_fragment, topic
from mcc.agent.service import runtime_for
from mcc.campaigns.tiers import TierPolicy
from mcc.config import Settings
from mcc.db import Database
from tests.agent.conftest import Chat

POLICY = TierPolicy.bundled()
RELEVANCE = Settings().agent_min_relevance


async def ask(question: str, policy: TierPolicy = POLICY) -> str:
    reply = await answer(bundled_knowledge(), question, min_relevance=RELEVANCE, policy=policy)
    assert reply.covered, question
    return reply.text


@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("who needs to approve a 200k launch?", 1),
        ("who signs off a 200k launch?", 1),
        ("Who has to sign off on a $99,999 campaign?", 2),
        ("who approves tier 2?", 2),
        ("which approver for a T3?", 3),
        ("do I need VP approval for a 30k webinar?", 2),
        ("who okays our annual user conference?", 1),
        ("who approves a $12k email send?", 3),
    ],
)
async def test_approver_questions_name_the_policy_approver(question: str, tier: int) -> None:
    text = await ask(question)
    assert f"Tier {tier}" in text
    assert POLICY.rules[tier].approver in text
    others = {POLICY.rules[t].approver for t in (1, 2, 3)} - {POLICY.rules[tier].approver}
    assert not any(other in text for other in others), text  # one answer, not a list
    assert "Campaign Tier Definitions › Approvals" in text


@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("tier 2 lead time pls", 2),
        ("how early should I start on a tier 2 campaign?", 2),
        ("when should prep start for a $60k email push?", 2),
        ("how much notice does a $150k trade show need?", 1),
        ("how far ahead do we plan a 5k social post?", 3),
        ("what's the runway for a major product launch?", 1),
    ],
)
async def test_lead_time_questions_give_the_tier_and_its_weeks(question: str, tier: int) -> None:
    text = await ask(question)
    weeks = POLICY.rules[tier].lead_time_weeks
    assert f"Tier {tier}" in text
    assert f"{weeks} weeks" in text
    assert "Campaign Tier Definitions › Lead Times" in text


async def test_without_a_budget_the_answer_lists_the_tiers_and_the_type_checklist() -> None:
    text = await ask("how early do I start on a field event?")
    for tier in (1, 2, 3):
        assert f"Tier {tier}: {POLICY.rules[tier].lead_time_weeks} weeks" in text
    # The event playbook's checklist, cited second, gives when its first task starts.
    assert "Event and Conference Playbook › Task Checklist" in text
    assert "Approve event brief, goals and budget" in text
    assert "I'll name the tier" in text  # asks instead of assuming a budget


async def test_a_foreign_currency_budget_is_not_banded() -> None:
    text = await ask("who approves a £40k webinar?")
    assert "no conversion is guessed" in text
    assert "It depends on the tier" in text


@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("is a 25k campaign tier 2 or tier 3?", 2),
        ("what tier would a $24,999 email be?", 3),
        ("which tier is a $100k paid search program?", 1),
    ],
)
async def test_which_tier_questions_use_the_bands(question: str, tier: int) -> None:
    text = await ask(question)
    assert text.startswith(f"It's **Tier {tier}**")
    assert "How the Tier Is Decided" in text


async def test_checklist_question_is_answered_from_the_type_checklist() -> None:
    reply = await answer(
        bundled_knowledge(), "what's on the checklist before a webinar?", min_relevance=RELEVANCE
    )
    assert reply.citations[0].label == "Webinar Playbook › Task Checklist"
    assert "Approve topic, speakers and brief" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "we're going over budget - when do I need re-approval?",
        "how long should our webinars be",
        "when do the webinar reminder emails go out?",
        "what contingency do tier 1 campaigns hold?",
        "how many channels make a campaign tier 1?",
        "when's the post-campaign report due for a tier 1?",
    ],
)
def test_other_questions_are_left_to_retrieval(question: str) -> None:
    assert topic(question) is None


def test_fragments_and_details() -> None:
    assert topic("tier 2 lead time pls") is Topic.LEAD_TIME
    assert is_policy_fragment("tier 2 lead time pls")
    assert is_policy_fragment("approver for tier 1")
    # Campaign details are not a question about the policy.
    assert not is_policy_fragment("email campaign, budget 20k, launch in 3 weeks")
    assert not is_policy_fragment("tier 2")


async def test_an_admin_policy_file_changes_the_answers(
    db: Database, agent_settings: Settings, tmp_path: Path
) -> None:
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(
        "tiers:\n"
        "  1: {min_budget: 250000, lead_time_weeks: 16, approver: Chief Marketing Officer,"
        " min_channels: 5}\n"
        "  2: {min_budget: 50000, lead_time_weeks: 8, approver: Head of Demand, min_channels: 3}\n"
        "  3: {min_budget: 0, lead_time_weeks: 2, approver: Team Lead, min_channels: 1}\n"
    )
    settings = agent_settings.model_copy(update={"tier_policy_file": policy_file})
    chat = Chat(db, settings, runtime_for(settings))
    approver = await chat.say("who signs off a 200k launch?")
    assert "Tier 2" in approver.content
    assert "Head of Demand" in approver.content
    assert "VP of Marketing" not in approver.content
    # The admin's file, by its name; it is no document of the knowledge base.
    assert [(c.label, c.doc_id) for c in approver.citations] == [("policy", "")]
    lead = await chat.say("how early do I start on a tier 1 campaign?")
    assert "16 weeks" in lead.content
    assert "112 days" in lead.content


async def test_a_question_mid_draft_keeps_the_draft(chat: Chat) -> None:
    await chat.say("new email campaign 'Keep Me' for trial users, objective 300 sign-ups")
    reply = await chat.say("who approves a 60k email push?")
    assert f"the **{POLICY.rules[2].approver}**" in reply.content
    assert [c.doc_id for c in reply.citations] == [POLICY_DOC]
    assert reply.draft is not None
    assert {f.name: f.value for f in reply.draft.fields}["name"] == "Keep Me"
    assert reply.actions == []


async def test_unknown_questions_still_say_so() -> None:
    for question in ("what's the weather in Paris tomorrow?", "what's the best crypto to buy?"):
        reply = await answer(bundled_knowledge(), question, min_relevance=RELEVANCE, policy=POLICY)
        assert reply.text == NOT_COVERED
        assert not reply.citations


@pytest.mark.parametrize(
    ("question", "label", "fact"),
    [
        # The asker's words differ from the playbook's: "how often"/"max" for the frequency cap,
        # "people" for contacts, "texts" for SMS, "exec" for executive, "what day" for a weekday.
        ("any rules on how often we can email people?", "Frequency cap", "8 in 30 days"),
        ("what's the max emails per week?", "Frequency cap", "3 marketing emails"),
        ("how often can we text customers?", "Message Standards", "4 marketing texts"),
        ("how long can a marketing text message be?", "Message Standards", "160 characters"),
        ("what day are the exec reviews for tier 1 stuff?", "Approval Service Levels", "Tuesdays"),
        ("how long should our webinars be", "Format Standards", "45 minutes"),
        ("can we rent a list?", "Where Contacts May Come From", "rented"),
    ],
)
async def test_loosely_phrased_questions_find_their_passage(
    question: str, label: str, fact: str
) -> None:
    reply = await answer(bundled_knowledge(), question, min_relevance=RELEVANCE, policy=POLICY)
    assert reply.covered, question
    assert reply.citations[0].label.endswith(label), reply.citations
    assert fact in reply.citations[0].snippet.replace("**", "")


async def test_words_scattered_over_a_passage_do_not_make_it_an_answer() -> None:
    """ "share" (in "lead sharing") and "price" (in "Pricing") sit in different bullets of the
    legal-review list: together they are no answer to a question about the share price."""
    reply = await answer(
        bundled_knowledge(), "what's our share price today?", min_relevance=RELEVANCE
    )
    assert reply.text == NOT_COVERED


async def test_a_how_to_question_gets_the_type_checklist() -> None:
    reply = await answer(
        bundled_knowledge(), "How do I create a webinar campaign?", min_relevance=RELEVANCE
    )
    assert reply.citations[0].label == "Webinar Playbook › Task Checklist"


async def test_a_policy_fragment_is_answered_and_a_plan_request_is_not_preempted(
    chat: Chat,
) -> None:
    reply = await chat.say("tier 2 lead time pls")
    assert f"{POLICY.rules[2].lead_time_weeks} weeks" in reply.content
    assert reply.citations[0].doc_id == POLICY_DOC
    assert reply.draft is None  # "tier 2" was a question, not a stated tier for a draft
    plan = await chat.say("plan a webinar, who approves?")
    assert plan.draft is not None
    assert {f.name: f.value for f in plan.draft.fields}["type"] == "webinar"
