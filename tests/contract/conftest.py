"""One contract, every work-management backend: the same tests against each system's emulator.

`remote` is parametrised by backend. Each `Remote` knows how to read its emulator the way any
client of that system would (projects of a campaign, task names) and how to act in it the way a
person would (change a project's status, complete a task), plus the emulator's fault switches,
which both emulators name alike. MCC's side is the same for all: settings, the adapter they
build, the outbox, the webhook door of a live `create_app`, the reconciler.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcc.config import Environment, Settings
from mcc.integrations.asana import mapping as asana_mapping
from mcc.integrations.backends import build_backend
from mcc.integrations.workfront import mapping as wf_mapping
from mcc.integrations.workmgmt import ExecutionStatus, WorkManagement
from mcc.sandbox.asana import DEFAULT_TOKEN, create_asana_emulator
from mcc.sandbox.workfront import DEFAULT_API_KEY, create_workfront_emulator
from tests.support.live import LiveServer

WEBHOOK_TOKEN = "test-webhook-token"
COMMON: dict[str, Any] = {
    "env": Environment.TEST, "embedder": "none", "knowledge_load_bundled": False,
    "outbox_poll_seconds": 0.05, "reconcile_seconds": 3600, "webhook_token": WEBHOOK_TOKEN,
}  # fmt: skip


@dataclass
class Remote:
    name: str
    url: str  # the emulator
    admin: httpx.AsyncClient  # its /__emulator__ controls
    api: httpx.AsyncClient  # its API, as any client of the system
    settings: Settings
    adapter: WorkManagement
    info: dict[str, Any]

    async def faults(self, **switches: Any) -> None:
        if self.name == "workfront":  # its injected errors hit the next calls, whichever
            switches.pop("api_error_match", None)
        response = await self.admin.post("/__emulator__/faults", json=switches)
        assert response.status_code == 200, response.text

    async def deliveries_done(self) -> bool:
        body = (await self.admin.get("/__emulator__/deliveries")).json()
        rows = body if isinstance(body, list) else body.get("deliveries", [])
        return not any(row.get("status") in ("pending", "held") for row in rows)

    async def projects_for(self, campaign_id: str) -> list[str]:
        if self.name == "workfront":
            rows = await self._wf("GET", "/PROJ/search", extRefID=campaign_id, fields="ID")
            return [str(row["ID"]) for row in rows]
        found = []
        params: dict[str, str | int] = {"opt_fields": "notes", "limit": 100}
        response = await self.api.get(f"/teams/{self.info['team']}/projects", params=params)
        for row in response.json()["data"]:
            if asana_mapping.ext_ref_of(row.get("notes")) == campaign_id:
                found.append(str(row["gid"]))
        return found

    async def tasks(self, project_id: str) -> dict[str, str]:
        """Task name → id."""
        if self.name == "workfront":
            rows = await self._wf("GET", "/TASK/search", projectID=project_id, fields="ID,name")
            return {row["name"]: str(row["ID"]) for row in rows}
        response = await self.api.get(f"/projects/{project_id}/tasks", params={"limit": 100})
        return {row["name"]: str(row["gid"]) for row in response.json()["data"]}

    async def set_status(self, project_id: str, status: ExecutionStatus) -> None:
        """What a project manager does in the system."""
        if self.name == "workfront":
            if status is ExecutionStatus.COMPLETE:  # Workfront completes only finished work
                for task_id in (await self.tasks(project_id)).values():
                    await self.complete_task(task_id)
            await self._wf("PUT", f"/PROJ/{project_id}", status=wf_mapping.PROJECT_CODE[status])
        elif status is ExecutionStatus.COMPLETE:  # marked complete in Asana
            response = await self.admin.post(f"/__emulator__/projects/{project_id}/complete")
            assert response.status_code == 200, response.text
        else:
            data = {"parent": project_id, "status_type": asana_mapping.STATUS_TYPE[status],
                    "text": "from the project manager"}  # fmt: skip
            response = await self.api.post("/status_updates", json={"data": data})
            assert response.status_code == 201, response.text

    async def complete_task(self, task_id: str) -> None:
        if self.name == "workfront":
            await self._wf("PUT", f"/TASK/{task_id}", status="CPL")
        else:
            response = await self.api.put(f"/tasks/{task_id}", json={"data": {"completed": True}})
            assert response.status_code == 200, response.text

    async def _wf(self, method: str, path: str, **params: str) -> Any:
        response = await self.api.request(method, path, params={"apiKey": DEFAULT_API_KEY,
                                                                 **params})  # fmt: skip
        response.raise_for_status()
        return response.json()["data"]


@pytest.fixture(scope="session")
def workfront_emulator() -> Iterator[LiveServer]:
    server = LiveServer(create_workfront_emulator(":memory:")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def asana_emulator() -> Iterator[LiveServer]:
    server = LiveServer(create_asana_emulator(":memory:")).start()
    yield server
    server.stop()


@pytest.fixture(params=["workfront", "asana"])
async def remote(
    request: pytest.FixtureRequest, tmp_path: Path, workfront_emulator: LiveServer,
    asana_emulator: LiveServer,
) -> AsyncIterator[Remote]:  # fmt: skip
    name: str = request.param
    server = workfront_emulator if name == "workfront" else asana_emulator
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=10) as admin,
        httpx.AsyncClient(timeout=10) as http,
    ):
        (await admin.post("/__emulator__/reset")).raise_for_status()
        await admin.post("/__emulator__/faults", json={"retry_delay_scale": 0.0005})
        info = (await admin.get("/__emulator__/info")).json()
        if name == "workfront":
            values: dict[str, Any] = {"workmgmt_backend": "workfront", "workfront_url": server.url,
                      "workfront_api_key": DEFAULT_API_KEY, "workfront_max_retries": 2,
                      "workfront_retry_base_seconds": 0.01}  # fmt: skip
            api = httpx.AsyncClient(base_url=f"{server.url}/attask/api/v21.0", timeout=10)
        else:
            values = {"workmgmt_backend": "asana", "asana_url": f"{server.url}/api/1.0",
                      "asana_token": DEFAULT_TOKEN, "asana_workspace": info["workspace"],
                      "asana_team": info["team"], "asana_max_retries": 2,
                      "asana_retry_base_seconds": 0.01}  # fmt: skip
            api = httpx.AsyncClient(
                base_url=f"{server.url}/api/1.0",
                timeout=10,
                headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
            )
        settings = Settings(_env_file=None, data_dir=tmp_path, **COMMON, **values)
        adapter = build_backend(settings, http)
        assert adapter is not None
        async with api:
            yield Remote(name, server.url, admin, api, settings, adapter, info)
