"""`mcc serve --workers 2` as a real process tree: live updates reach every worker's browsers,
and the sync runtime runs once, in the supervisor, woken by webhooks any worker receives."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from functools import partial

import httpx
import psutil
import pytest

from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.sandbox.workfront import DEFAULT_API_KEY
from tests.auth.support import issue_token
from tests.conftest import Backend
from tests.support.live import LiveServer, eventually, eventually_async
from tests.support.server import WEBHOOK_TOKEN, ServerProcess, mcc_serve, worker_holding
from tests.sync.conftest import emulator, emulator_server, http, sync_settings, wf_search
from tests.sync.conftest import workfront as workfront
from tests.sync.test_inbound import wf_put

__all__ = ["emulator", "emulator_server", "http", "sync_settings"]  # tests/sync's fixtures
CREATE = 'mutation { createCampaign(input: {name: "%s", type: "webinar"}) { campaignId } }'
STARTUP = 180  # seconds: two workers importing everything on a busy 2-core machine
QUIET = {"MCC_EMBEDDER": "none", "MCC_KNOWLEDGE_LOAD_BUNDLED": "false"}


class Stream:
    """One browser's `/events/campaigns` feed, on a connection of its own."""

    def __init__(self, response: httpx.Response) -> None:
        self.lines = response.aiter_lines()
        self.port = response.extensions["network_stream"].get_extra_info("client_addr")[1]

    async def next_event(self) -> tuple[str, dict[str, object]]:
        kind = ""
        async for line in self.lines:
            if line.startswith("event:"):
                kind = line.removeprefix("event:").strip()
            elif line.startswith("data:") and kind:
                return kind, json.loads(line.removeprefix("data:"))
        raise AssertionError("the stream ended")


def holder(server: ServerProcess, client_port: int) -> int | None:
    """The worker process holding the server end of a connection from `client_port`."""
    return worker_holding(server.process.pid, int(server.url.rsplit(":", 1)[1]), client_port)


async def open_streams(stack: AsyncExitStack, server: ServerProcess, token: str) -> list[Stream]:
    """Streams until both workers hold at least one (the kernel picks who accepts)."""
    streams: list[Stream] = []
    holders: set[int] = set()
    while len(holders) < 2:
        assert len(streams) < 40, "every connection went to one worker"
        client = await stack.enter_async_context(httpx.AsyncClient(base_url=server.url))
        response = await stack.enter_async_context(client.stream(
            "GET", "/events/campaigns", headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(10, read=30),
        ))  # fmt: skip
        assert response.status_code == 200
        stream = Stream(response)
        assert (await stream.next_event())[0] == "ready"
        streams.append(stream)
        holders.add(await eventually(partial(holder, server, stream.port), timeout=5,
                                     message="the connection's worker"))  # fmt: skip
    return streams


async def test_a_change_through_one_worker_reaches_browsers_on_every_worker(
    backend: Backend,
) -> None:
    url = await backend.new_database_url()
    with mcc_serve(url, env=QUIET, workers=2, timeout=STARTUP) as server:
        assert len(psutil.Process(server.process.pid).children()) == 2
        token = await issue_token(url)
        auth = {"Authorization": f"Bearer {token}"}
        async with AsyncExitStack() as stack:
            streams = await open_streams(stack, server, token)
            # Several changes, each on a new connection: whichever worker takes it, the
            # browsers on the other worker must hear of it.
            async with httpx.AsyncClient(base_url=server.url) as api:
                for round_ in range(3):
                    async with httpx.AsyncClient(base_url=server.url) as fresh:
                        body = {"query": CREATE % f"Live {round_}"}
                        answer = (await fresh.post("/graphql", json=body, headers=auth)).json()
                    campaign_id = answer["data"]["createCampaign"]["campaignId"]
                    heard = await asyncio.wait_for(
                        asyncio.gather(*(stream.next_event() for stream in streams)), 10
                    )
                    assert {(kind, data["campaignId"]) for kind, data in heard} == {
                        ("campaign", campaign_id)
                    }
                assert (await api.get("/healthz")).status_code == 200


