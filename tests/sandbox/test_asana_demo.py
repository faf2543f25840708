"""`MCC_WORKMGMT_BACKEND=asana mcc demo`, as a person runs it: the demo starts the Asana emulator
on the next port, configures itself from ``/__emulator__/info``, registers its webhook (the
handshake against the running server), and then a campaign becomes exactly one Asana project
with the plan's tasks; a project marked complete in Asana reaches the campaign within seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcc.campaigns.repository import CampaignRepository
from mcc.db import Database
from tests.auth.support import issue_token
from tests.support.live import eventually_async
from tests.support.net import free_port, wait_for

MARKER = "[mcc-campaign:{}]"
DETAILS = (
    "Create an email campaign called Asana spring promo for small business owners. Objective: "
    "increase sign-ups by 10%. Budget $30,000. Launch 2031-03-03."
)
SEND = """mutation($id: ID, $message: String!) {
  sendAgentMessage(conversationId: $id, message: $message) {
    conversationId content actions { type campaignId }
  }
}"""


@dataclass
class Demo:
    url: str
    emulator: str
    database_url: str
    log: Path


def _two_free_ports() -> int:
    """A port whose successor is free too: the demo puts the emulator on port + 1."""
    for _ in range(50):
        port = free_port()
        try:
            import socket

            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two consecutive free ports")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    data = tmp_path_factory.mktemp("asana-demo")
    port = _two_free_ports()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MCC_")}
    env |= {"MCC_DATA_DIR": str(data), "MCC_WORKMGMT_BACKEND": "asana", "MCC_EMBEDDER": "none",
            "MCC_OUTBOX_POLL_SECONDS": "0.2", "MCC_LOG_LEVEL": "INFO"}  # fmt: skip
    log = data / "demo.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mcc", "demo", "--port", str(port)],
            env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"mcc demo exited:\n{log.read_text()[-5000:]}")
        try:
            return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(up, timeout=90, what="mcc demo to answer /healthz")
        yield Demo(url, f"http://127.0.0.1:{port + 1}",
                   f"sqlite+aiosqlite:///{data / 'mcc.db'}", log)  # fmt: skip
    except BaseException:
        print(f"--- mcc demo output ---\n{log.read_text()[-20000:]}")
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


async def _graphql(demo: Demo, token: str, query: str, variables: dict[str, Any]) -> Any:
    async with httpx.AsyncClient(base_url=demo.url, timeout=60) as client:  # a busy machine
        response = await client.post("/graphql", json={"query": query, "variables": variables},
                                     headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def _plan(database_url: str, campaign_id: str) -> list[str]:
    database = Database.from_url(database_url)
    try:
        async with database.read() as session:
            tasks = await CampaignRepository(session).tasks_of(uuid.UUID(campaign_id))
            return [t.name for t in tasks if t.planned_start and t.planned_due]
    finally:
        await database.dispose()


async def test_a_campaign_becomes_one_asana_project_and_completes_from_asana(demo: Demo) -> None:
    async with httpx.AsyncClient(base_url=demo.emulator, timeout=10) as admin:
        info = (await admin.get("/__emulator__/info")).json()
    api = httpx.AsyncClient(base_url=info["api"], timeout=10,
                            headers={"Authorization": f"Bearer {info['token']}"})  # fmt: skip

    async def webhook() -> list[dict[str, Any]] | None:
        params = {"workspace": info["workspace"], "opt_fields": "target,resource"}
        found = (await api.get("/webhooks", params=params)).json()
        return found["data"] or None

    hooks = await eventually_async(webhook, timeout=30, message="the demo's webhook")
    assert [h["resource"]["gid"] for h in hooks] == [info["team"]]
    assert hooks[0]["target"].startswith(f"{demo.url}/webhooks/asana")

    token = await issue_token(demo.database_url)
    said: dict[str, Any] = {"conversationId": None}
    for message in (DETAILS, "yes"):  # the assistant drafts the plan; a person confirms it
        data = await _graphql(demo, token, SEND, {"id": said["conversationId"], "message": message})
        said = data["sendAgentMessage"]
    campaign_id = said["actions"][0]["campaignId"]
    plan = await _plan(demo.database_url, campaign_id)
    assert plan

    async def project() -> dict[str, Any] | None:
        listed = (await api.get(f"/teams/{info['team']}/projects",
                                params={"opt_fields": "name,notes"})).json()["data"]  # fmt: skip
        ours = [p for p in listed if MARKER.format(campaign_id) in p["notes"]]
        assert len(ours) <= 1, f"{len(ours)} projects for one campaign"
        if not ours:
            return None
        tasks = (await api.get(f"/projects/{ours[0]['gid']}/tasks")).json()["data"]
        return ours[0] | {"tasks": tasks} if len(tasks) >= len(plan) else None

    found = await eventually_async(project, timeout=30, message="the project with its tasks")
    assert found["name"] == "Asana spring promo"
    assert sorted(t["name"] for t in found["tasks"]) == sorted(plan)

    async with httpx.AsyncClient(base_url=demo.emulator, timeout=10) as admin:
        done = await admin.post(f"/__emulator__/projects/{found['gid']}/complete")
    assert done.status_code == 200

    async def completed() -> str | None:
        data = await _graphql(demo, token, "query($id: ID!) { getCampaign(id: $id) { status } }",
                              {"id": campaign_id})  # fmt: skip
        status: str = data["getCampaign"]["status"]
        return status if status == "COMPLETED" else None

    assert await eventually_async(completed, timeout=5, message="COMPLETED from Asana")
    async with httpx.AsyncClient(base_url=demo.emulator, timeout=10) as admin:
        sent = (await admin.get("/__emulator__/deliveries", params={"status": "delivered"})).json()
    changes = [e.get("change", {}).get("field") for d in sent["deliveries"]
               for e in json.loads(d["body"])["events"]]  # fmt: skip
    assert "completed" in changes  # it came by the webhook, not by a later reconcile
    listed = await api.get(f"/teams/{info['team']}/projects", params={"opt_fields": "notes"})
    assert sum(MARKER.format(campaign_id) in p["notes"] for p in listed.json()["data"]) == 1
    await api.aclose()
