"""Page objects: what a person does on each page, so tests read as the flow they check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Locator, Page, expect

from mcc.sandbox.workfront import DEFAULT_API_KEY

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@dataclass(frozen=True)
class Server:
    base: str
    token: str  # an admin's API token, for setting things up behind the browser's back
    email: str
    password: str
    workfront: str  # the Workfront emulator the server syncs with ("" when it syncs with Asana)
    database: str = ""  # the server's database URL, to set up people behind its back
    asana: str = ""  # the Asana emulator the server syncs with, when its backend is Asana

    async def remote_project(self, campaign_id: str) -> dict[str, Any] | None:
        """The project the sync created for a campaign in whichever system the server syncs
        with, read from that emulator's API (with a ``name``), or None while there is none."""
        if not self.asana:
            return await self.workfront_project(campaign_id)
        async with httpx.AsyncClient(base_url=self.asana, timeout=10) as admin:
            info = (await admin.get("/__emulator__/info")).json()
        async with httpx.AsyncClient(
            base_url=info["api"], headers={"Authorization": f"Bearer {info['token']}"}, timeout=10
        ) as client:
            response = await client.get(
                f"/teams/{info['team']}/projects", params={"opt_fields": "name,notes"}
            )
        marker = f"[mcc-campaign:{campaign_id}]"  # how the Asana adapter tags its projects
        found: list[dict[str, Any]] = [p for p in response.json()["data"] if marker in p["notes"]]
        assert len(found) <= 1, f"{len(found)} projects for one campaign"
        return found[0] if found else None

    async def workfront_requests(self) -> list[dict[str, str]]:
        """Every API call the emulator received (its request log), oldest first."""
        async with httpx.AsyncClient(base_url=self.workfront) as client:
            response = await client.get("/__emulator__/requests")
        requests: list[dict[str, str]] = response.json()["requests"]
        return requests

    async def workfront_project(self, campaign_id: str) -> dict[str, Any] | None:
        """The project the sync created for a campaign, read from the emulator's API."""
        async with httpx.AsyncClient(base_url=f"{self.workfront}/attask/api/v21.0") as client:
            response = await client.get(
                "/PROJ/search", params={"extRefID": campaign_id, "apiKey": DEFAULT_API_KEY}
            )
        found: list[dict[str, Any]] = response.json()["data"]
        assert len(found) <= 1, f"{len(found)} projects for one campaign"
        return found[0] if found else None

    async def sync_quiet(self) -> bool:
        """Whether the sync has nothing on its way either way: no outbox row undelivered, no
        inbox event unapplied, no webhook queued in the emulator. Tests that time one change's
        trip wait for this first: earlier tests' campaigns leave a backlog of task webhooks that
        the emulator sends one at a time (seconds of them), ahead of the change being timed."""
        async with httpx.AsyncClient(timeout=10) as client:
            metrics = (await client.get(f"{self.base}/metrics")).text
            queued = (
                await client.get(f"{self.workfront}/__emulator__/deliveries?status=pending")
            ).json()["deliveries"]
        busy = (
            'mcc_outbox_messages{status="pending"}',
            'mcc_outbox_messages{status="in_flight"}',
            'mcc_inbox_events{status="pending"}',
            'mcc_inbox_events{status="processing"}',
        )
        values = dict(line.rsplit(" ", 1) for line in metrics.splitlines() if line.startswith(busy))
        return not queued and all(float(value) == 0 for value in values.values())

    async def set_workfront_status(self, project_id: str, status: str) -> None:
        """What a project manager does in Workfront (the emulator then fires its webhook)."""
        async with httpx.AsyncClient(base_url=f"{self.workfront}/attask/api/v21.0") as client:
            response = await client.put(
                f"/PROJ/{project_id}", params={"status": status, "apiKey": DEFAULT_API_KEY}
            )
        response.raise_for_status()

    async def graphql(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        async with httpx.AsyncClient(base_url=self.base, timeout=10) as client:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {self.token}"},
            )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    async def create_campaign(self, **fields: Any) -> str:
        data = await self.graphql(
            "mutation($input: CreateCampaignInput!) { createCampaign(input: $input) "
            "{ campaignId } }",
            {"input": fields},
        )
        return str(data["createCampaign"]["campaignId"])

    async def set_status(self, campaign_id: str, status: str) -> None:
        await self.graphql(
            "mutation($id: ID!, $status: String!) { updateCampaign(id: $id, "
            "input: {status: $status}) { status } }",
            {"id": campaign_id, "status": status},
        )


async def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


class SignInPage:
    def __init__(self, page: Page, server: Server) -> None:
        self.page, self.server = page, server

    async def sign_in(self, email: str, password: str) -> None:
        if "/signin" not in self.page.url:
            await self.page.goto(f"{self.server.base}/signin")
        await self.page.get_by_label("Email").fill(email)
        await self.page.get_by_label("Password").fill(password)
        await self.page.get_by_role("button", name="Sign in").click()
        await expect(self.page.get_by_role("button", name="Sign out")).to_be_visible()


class ChatPage:
    def __init__(self, page: Page, server: Server) -> None:
        self.page, self.server = page, server
        self.input = page.get_by_label("Message to the assistant")

    async def open(self) -> None:
        await self.page.goto(f"{self.server.base}/chat")

    async def say(self, text: str) -> Locator:
        """Type and press Enter; returns the finished reply (its typing indicator gone)."""
        before = await self.replies.count()
        await self.input.fill(text)
        await self.input.press("Enter")
        reply = self.replies.nth(before)
        await expect(reply).not_to_have_class("message assistant streaming", timeout=15_000)
        await expect(self.page.locator("[aria-busy=true]")).to_have_count(0, timeout=15_000)
        return reply

    @property
    def replies(self) -> Locator:
        return self.page.locator("#messages article.message.assistant")

    @property
    def user_messages(self) -> Locator:
        return self.page.locator("#messages article.message.user")


class DashboardPage:
    def __init__(self, page: Page, server: Server) -> None:
        self.page, self.server = page, server

    async def open(self, query: str = "") -> None:
        await self.page.goto(f"{self.server.base}/dashboard{query}")
        await expect(self.page.locator("body[data-live=ready]")).to_have_count(1)

    def row(self, campaign_id: str) -> Locator:
        return self.page.locator(f"#campaign-{campaign_id}")
