"""Knowledge questions as marketers type them, answered as a user reads them (session 32).

Questions of our own, with facts copied from the bundled documents (`src/mcc/knowledge/content/`):
a quoted passage is whole sentences (never "…contacted within 2 business…") and a table row is
read with its header; a flagship event is Tier 1 whatever its budget; "how soon can I touch the
bids" is the paid playbook's learning period, not a campaign lead time; "and for tier 3?" right
after a knowledge answer asks the same question of Tier 3; a typo ("emial") still finds its
passage while a question the playbooks don't cover still says so.
"""

from __future__ import annotations

import re

import pytest

from mcc.agent.knowledge import NOT_COVERED
from mcc.agent.whole_sentences import whole
from tests.agent.conftest import Chat

TIERS = "Campaign Tier Definitions"
PAID = "Paid Media Playbook"
# A line that quotes a passage: "- <passage> [n]".
_QUOTE = re.compile(r"^- (?P<text>.*\S)\s*\[\d+\]$", re.MULTILINE)


def _quotes(content: str) -> list[str]:
    return [match["text"] for match in _QUOTE.finditer(content.replace("**", ""))]


@pytest.mark.parametrize(
    "question",
    [
        "what contrast do buttons need against the background?",
        "when do the exec reviews happen?",
        "is it ok to bid on competitor names in search ads?",
        "how many headlines should a responsive search ad have",
        "what's the rule for giveaways at a booth?",
    ],
)
async def test_quoted_passages_are_whole_sentences(chat: Chat, question: str) -> None:
    reply = await chat.say(question)
    quotes = _quotes(reply.content)
    assert quotes, reply.content
    for text in quotes:
        # A cut reads as a wrong number ("within 2 business…"): every quote ends a sentence.
        assert re.search(r"[.!?:;]$", text), text
        assert not re.search(r"\w…|…\w", text), text
        assert "| --- |" not in text, text
        assert not text.startswith("|"), text


async def test_a_table_row_is_read_with_its_header(chat: Chat) -> None:
    reply = await chat.say("cost per lead target for linkedin sponsored content?")
    content = reply.content.replace("**", "")
    # "| LinkedIn sponsored content | Cost per lead (content offer) | under $120 |" means
    # nothing without the header that says which cell is the target.
    assert "LinkedIn sponsored content — Primary KPI: Cost per lead" in content, content
    assert "Our target: under $120" in content, content
    assert "| --- |" not in content


@pytest.mark.parametrize(
    "question",
    [
        "our annual user conference is only 45k — still tier 1?",
        "trade show keynote slot, budget 20k, tier 3 right?",
        "the user conference only costs $60,000 this year, is it really tier 1??",
    ],
)
async def test_a_flagship_is_tier_1_whatever_its_budget(chat: Chat, question: str) -> None:
    reply = await chat.say(question)
    content = reply.content.replace("**", "")
    assert "Tier 1" in content, content
    assert "whatever its budget" in content, content
    assert "VP of Marketing" in content
    assert any(c.label.startswith(TIERS) for c in reply.citations), reply.citations
    assert reply.actions == []


@pytest.mark.parametrize(
    "question",
    [
        "how soon can I touch the bids",
        "when am I allowed to tweak the targeting on a new paid campaign?",
        "how soon can we adjust bids on a new campaign?",
    ],
)
async def test_changing_a_live_campaign_is_the_learning_period(chat: Chat, question: str) -> None:
    reply = await chat.say(question)
    content = reply.content.replace("**", "")
    assert "7 days" in content, content
    assert "12 weeks" not in content  # not the tier lead times
    assert any(c.label.startswith(PAID) for c in reply.citations), reply.citations


@pytest.mark.parametrize(
    ("first", "follow_up", "fact", "not_fact"),
    [
        ("who signs off a tier 2 campaign?", "and for tier 3?", "Marketing Manager", "Director"),
        ("what's the lead time for tier 3?", "what about tier 1?", "12 weeks", "3 weeks"),
        ("who has to approve a tier 1 campaign?", "what about tier 2?", "Director", "VP"),
    ],
)
async def test_a_follow_up_asks_the_same_of_another_tier(
    chat: Chat, first: str, follow_up: str, fact: str, not_fact: str
) -> None:
    await chat.say(first)
    reply = await chat.say(follow_up)
    content = reply.content.replace("**", "")
    assert fact in content, content
    assert not_fact not in content, content
    assert reply.citations
    assert reply.actions == []


async def test_a_question_of_its_own_after_and_is_not_a_follow_up(chat: Chat) -> None:
    await chat.say("when is the webinar dry run?")
    # Read as "when is the webinar dry run for how long ...", it would quote the dry run again.
    reply = await chat.say("and how long should the webinar itself be?")
    assert "45 minutes" in reply.content.replace("**", ""), reply.content


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("whats the minimun segment size for an emial send", "500"),
        ("gmial clipping limit?", "102 KB"),
        ("how mcuh contingency does a tier 1 campaign hold", "10%"),
    ],
)
async def test_a_typo_still_finds_the_passage(chat: Chat, question: str, fact: str) -> None:
    reply = await chat.say(question)
    assert NOT_COVERED not in reply.content
    assert fact in reply.content.replace("**", ""), reply.content


async def test_an_uncovered_question_still_says_so(chat: Chat) -> None:
    reply = await chat.say("what's the dress code for the offsite?")
    assert NOT_COVERED in reply.content
    assert reply.citations == []


def test_whole_widens_a_cut_window_to_its_sentences() -> None:
    source = (
        "Scanned leads are uploaded within **24 hours**.\n"
        "- Hot leads are routed to Sales and contacted within\n  **2 business days**.\n"
        "- Everyone else gets the post-event email."
    )
    text = whole("…routed to Sales and contacted within **2…", source)
    assert text == "Hot leads are routed to Sales and contacted within **2 business days**."


def test_whole_reads_a_table_row_with_its_header_and_drops_blank_tables() -> None:
    source = "| Tier | Lead time |\n| --- | --- |\n| Tier 1 | 12 weeks |\n| Tier 2 | 6 weeks |"
    assert whole("…| Tier 2 | 6…", source) == "Tier 2 — Lead time: 6 weeks."
    blank = "| Role | Name |\n| --- | --- |\n| Owner | |"
    assert whole("| Role | Name | | --- | --- | | Owner | |", blank) == ""
