"""Briefs in, drafts out: a DOCX, PDF or email brief fills the draft, each value citing the
brief's sentence; what is missing is asked for; bad files are refused and change nothing."""

from __future__ import annotations

import io
import uuid

import pytest
from docx import Document
from sqlalchemy import func, select

from mcc.agent.service import AgentRuntime, AgentService
from mcc.briefs import parsing
from mcc.briefs.parsing import read_brief
from mcc.briefs.service import submit_brief
from mcc.config import Settings
from mcc.db import Database
from mcc.knowledge.parsing import DocumentTooLargeError, UnsupportedFormatError
from mcc.models import Campaign, Conversation
from tests.agent.conftest import USER, Chat
from tests.knowledge.test_parsing import make_pdf
from tests.support.bombs import zip_bomb_docx

NAME_SENTENCE = "We want to run a webinar called 'Cloud Security Live'."
BUDGET_SENTENCE = "The budget is $40,000."


def brief_docx() -> bytes:
    document = Document()
    document.add_heading("Campaign brief", level=1)
    document.add_paragraph(NAME_SENTENCE)
    document.add_paragraph("Target audience is IT security managers at mid-market companies.")
    document.add_paragraph("Objective is to generate 300 qualified leads.")
    document.add_paragraph(BUDGET_SENTENCE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def service(db: Database, settings: Settings, runtime: AgentRuntime) -> AgentService:
    return AgentService(db, settings, runtime=runtime, identity=USER)


async def test_a_docx_brief_fills_the_draft_with_provenance_and_asks_for_the_rest(
    db: Database, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    brief = read_brief(brief_docx(), "q3-brief.docx")
    result = await submit_brief(service(db, agent_settings, runtime), None, brief)

    assert result.draft is not None
    fields = {item.name: item for item in result.draft.fields}
    assert fields["name"].value == "Cloud Security Live"
    assert fields["name"].provenance.document == "q3-brief.docx"
    assert fields["name"].provenance.sentence == NAME_SENTENCE
    assert fields["budget"].value == "40000"
    assert fields["budget"].provenance.sentence == BUDGET_SENTENCE
    assert fields["type"].value == "webinar"
    assert "security managers" in str(fields["target_audience"].value)
    assert "launch_date" in result.draft.missing
    reply = result.message.content
    assert f"— from “{NAME_SENTENCE}”" in reply
    assert "Still missing: launch date" in reply
    # The provenance travels in the turn's JSON, as GraphQL and the chat page read it.
    stored = result.draft.as_json()["fields"]
    name = next(item for item in stored if item["name"] == "name")
    assert name["provenance"]["document"] == "q3-brief.docx"


async def test_the_conversation_goes_on_to_a_campaign_that_cites_the_brief(
    db: Database, agent_settings: Settings, runtime: AgentRuntime, chat: Chat
) -> None:
    brief = read_brief(brief_docx(), "q3-brief.docx")
    first = await submit_brief(service(db, agent_settings, runtime), None, brief)
    chat.conversation_id = first.conversation_id

    preview = await chat.say("Launch date is March 20, 2026.")
    assert preview.draft is not None
    assert preview.draft.preview.shown, preview.message.content
    created = await chat.say("yes")

    assert created.actions[0]["type"] == "campaign_created"
    async with db.read() as session:
        campaign = await session.get(Campaign, uuid.UUID(created.actions[0]["campaignId"]))
    assert campaign is not None
    assert campaign.name == "Cloud Security Live"
    assert campaign.provenance["fields"]["budget"]["sentence"] == BUDGET_SENTENCE
    assert campaign.provenance["fields"]["launch_date"].get("document") is None


async def test_a_pasted_email_and_a_pdf_brief_are_read_too(
    db: Database, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    email = (
        "From: Dana <dana@example.com>\nTo: marketing@example.com\nSubject: Spring email push\n\n"
        "Hi team,\nPlease set up an email campaign called 'Spring Savings'.\n"
        "Audience: existing SMB customers.\nBudget is 12k.\nThanks, Dana"
    )
    brief = read_brief(email.encode(), "pasted-brief.txt")
    assert not any("dana@example.com" in sentence for sentence in brief.sentences)
    result = await submit_brief(service(db, agent_settings, runtime), None, brief)
    assert result.draft is not None
    assert result.draft.value_of("name") == "Spring Savings"
    assert result.draft.value_of("budget") == "12000"

    pdf = read_brief(make_pdf(["Launch a social campaign called 'Summer Reels'."]), "b.pdf")
    assert len(pdf.sentences) == 1
    assert "social campaign called" in pdf.sentences[0]


async def test_bad_briefs_are_refused_with_clear_errors_and_store_nothing(
    db: Database, agent_settings: Settings, runtime: AgentRuntime, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UnsupportedFormatError, match="a brief must be one of"):
        read_brief(b"MZ\x90\x00", "brief.exe")
    with pytest.raises(DocumentTooLargeError, match=r"zip bomb|unpacks to"):
        read_brief(zip_bomb_docx(), "bomb.docx")
    with pytest.raises(DocumentTooLargeError, match="a brief may be at most"):
        read_brief(b"x" * (parsing.MAX_BYTES + 1), "big.txt")
    monkeypatch.setattr(parsing, "MAX_PAGES", 0)
    with pytest.raises(DocumentTooLargeError, match="at most 0"):
        read_brief(make_pdf(["one page"]), "long.pdf")
    async with db.read() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
