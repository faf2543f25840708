"""The failure families of the third blind set's DEV half, each in phrasings of our own (none is
in `examples.txt` or an evaluation set), and the evaluator's identity: a fix for one sentence has
to hold for the way people say it."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent.evaluation import Scenario, Turn, run_scenario
from mcc.agent.extraction import extract
from mcc.agent.extraction.dates import scan_dates
from mcc.agent.service import AgentRuntime
from mcc.config import Settings
from mcc.db import Database
from tests.agent.conftest import Chat

TODAY = date(2027, 5, 3)


def values(text: str, pending: tuple[str, ...] = ()) -> dict[str, str]:
    found = extract(text, today=TODAY, pending=pending, flagship_keywords=())
    return {name: str(candidate.value) for name, candidate in found.values.items()}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("kick-off 9-Jun-2028", date(2028, 6, 9)),
        ("goes live 17-Sep-27, budget 5k", date(2027, 9, 17)),
        ("launch date: 1-dec-2027.", date(2027, 12, 1)),
        ("we start on the last day of October 2027", date(2027, 10, 31)),
    ],
)
def test_day_month_year_with_dashes_and_the_last_day_of_a_month(text: str, wanted: date) -> None:
    mentions, problems = scan_dates(text, TODAY)
    assert [mention.value for mention in mentions] == [wanted]
    assert problems == []


def test_an_impossible_dashed_date_is_asked_about_not_moved() -> None:
    mentions, problems = scan_dates("launch 31-Apr-2028", TODAY)
    assert mentions == []
    assert "April 2028 has no 31st" in problems[0].message


@pytest.mark.parametrize("answer", ["sms and email", "email plus display", "Email, events"])
def test_an_answer_to_which_channels_keeps_the_type(answer: str) -> None:
    found = extract(answer, today=TODAY, pending=("channels",), flagship_keywords=())
    assert "type" not in found.values
    assert "email" in {candidate.value for candidate in found.channels}


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("a webinar aimed at returning shoppers in Ohio, 40 leads", "returning shoppers in Ohio"),
        ("an email aimed at existing partners in Iberia", "existing partners in Iberia"),
        ("an event, 'Rack Day', IT directors in the Benelux, goal: 30 demos", "IT directors in "
         "the Benelux"),
    ],
)  # fmt: skip
def test_people_after_an_ing_adjective_or_it_in_capitals_are_the_audience(
    text: str, audience: str
) -> None:
    assert values(text)["target_audience"] == audience


def test_aimed_at_a_verb_is_still_no_audience() -> None:
    found = values("an email aimed at boosting trial upgrades among admins")
    assert "target_audience" not in found
    assert found["objective"].startswith("boosting trial upgrades")


@pytest.mark.parametrize(
    "text",
    ["we'd like a drip of four emails for lapsed users", "planning a short series of emails"],
)
def test_a_drip_or_series_of_emails_is_an_email_campaign(text: str) -> None:
    assert values(text)["type"] == "email"


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("hashtag cap for X posts", ["two"]),
        ("marketing email limit per week", ["3"]),
        ("how quickly does legal turn around an ad set", ["5 business days"]),
        ("naming format for a campaign ID?", ["YYYYqN"]),
    ],
)
async def test_rule_fragments_and_loose_wording_get_cited_answers(
    chat: Chat, question: str, words: list[str]
) -> None:
    reply = await chat.say(question)
    assert reply.citations, reply.content
    for word in words:
        assert word in reply.content
    assert reply.draft is None


async def test_a_limit_with_a_value_of_its_own_is_a_detail_not_a_question(chat: Chat) -> None:
    reply = await chat.say("webinar for plant managers, max 20k")
    assert reply.draft is not None
    assert {item.name: item.value for item in reply.draft.fields}["budget"] == "20000"
    assert not reply.citations


@pytest.mark.parametrize(
    "text", ["please translate 'spring sale' to German", "compose a limerick about budgets"]
)
async def test_a_request_outside_campaigns_plans_nothing_and_says_so(chat: Chat, text: str) -> None:
    reply = await chat.say(text)
    assert reply.draft is None
    assert "only help" in reply.content
    assert not reply.citations


async def test_the_evaluator_is_a_marketer_whose_campaigns_wait_for_their_approver(
    db: Database, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    scenario = Scenario(
        "evaluator identity",
        (
            Turn(
                "email campaign 'Approval Path', for clinic owners, goal 40 demos, budget 30k, "
                "launch 2027-09-01, on email and LinkedIn",
                {"preview": True},
            ),
            Turn("yes", {"created": True, "contains": ["Director approval"]}),
        ),
        TODAY,
        expect_end={"campaigns_created": 1, "campaign": {"status": "PENDING_APPROVAL", "tier": 2}},
    )
    result = await run_scenario(db, scenario, agent_settings, runtime)
    assert result.failures == [], "\n".join([*result.failures, *result.transcript])