@pytest.fixture
async def workfront_server(
    backend: Backend, emulator_server: LiveServer, emulator: httpx.AsyncClient
) -> AsyncIterator[ServerProcess]:
    """Two workers syncing with the emulator. Workers poll for due work only every 30 s, so
    anything faster than that was woken across processes."""
    env = {**QUIET, "MCC_WORKMGMT_BACKEND": "workfront",
           "MCC_WORKFRONT_URL": emulator_server.url, "MCC_WORKFRONT_API_KEY": DEFAULT_API_KEY,
           "MCC_OUTBOX_POLL_SECONDS": "30", "MCC_RECONCILE_SECONDS": "3600"}  # fmt: skip
    with mcc_serve(await backend.new_database_url(), env=env, workers=2, timeout=STARTUP) as server:
        yield server


async def test_sync_runs_once_and_any_workers_webhook_wakes_it(
    workfront_server: ServerProcess, emulator_server: LiveServer, workfront: WorkfrontAdapter
) -> None:
    server = workfront_server
    auth = {"Authorization": f"Bearer {await issue_token(server.database_url)}"}
    await workfront.ensure_subscriptions(f"{server.url}/webhooks/workfront", WEBHOOK_TOKEN)
    name = f"Synced {uuid.uuid4().hex[:8]}"
    async with httpx.AsyncClient(base_url=server.url, headers=auth) as api:
        created = await api.post("/graphql", json={"query": CREATE % name})
        campaign_id = created.json()["data"]["createCampaign"]["campaignId"]

        async def projects() -> list[dict[str, object]] | None:
            return await wf_search(emulator_server.url, "PROJ", extRefID=campaign_id) or None

        (project,) = await eventually_async(projects, timeout=10, message="project created")
        for _ in range(4):  # a few status changes: their webhooks land on either worker
            for status, ours in (("ONH", "PAUSED"), ("CUR", "ACTIVE")):
                await wf_put(emulator_server.url, "PROJ", str(project["ID"]), status=status)

                async def applied(expected: str = ours) -> bool:
                    query = f'{{ getCampaign(id: "{campaign_id}") {{ status }} }}'
                    answer = (await api.post("/graphql", json={"query": query})).json()
                    return bool(answer["data"]["getCampaign"]["status"] == expected)

                await eventually_async(applied, timeout=10, message=f"status {ours}")
    assert len(await wf_search(emulator_server.url, "PROJ", extRefID=campaign_id)) == 1
    assert server.output().count('"event": "serving.started"') == 1
    assert '"sync": true' in server.output()


UPLOAD = "mutation U($file: Upload!) { uploadKnowledgeDocument(file: $file) { added } }"
SEARCH = '{ searchKnowledge(query: "zanzibar gazebo permits", k: 3) { path } }'


async def client_per_worker(
    stack: AsyncExitStack, server: ServerProcess, headers: dict[str, str]
) -> list[httpx.AsyncClient]:
    """A kept-alive client on each worker: the first connection each worker accepted."""
    clients: dict[int, httpx.AsyncClient] = {}
    for _ in range(40):
        client = await stack.enter_async_context(
            httpx.AsyncClient(base_url=server.url, headers=headers)
        )
        response = await client.get("/healthz")
        port = response.extensions["network_stream"].get_extra_info("client_addr")[1]
        worker = await eventually(partial(holder, server, port), timeout=5, message="its worker")
        clients.setdefault(worker, client)
        if len(clients) == 2:
            return list(clients.values())
    raise AssertionError("every connection went to one worker")


async def test_a_document_added_through_one_worker_is_found_through_the_other(
    backend: Backend,
) -> None:
    url = await backend.new_database_url()
    with mcc_serve(url, env=QUIET, workers=2, timeout=STARTUP) as server:
        auth = {"Authorization": f"Bearer {await issue_token(url)}"}
        async with AsyncExitStack() as stack:
            first, second = await client_per_worker(stack, server, auth)
            found = await second.post("/graphql", json={"query": SEARCH})
            assert found.json()["data"]["searchKnowledge"] == []  # its index is built, and empty
            operations = {"query": UPLOAD, "variables": {"file": None}}
            uploaded = await first.post(
                "/graphql",
                data={"operations": json.dumps(operations),
                      "map": json.dumps({"0": ["variables.file"]})},
                files={"0": ("gazebo.md", b"# Gazebos\n\nZanzibar gazebos need two permits.")},
            )  # fmt: skip
            added = uploaded.json()["data"]["uploadKnowledgeDocument"]["added"]
            assert added == ["uploads/gazebo.md"]

            async def found_through_the_other() -> bool:
                answer = (await second.post("/graphql", json={"query": SEARCH})).json()
                return bool([hit["path"] for hit in answer["data"]["searchKnowledge"]] == added)

            await eventually_async(found_through_the_other, timeout=10, message="found")
