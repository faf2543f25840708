"""The chat's preview shows the portfolio's warnings, and a "yes" still creates the campaign."""

from __future__ import annotations

import uuid
from datetime import date

from mcc.db import Database
from mcc.models import Campaign
from tests.agent.conftest import Chat
from tests.portfolio.test_portfolio import make

COMPLETE = (
    "The campaign is called 'Q1 SMB Promotion'. Target audience is small business owners. "
    "Objective is to increase ASIN penetration by 15%. Budget is $30,000. Launch date is "
    "February 15, 2026."
)


async def test_the_preview_warns_of_a_collision_and_yes_still_creates(
    chat: Chat, db: Database
) -> None:
    await make(db, "SMB Spring Webinar", date(2026, 2, 10), target_audience="Small business owners")
    await chat.say("Create a new email campaign for SMB customers to promote Q1 offers.")

    preview = await chat.say(COMPLETE)

    note = (
        "Portfolio: “SMB Spring Webinar” launches 5 days before (2026-02-10) on the same audience."
    )
    assert preview.draft is not None
    assert preview.draft.preview.shown
    assert note in preview.draft.warnings
    text = preview.message.content
    assert f"Note: {note}" in text
    assert text.index(note) < text.index("Reply **yes**")
    created = await chat.say("yes")
    assert created.actions[0]["type"] == "campaign_created"
    async with db.read() as session:
        campaign = await session.get(Campaign, uuid.UUID(created.actions[0]["campaignId"]))
    assert campaign is not None
    assert campaign.name == "Q1 SMB Promotion"
