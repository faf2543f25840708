"""Portfolio warnings in GraphQL: `Campaign.portfolioWarnings` (getCampaign, listCampaigns) and
the chat draft's `portfolioWarnings`, scoped like the page: another team's campaign is counted in
the message, never named, and its id is never given."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mcc.db import Database
from tests.auth.support import Browser
from tests.portfolio.test_portfolio import make

LAUNCH = date(2031, 6, 10)
FIELDS = "portfolioWarnings { kind message campaignId campaignName }"
SEND = f"""mutation($id: ID, $message: String!) {{
  sendAgentMessage(conversationId: $id, message: $message) {{
    conversationId draft {{ status warnings {FIELDS} }} }} }}"""
HIDDEN = "A campaign in another team launches within 14 days"


async def graphql(user: Browser, query: str, variables: dict[str, Any] | None = None) -> Any:
    body = {"query": query, "variables": variables or {}}
    response = await user.client.post("/graphql", json=body, headers={"X-CSRF-Token": user.csrf})
    assert response.status_code == 200, response.text
    result = response.json()
    assert "errors" not in result, result
    return result["data"]


async def test_a_campaign_lists_its_warnings_naming_only_what_the_caller_sees(
    db: Database, marketer: Browser
) -> None:
    mine = await make(db, "Cloud Summit Webinar", LAUNCH)
    later = await make(db, "Cloud Summit Follow-up", LAUNCH + timedelta(days=7))
    await make(db, "Secret Beta Launch", LAUNCH + timedelta(days=5), team="Beta")
    await make(db, "Far Away Launch", LAUNCH + timedelta(days=60))

    query = f"query($id: ID!) {{ getCampaign(id: $id) {{ name {FIELDS} }} }}"
    found = (await graphql(marketer, query, {"id": str(mine)}))["getCampaign"]
    warnings = found["portfolioWarnings"]
    named = [w for w in warnings if w["campaignName"]]
    assert [(w["kind"], w["campaignName"], w["campaignId"]) for w in named] == [
        ("launch_collision", "Cloud Summit Follow-up", str(later))
    ]
    assert "7 days after (2031-06-17) on the same audience" in named[0]["message"]
    hidden = [w for w in warnings if HIDDEN in w["message"]]
    assert len(hidden) == 1
    assert hidden[0]["campaignId"] is None
    assert hidden[0]["campaignName"] is None
    text = str(warnings)
    assert "Secret Beta Launch" not in text
    assert "Far Away Launch" not in text

    # In a list, without asking for campaignId: each campaign's own warnings, both ways.
    listed = await graphql(marketer, "{ listCampaigns(limit: 50) { items { name "
                           "portfolioWarnings { campaignName } } } }")  # fmt: skip
    by_name = {
        item["name"]: [w["campaignName"] for w in item["portfolioWarnings"]]
        for item in listed["listCampaigns"]["items"]
    }
    assert "Cloud Summit Webinar" in by_name["Cloud Summit Follow-up"]
    assert "Cloud Summit Follow-up" in by_name["Cloud Summit Webinar"]
    assert by_name["Far Away Launch"] == []
    assert "Secret Beta Launch" not in by_name


async def test_the_drafts_preview_carries_its_warnings(db: Database, marketer: Browser) -> None:
    await make(db, "SMB Spring Webinar", LAUNCH - timedelta(days=5),
               target_audience="Small business owners")  # fmt: skip
    await make(db, "Beta SMB Launch", LAUNCH + timedelta(days=2),
               target_audience="Small business owners", team="Beta")  # fmt: skip
    first = await graphql(marketer, SEND, {"id": None, "message":
                          "Create a new email campaign for SMB customers."})  # fmt: skip
    conversation = first["sendAgentMessage"]["conversationId"]
    assert first["sendAgentMessage"]["draft"]["portfolioWarnings"] == []  # no preview yet

    details = (
        "Campaign name: Q2 SMB Promotion. Target audience is small business owners. "
        "Objective: grow sign-ups by 10%. Budget: $30,000. Launch: June 10, 2031."
    )
    preview = (await graphql(marketer, SEND, {"id": conversation, "message": details}))[
        "sendAgentMessage"
    ]["draft"]
    assert preview["status"] == "previewed"
    warnings = preview["portfolioWarnings"]
    names = [w["campaignName"] for w in warnings if w["campaignName"]]
    assert names == ["SMB Spring Webinar"]
    assert any(HIDDEN in w["message"] and w["campaignId"] is None for w in warnings)
    assert "Beta SMB Launch" not in str(preview)
    # The same warnings as the draft's notes, which the chat shows.
    assert [f"Portfolio: {w['message']}" for w in warnings] == [
        note for note in preview["warnings"] if note.startswith("Portfolio: ")
    ]
