"""The issue's approval flow in Chromium against a real server and the Workfront emulator: a
marketer's Tier 1 campaign waits for a VP with nothing sent to Workfront (the emulator's request
log proves it), the VP approves it on the Approvals page, the project appears, and the campaign's
History names both of them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.models import Team, TeamMember
from mcc.sandbox.workfront import DEFAULT_API_KEY
from tests.e2e.pages import ChatPage, Server, SignInPage, screenshot
from tests.support.live import eventually_async

MARKETER, VP, PASSWORD = "mia@mcc.test", "victor@mcc.test", "approval flow 123"
TIER_1 = (
    "Create an email campaign called Flagship Renewal Push for enterprise IT leaders. "
    "Objective: increase renewals by 10%. Budget $150,000. Launch 2031-09-01."
)


@pytest.fixture(scope="module")
async def team(server: Server) -> None:
    """A marketer and a VP of one team, created the way an admin would."""
    database = Database.from_url(server.database)
    try:
        async with database.write() as session:
            brand = Team(name="Brand e2e")
            session.add(brand)
            await session.flush()
            auth = AuthService(session)
            for email, role in ((MARKETER, Role.MARKETER), (VP, Role.VP)):
                user = await auth.create_user(email, PASSWORD, role=role)
                session.add(TeamMember(team_id=brand.id, user_id=user.id))
    finally:
        await database.dispose()


async def signed_in(browser: Browser, server: Server, email: str) -> Page:
    context = await browser.new_context(viewport={"width": 1280, "height": 860})
    page = await context.new_page()
    await SignInPage(page, server).sign_in(email, PASSWORD)
    return page


def mentions(requests: list[dict[str, str]], text: str) -> list[dict[str, str]]:
    return [r for r in requests if text in r["path"] or text in r["query"] or text in r["body"]]


async def notes_on(server: Server, project_id: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=f"{server.workfront}/attask/api/v21.0") as client:
        response = await client.get(
            "/NOTE/search", params={"objID": project_id, "apiKey": DEFAULT_API_KEY}
        )
    found: list[dict[str, Any]] = response.json()["data"]
    return found


async def test_a_tier_1_campaign_waits_for_the_vp_and_then_reaches_workfront(
    browser: Browser, server: Server, team: None
) -> None:
    marketer = await signed_in(browser, server, MARKETER)
    chat = ChatPage(marketer, server)
    await chat.open()
    card = (await chat.say(TIER_1)).locator(".draft")
    await expect(card).to_contain_text("Tier 1")
    await card.get_by_role("button", name="Confirm").click()
    created = chat.replies.last
    await expect(created).to_contain_text("waiting for VP approval", timeout=15_000)
    link = created.get_by_role("link", name="Open the new campaign")
    campaign_id = str(await link.get_attribute("href")).rsplit("/", 1)[-1]
    await link.click()
    await expect(marketer.locator("#approval-state")).to_contain_text("Waiting for VP approval")
    await screenshot(marketer, "approval-waiting")

    # The VP signs in and decides; meanwhile the outbox worker (polling every 0.2 s) has had
    # many chances to send something, and must not have.
    approver = await signed_in(browser, server, VP)
    await approver.get_by_role("link", name="Approvals").click()
    item = approver.get_by_role("region", name="Flagship Renewal Push")
    await expect(item).to_contain_text("VP of Marketing")
    await expect(item).to_contain_text("$150,000")
    assert mentions(await server.workfront_requests(), campaign_id) == []
    assert await server.workfront_project(campaign_id) is None

    await item.get_by_label("Comment (optional)").fill("Approved: keep the venue under $60k")
    await item.get_by_role("button", name="Approve").click()
    await expect(approver.locator("p.notice")).to_contain_text("Approved “Flagship Renewal")
    await expect(approver.get_by_role("region", name="Flagship Renewal Push")).to_have_count(0)

    async def in_workfront() -> dict[str, Any] | None:
        return await server.workfront_project(campaign_id)

    project = await eventually_async(in_workfront, timeout=15, message="the Workfront project")
    assert project["name"] == "Flagship Renewal Push"

    async def noted() -> list[dict[str, Any]] | None:
        return await notes_on(server, project["ID"]) or None

    [note] = await eventually_async(noted, timeout=15, message="the approval note")
    assert "Approved in MCC by victor@mcc.test" in note["noteText"]
    assert "keep the venue under $60k" in note["noteText"]

    await marketer.reload()
    history = marketer.locator("#history")
    await expect(history).to_contain_text(f"created by {MARKETER} via chat")
    await expect(history).to_contain_text(f"approved by {VP} via ui")
    await expect(marketer.locator("#approval-state")).to_contain_text(f"Approved by {VP}")
    await screenshot(marketer, "approval-history")
    await marketer.context.close()
    await approver.context.close()
