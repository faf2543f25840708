"""What newcomers met talking to a fresh server (session 33, helper f1), from issue 10's open
failure list, each in phrasings of our own (none is in an evaluation set)."""

from __future__ import annotations

from datetime import date

import pytest

from mcc.agent import dialogue
from mcc.agent.acts import Act, Guess
from mcc.agent.extraction import extract
from mcc.agent.views import TurnResult
from tests.agent.conftest import Chat


def _channels(reply: TurnResult) -> list[str]:
    assert reply.draft is not None
    return sorted(channel.name for channel in reply.draft.channels)


def _created(reply: TurnResult) -> bool:
    return [action["type"] for action in reply.actions] == ["campaign_created"]


def _no_draft(reply: TurnResult) -> bool:
    return reply.draft is None or not any(
        reply.draft.value_of(name) for name in ("name", "type", "budget", "target_audience")
    )


def _values(text: str) -> dict[str, object]:
    found = extract(text, today=date(2026, 1, 5))
    return {name: candidate.value for name, candidate in found.values.items()}


# A complete brief: Tier 3 (under $25K, one channel), so its approver is the Marketing Manager.
BRIEF = (
    "'Harbor Webinar', a webinar for finance leaders in retail, goal 200 registrations, "
    "budget $8,000, launch 2027-05-11"
)


# --- 1. "looks ok?" at a preview asks us to check, it searches nothing ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "looks ok?",
        "does that look right to you?",
        "look good to you?",
        "is this all correct?",
        "everything look fine?",
        "seem right?",
    ],
)
async def test_a_check_at_the_preview_is_about_the_draft(chat: Chat, text: str) -> None:
    """Knowledge passages about unrelated things came back: the question was searched."""
    assert (await chat.say(BRIEF)).draft is not None
    reply = await chat.say(text)
    assert not reply.citations
    assert not reply.actions
    assert "yes" in reply.content.lower()
    assert "Harbor Webinar" in reply.content or "preview" in reply.content
    assert _created(await chat.say("yes"))


# --- 2. a yes with a question answers the question and creates nothing ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yes? which approver again?",
        "ok, but who approves this one again?",
        "sure — who signs off on it?",
        "yes, wait, which approver was it?",
    ],
)
async def test_a_yes_with_a_question_answers_this_drafts_approver(chat: Chat, text: str) -> None:
    """All three tiers' approvers were listed, or the yes created the campaign."""
    await chat.say(BRIEF)
    reply = await chat.say(text)
    assert not reply.actions
    assert "Marketing Manager" in reply.content
    assert "VP of Marketing" not in reply.content
    assert "Director" not in reply.content
    assert _created(await chat.say("yes"))


# --- 3. knowledge questions that name a channel, a type or a tier plan nothing ----------------


@pytest.mark.parametrize(
    "question",
    [
        "what's our retargeting window?",
        "how long is the retargeting window for site visitors?",
        "what's the MQL score threshold?",
        "what lead score makes an MQL?",
        "do hot leads get a call back the same day?",
        "can I split a PO across two campaigns?",
        "can one purchase order cover two campaigns?",
    ],
)
async def test_a_knowledge_question_opens_no_draft(chat: Chat, question: str) -> None:
    """A draft was opened ("Got it: type: paid ...") and the question went unanswered: the
    answer is a cited passage, or "the playbooks don't cover it", never a draft."""
    reply = await chat.say(question)
    assert _no_draft(reply)
    assert "Got it" not in reply.content
    assert reply.citations or "don't cover" in reply.content


async def test_the_retargeting_window_is_answered(chat: Chat) -> None:
    reply = await chat.say("what's our retargeting window?")
    assert "30 days" in reply.content
    assert reply.citations


@pytest.mark.parametrize(
    "question",
    [
        "what's the MQL score threshold?",
        "whats the mql threshold",
        "what score makes someone an MQL?",
    ],
)
async def test_the_mql_threshold_is_the_lifecycle_tables_score(chat: Chat, question: str) -> None:
    """The engagement-scoring section (points, decay) was cited first, with no threshold in it;
    the threshold is the lifecycle table's "lead score of 65 or more"."""
    reply = await chat.say(question)
    assert "65 or more" in reply.content
    assert reply.citations[0].label.endswith("Lead Lifecycle Stages")


@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("what tier is email + paid social + paid search + a booth?", "Tier 1"),
        ("which tier would email, paid social and a webinar be?", "Tier 2"),
        ("which tier is paid social and email?", "Tier 2"),
    ],
)
async def test_a_tier_question_about_channels_is_answered_from_the_policy(
    chat: Chat, question: str, tier: str
) -> None:
    """It searched the documents: passages about paid media channels, no tier named."""
    reply = await chat.say(question)
    assert _no_draft(reply)
    assert f"**{tier}**" in reply.content
    assert [c.label for c in reply.citations] == [
        "Campaign Tier Definitions › How the Tier Is Decided"
    ]


# --- 4. a question about skipping a step is no instruction ----------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "is it ok to skip the exec review",
        "is it ok to skip the exec review?",
        "can we skip the legal review for this one?",
        "would it be fine to skip the executive review",
    ],
)
async def test_asking_whether_a_step_may_be_skipped_is_no_instruction(
    chat: Chat, question: str
) -> None:
    reply = await chat.say(question)
    assert "ignored the instruction" not in reply.content
    assert "can't set my rules aside" not in reply.content


