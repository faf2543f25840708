"""The web UI in Chromium against a real server: the issue's "done when" list."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, TypeVar

import websockets
from playwright.async_api import FilePayload, Page, expect
from websockets.typing import Subprotocol

from tests.e2e.pages import ChatPage, DashboardPage, Server, SignInPage, screenshot
from tests.support.live import eventually_async

XSS = "<script>alert(1)</script>"
DETAILS = (
    "Create an email campaign called Spring SMB Promo for small business owners. Objective: "
    "increase sign-ups by 10%. Budget $30,000. Launch 2031-03-03."
)


T = TypeVar("T")


async def eventually(probe: Callable[[], Awaitable[T | None]], what: str) -> T:
    """Wait (polling, with a deadline) for the sync to do its part behind the browser."""
    return await eventually_async(probe, timeout=15, message=what)


async def test_signed_out_access_redirects_to_sign_in(anonymous_page: Page, server: Server) -> None:
    await anonymous_page.goto(f"{server.base}/dashboard?tier=1")
    await expect(anonymous_page).to_have_url(re.compile(r"/signin\?next=%2Fdashboard%3Ftier%3D1$"))
    await SignInPage(anonymous_page, server).sign_in(server.email, server.password)
    await expect(anonymous_page).to_have_url(f"{server.base}/dashboard?tier=1")


async def test_a_wrong_password_is_told_and_the_form_kept(
    anonymous_page: Page, server: Server
) -> None:
    await anonymous_page.goto(f"{server.base}/knowledge")
    signin = SignInPage(anonymous_page, server)
    await anonymous_page.get_by_label("Email").fill(server.email)
    await anonymous_page.get_by_label("Password").fill("not the password")
    await anonymous_page.get_by_role("button", name="Sign in").click()
    await expect(anonymous_page.get_by_role("alert")).to_have_text("Wrong email or password")
    await expect(anonymous_page.get_by_label("Email")).to_have_value(server.email)
    await signin.sign_in(server.email, server.password)
    await expect(anonymous_page).to_have_url(f"{server.base}/knowledge")


async def test_a_request_without_csrf_token_is_refused(page: Page, server: Server) -> None:
    await page.goto(f"{server.base}/")
    query = {"query": 'mutation { createCampaign(input: {name: "CSRF", type: "email"}) { name } }'}
    refused = await page.request.post(f"{server.base}/graphql", data=query)
    assert refused.status == 403
    assert "CSRF" in (await refused.json())["error"]["message"]
    headers = json.loads(await page.locator("body").get_attribute("hx-headers") or "{}")
    accepted = await page.request.post(f"{server.base}/graphql", data=query, headers=headers)
    assert (await accepted.json())["data"]["createCampaign"]["name"] == "CSRF"


async def test_chat_to_confirmed_campaign_on_the_dashboard(
    backend_page: Page, backend_server: Server
) -> None:
    """The main flow, once per work-management backend (Workfront, Asana)."""
    page, server = backend_page, backend_server
    chat = ChatPage(page, server)
    await chat.open()
    await expect(page.locator("#welcome")).to_be_visible()
    await chat.input.fill("first line")
    await chat.input.press("Shift+Enter")
    await chat.input.type("second line")
    assert await chat.input.input_value() == "first line\nsecond line"
    await chat.input.fill("")

    draft_reply = await chat.say(DETAILS)
    card = draft_reply.locator(".draft")
    await expect(card).to_contain_text("Tier 2")
    await expect(card).to_contain_text("from your words")
    await expect(page).to_have_url(re.compile(r"/chat/[0-9a-f-]{36}$"))
    await card.evaluate("card => card.scrollIntoView({block: 'center'})")
    await screenshot(page, "chat")

    await card.get_by_role("button", name="Confirm").click()
    created = chat.replies.last
    link = created.get_by_role("link", name="Open the new campaign")
    await expect(link).to_be_visible(timeout=15_000)
    conversation_url = page.url
    campaign_id = str(await link.get_attribute("href")).rsplit("/", 1)[-1]

    async def in_backend() -> dict[str, Any] | None:
        return await server.remote_project(campaign_id)

    project = await eventually(in_backend, "the project in the work-management system")
    assert project["name"] == "Spring SMB Promo"

    await page.reload()  # the plan's ISSUE-004: history survives a refresh
    await expect(chat.user_messages).to_have_count(2)
    await expect(chat.user_messages.first).to_contain_text("Spring SMB Promo")
    await expect(page.get_by_role("link", name="Open the new campaign")).to_be_visible()
    assert page.url == conversation_url

    await page.get_by_role("link", name="Dashboard", exact=True).click()
    await expect(page.get_by_role("link", name="Spring SMB Promo", exact=True)).to_be_visible()


async def test_dashboard_row_changes_live_without_reload(page: Page, server: Server) -> None:
    today = date.today()
    for name, kind, budget, days in [
        ("Customer summit", "event", "250000", 120),
        ("Partner webinar series", "webinar", "40000", 45),
        ("Spring nurture", "email", "8000", 10),
        ("Retargeting push", "paid", "18000", 75),
    ]:
        launch = (today + timedelta(days=days)).isoformat()
        await server.create_campaign(name=name, type=kind, budget=budget, launchDate=launch)
    campaign_id = await server.create_campaign(name="Live row", type="social", budget="12000")
    dashboard = DashboardPage(page, server)
    await dashboard.open()
    row = dashboard.row(campaign_id)
    await expect(row.locator(".status")).to_have_text("PLANNING")
    await page.evaluate("window.__notReloaded = true")

    await server.set_status(campaign_id, "ACTIVE")
    await expect(row.locator(".status")).to_have_text("ACTIVE", timeout=2000)
    assert await page.evaluate("window.__notReloaded === true")
    await screenshot(page, "dashboard")

    await page.get_by_label("Status", exact=True).select_option("ACTIVE")
    await expect(page.locator("#live tbody tr")).to_have_count(1)
    await expect(page).to_have_url(re.compile(r"status=ACTIVE"))


async def test_a_status_change_in_workfront_reaches_the_dashboard(
    page: Page, server: Server
) -> None:
    campaign_id = await server.create_campaign(name="Synced launch", type="email", budget="9000")

    async def in_workfront() -> dict[str, Any] | None:
        return await server.workfront_project(campaign_id)

    project = await eventually(in_workfront, "the Workfront project")
    # A precondition, not the timing under test: on a loaded machine the backlog of earlier
    # tests' task webhooks (the emulator sends them one at a time) took over 15 s to drain.
    await eventually_async(
        server.sync_quiet, timeout=60, message="the sync to finish earlier tests' campaigns"
    )
    dashboard = DashboardPage(page, server)
    await dashboard.open()
    row = dashboard.row(campaign_id)
    await expect(row.locator(".status")).to_have_text("PLANNING")
    await page.evaluate("window.__notReloaded = true")

    await server.set_workfront_status(project["ID"], "CUR")  # a manager starts it in Workfront
    await expect(row.locator(".status")).to_have_text("ACTIVE", timeout=2000)
    assert await page.evaluate("window.__notReloaded === true")


async def test_an_admin_uploads_a_playbook_and_finds_it(page: Page, server: Server) -> None:
    await page.goto(f"{server.base}/knowledge")
    text = b"# Launch FAQ\n\n## Embargo\nPress embargoes lift at 9:00 Eastern."
    faq = FilePayload(name="launch-faq.md", mimeType="text/markdown", buffer=text)
    await page.set_input_files("#file", files=faq)
    await page.get_by_label("Category").fill("guidelines")
    await page.get_by_role("button", name="Upload").click()
    await expect(page).to_have_url(f"{server.base}/knowledge/documents/uploads/launch-faq.md")
    await expect(page.get_by_role("cell", name="added")).to_be_visible()

    await page.goto(f"{server.base}/knowledge?q=when+do+press+embargoes+lift")
    await expect(page.get_by_role("link", name="Launch FAQ › Embargo")).to_be_visible()


async def test_a_script_name_is_shown_as_text(page: Page, server: Server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    campaign_id = await server.create_campaign(name=XSS, type="email")
    dashboard = DashboardPage(page, server)
    await dashboard.open()
    await expect(dashboard.row(campaign_id).locator("td.name a")).to_have_text(XSS)
    await dashboard.row(campaign_id).locator("td.name a").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(XSS)
    assert dialogs == []


async def test_campaign_detail_and_inline_validation(page: Page, server: Server) -> None:
    campaign_id = await server.create_campaign(
        name="Autumn launch", type="product_launch", budget="120000", launchDate="2031-09-15",
        channels=["email", "paid social", "events"], targetAudience="IT directors",
        objective="500 qualified leads",
    )  # fmt: skip
    # The first sync writes the Workfront project id back, a new version of the campaign: an
    # edit form opened before that is refused on save as stale (CONFLICT, by design). This test
    # is about inline validation, so it edits the synced campaign.
    await eventually_async(lambda: _synced(server, campaign_id), timeout=30, message="the sync")
    await page.goto(f"{server.base}/campaigns/{campaign_id}")
    await expect(page.get_by_text("Why: Tier 1: budget $120,000")).to_be_visible()
    await screenshot(page, "detail")
    await page.get_by_role("link", name="Edit").click()
    await page.get_by_label("Budget").fill("a lot")
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator("#e-budget")).to_be_visible()
    await expect(page.get_by_label("Budget")).to_have_attribute("aria-invalid", "true")
    await page.get_by_label("Budget").fill("90k")
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_text("Saved.")).to_be_visible()
    await expect(page.locator("#campaign-fields")).to_contain_text("90,000 USD")


async def _synced(server: Server, campaign_id: str) -> bool:
    query = "query($id: ID!) { getCampaign(id: $id) { workfrontProjectId } }"
    data = await server.graphql(query, {"id": campaign_id})
    return bool(data["getCampaign"]["workfrontProjectId"])


async def test_phone_width_has_no_sideways_scrolling(page: Page, server: Server) -> None:
    await page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/chat", "/knowledge"):
        await page.goto(f"{server.base}{path}")
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


async def test_on_campaign_updated_over_websocket(server: Server) -> None:
    campaign_id = await server.create_campaign(name="Subscribed", type="email")
    url = server.base.replace("http://", "ws://") + "/graphql"
    headers = {"Authorization": f"Bearer {server.token}"}
    async with websockets.connect(
        url,
        subprotocols=[Subprotocol("graphql-transport-ws")],
        additional_headers=headers,
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        query = "subscription($id: ID) { onCampaignUpdated(campaignId: $id) { name status } }"
        payload = {"query": query, "variables": {"id": campaign_id}}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        await server.set_status(campaign_id, "ACTIVE")
        # Other changes may come first (the Workfront sync links the project): read on.
        seen = []
        async with asyncio.timeout(10):
            while {"name": "Subscribed", "status": "ACTIVE"} not in seen:
                message = json.loads(await socket.recv())
                seen.append(message["payload"]["data"]["onCampaignUpdated"])
