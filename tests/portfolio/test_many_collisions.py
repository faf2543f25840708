"""Many collisions stay cheap and readable (issue 15 item 4): 400 email campaigns launching the
same day used to give each campaign one sentence per other campaign (~20,000 on a page of 50) and
one query per listed campaign. Now each names the 3 nearest and groups the rest in one counted
line, other teams' campaigns only counted, and a page costs the same statements at any size."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.teams.service import TeamService
from mcc.validation import parse
from tests.auth.support import Browser
from tests.portfolio.test_graphql import graphql

LAUNCH = date(2031, 9, 9)
VISIBLE, OTHER_TEAM = 350, 50
WARNINGS = "portfolioWarnings { kind message campaignId campaignName count }"
SEND = f"""mutation($id: ID, $message: String!) {{
  sendAgentMessage(conversationId: $id, message: $message) {{
    conversationId draft {{ status warnings {WARNINGS} }} }} }}"""
LIST = "{ listCampaigns(limit: 50) { items { campaignId name %s } } }"


async def crowd(db: Database, start: int = 0, stop: int = VISIBLE + OTHER_TEAM) -> list[uuid.UUID]:
    """350 email launches the caller sees (a few a day or two away) and 50 of another team's."""
    ids: list[uuid.UUID] = []
    async with db.write() as session:
        service, beta = CampaignService(session), await TeamService(session).create(f"Beta {start}")
        for n in range(start, stop):
            data = {"name": f"Crowd {n:03}", "type": "email", "channels": ["email"],
                    "launch_date": LAUNCH + timedelta(days=n % 3),
                    "target_audience": f"Segment {n}", "objective": "clicks"}  # fmt: skip
            campaign = await service.create(parse(CampaignCreate, data, what="c"))
            if n >= VISIBLE:
                campaign.team_id = beta.id
            ids.append(campaign.id)
    return ids


async def test_a_page_of_crowded_campaigns_names_three_and_counts_the_rest(
    db: Database, marketer: Browser
) -> None:
    await crowd(db)
    items = (await graphql(marketer, LIST % WARNINGS))["listCampaigns"]["items"]
    assert len(items) == 50
    for item in items:
        warnings = item["portfolioWarnings"]
        named = [w for w in warnings if w["campaignName"]]
        grouped = [w for w in warnings if not w["campaignName"]]
        assert len(named) == 3, item["name"]
        assert all(w["count"] == 1 and w["kind"] == "launch_collision" for w in named)
        # The nearest first: same-day launches before ones a day or two away.
        day = LAUNCH + timedelta(days=int(item["name"].split()[1]) % 3)
        assert all(f"({day.isoformat()})" in w["message"] for w in named), named
        assert item["name"] not in str(named)  # never itself
        more, hidden = grouped
        assert more["count"] == VISIBLE - 1 - 3
        assert more["message"] == (
            f"And {VISIBLE - 4} more campaigns launch within 14 days on the same audience or "
            "channel."
        )
        assert hidden["count"] == OTHER_TEAM
        assert hidden["message"].startswith(f"{OTHER_TEAM} campaigns in other teams launch")
        assert hidden["campaignId"] is None
        assert more["campaignId"] is None
        assert "Crowd" not in str(grouped)
        # The other team's campaigns (350 and up) are never named.
        assert not any(f"Crowd {n}" in str(warnings) for n in range(VISIBLE, VISIBLE + OTHER_TEAM))


async def test_the_campaign_page_and_calendar_show_the_same_bounded_lines(
    db: Database, marketer: Browser
) -> None:
    ids = await crowd(db)
    page = (await marketer.client.get(f"/campaigns/{ids[0]}")).text
    section = page[page.find('id="portfolio-warnings"') : page.find("</section>", page.find(
        'id="portfolio-warnings"'))]  # fmt: skip
    assert section.count('href="/campaigns/') == 3
    assert f"And {VISIBLE - 4} more campaigns launch within 14 days" in section
    assert f"{OTHER_TEAM} campaigns in other teams launch" in section

    calendar = (await marketer.client.get("/calendar?month=2031-09")).text
    assert calendar.count(f"And {VISIBLE - 4} more campaigns") == VISIBLE
    assert "Crowd 399" not in calendar  # another team's launch: not on this calendar


async def test_the_list_with_warnings_costs_the_same_statements_at_any_crowd(
    db: Database, marketer: Browser
) -> None:
    """A few statements more than the list alone (one read: the page's campaigns, the portfolio
    around them), the same for 60 or 400 colliding campaigns: not one per listed campaign or
    per collision."""
    statements: list[str] = []

    def count(*_: Any) -> None:
        statements.append("one")

    async def cost(query: str) -> int:
        statements.clear()
        event.listen(db.engine.sync_engine, "before_cursor_execute", count)
        try:
            await graphql(marketer, query)
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", count)
        return len(statements)

    await crowd(db, 0, 60)
    few = await cost(LIST % WARNINGS)
    await crowd(db, 60)
    plain, many = await cost(LIST % ""), await cost(LIST % WARNINGS)
    assert many == few, (few, many)
    assert many - plain <= 4, (plain, many)  # the read's own begin/end, and its two queries


async def test_the_chat_preview_notes_name_three_and_count_the_rest(
    db: Database, marketer: Browser
) -> None:
    await crowd(db)
    first = await graphql(marketer, SEND, {"id": None, "message":
                          "Create a new email campaign for SMB customers."})  # fmt: skip
    details = (
        "Campaign name: Crowded Launch. Target audience is small business owners. "
        "Objective: grow sign-ups by 10%. Budget: $30,000. Launch: September 9, 2031."
    )
    conversation = first["sendAgentMessage"]["conversationId"]
    reply = await graphql(marketer, SEND, {"id": conversation, "message": details})
    draft = reply["sendAgentMessage"]["draft"]
    assert draft["status"] == "previewed"
    warnings = draft["portfolioWarnings"]
    assert len([w for w in warnings if w["campaignName"]]) == 3
    counts = [w["count"] for w in warnings if not w["campaignName"]]
    assert counts == [VISIBLE - 3, OTHER_TEAM]
    notes = [note for note in draft["warnings"] if note.startswith("Portfolio: ")]
    assert f"Portfolio: And {VISIBLE - 3} more campaigns launch within 14 days" in str(notes)
    assert len(notes) == 5