async def test_asking_about_skipping_mid_draft_keeps_the_draft(chat: Chat) -> None:
    await chat.say(BRIEF)
    reply = await chat.say("is it ok to skip the exec review")
    assert "ignored the instruction" not in reply.content
    assert not reply.actions
    assert _created(await chat.say("yes"))


# --- 5. audiences named by what people did, or by their role in a deal ---------------------------


@pytest.mark.parametrize(
    "audience",
    [
        "webinar no-shows",
        "event no-shows",
        "trial drop-offs",
        "ABM buying committees at our top 50 accounts",
        "buying committees at the 40 target accounts",
    ],
)
async def test_an_audience_given_when_asked_is_taken(chat: Chat, audience: str) -> None:
    """It was asked again: "webinar" read as a channel, "ABM" as a type."""
    reply = await chat.say(
        "Email campaign 'Second Chance', goal 80 meetings booked, budget $6,000, launch 2027-04-06"
    )
    assert reply.draft is not None
    assert not reply.draft.value_of("target_audience")
    reply = await chat.say(audience)
    assert reply.draft is not None
    assert reply.draft.value_of("target_audience") == audience
    assert reply.draft.value_of("type") == "email"


def test_people_read_as_a_status_question_still_answer_the_audience(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With sentence embeddings the act classifier read "webinar no-shows" as a status question
    (0.65): "I didn't take that as a campaign detail", and the audience was asked again. A
    status act with no status form (no campaign named, no "status") answering a field is that
    field's answer."""
    monkeypatch.setattr(dialogue, "guess", lambda text, context=None: Guess(Act.STATUS, 0.65))

    def act(text: str) -> Act:
        pending = ("target_audience",)
        reading = dialogue.read(
            text, today=date(2026, 1, 5), pending=pending, flagship_keywords=(), context=None
        )
        return reading.act

    assert act("webinar no-shows") is Act.DETAILS
    assert act("status of Spring Promo?") is Act.STATUS


# --- 6. channel scopes: every channel of a paid campaign, organic only ----------------------------


@pytest.mark.parametrize(
    "scope", ["on every channel we have", "across all our channels", "everywhere we can"]
)
async def test_every_channel_of_a_paid_campaign_is_the_scope_alone(chat: Chat, scope: str) -> None:
    """ "paid media" was stored beside "all channels"."""
    reply = await chat.say(
        f"'Loud Launch', paid campaign {scope}, for IT buyers, goal 500 leads, $30k, 2027-06-01"
    )
    assert _channels(reply) == ["all channels"]


@pytest.mark.parametrize(
    "said", ["organic only", "organic only, no paid", "just organic", "no paid channels, organic"]
)
async def test_organic_only_rules_out_paid_and_asks_which_channels(chat: Chat, said: str) -> None:
    """ "organic only" was not read ("I didn't find campaign details"), and "no paid" made the
    campaign a paid one. No organic channel is assumed: the user is asked which."""
    await chat.say(
        "Campaign 'Quiet Reach' for HR managers, goal 300 followers, $2,000, launch 2027-04-12"
    )
    reply = await chat.say(said)
    assert "Organic only, no paid channels" in reply.content
    assert reply.draft is not None
    assert reply.draft.value_of("type") is None
    assert _channels(reply) == []
    reply = await chat.say("LinkedIn and the blog")
    assert _channels(reply) == ["blog", "linkedin"]


def test_organic_social_is_still_a_channel_scope() -> None:
    assert _values("organic social only, 'Quiet Reach', 2k")["type"] == "social"


# --- 7. dates: day.month. without a year, "end of the year 2027", a weekday that disagrees --------


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("email 'Dot Date' for admins, 3k, live from 7.12.", "2026-12-07"),
        ("email 'Dot Date' for admins, 3k, launch 24.3.", "2026-03-24"),
        ("email 'Dot Date' for admins, 3k, go live 7.12. please", "2026-12-07"),
    ],
)
def test_a_day_and_month_with_trailing_dots_is_the_next_such_date(text: str, wanted: str) -> None:
    assert _values(text)["launch_date"] == wanted


@pytest.mark.parametrize(
    "said", ["end of the year 2027", "the end of year 2027", "end of the year, 2027"]
)
def test_the_end_of_a_named_year_is_its_last_day(said: str) -> None:
    assert _values(f"email 'Year End' for admins, 3k, launch {said}")["launch_date"] == (
        "2027-12-31"
    )


def test_a_weekday_that_matches_the_date_is_fine() -> None:
    found = extract(
        "email 'Tue' for admins, 3k, launch Tuesday 9 March 2027", today=date(2026, 1, 5)
    )
    assert found.values["launch_date"].value == "2027-03-09"
    assert not found.problems


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("Wednesday 9 March 2027", "Wednesday"),
        ("Friday, March 9, 2027", "Friday"),
        ("Mon 9.3.2027", "Monday"),
    ],
)
async def test_a_weekday_that_does_not_match_keeps_the_date_and_warns(
    chat: Chat, said: str, written: str
) -> None:
    """The weekday was dropped in silence: the user never learned that one of the two was a
    slip. The date is kept (the exact part) and the reply names both days."""
    reply = await chat.say(f"email 'Odd Day' for admins, goal 100 clicks, 3k, launch {said}")
    assert reply.draft is not None
    assert reply.draft.value_of("launch_date") == "2027-03-09"
    assert f"You wrote {written}, but March 9, 2027 is a Tuesday" in reply.content
