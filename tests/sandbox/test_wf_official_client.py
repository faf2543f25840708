"""An official-lineage client nobody on the team wrote drives the emulator end to end.

``python-workfront`` (PyPI, MIT; reference §9) sends every call as an HTTP POST with a form body
carrying ``method=`` and ``apiKey``/``sessionID``, uses uppercase object codes on the
``/attask/api/unsupported`` path, requires HTTP 200 with a ``data`` key, and builds objects from
``objCode``. It is synchronous (urllib), so it runs in a worker thread.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import workfront  # type: ignore[import-untyped]
from workfront.session import WorkfrontAPIError  # type: ignore[import-untyped]

from tests.support.live import LiveServer


def _scenario(url_template: str, info: dict[str, Any]) -> dict[str, Any]:
    session = workfront.Session("emulator", api_key=info["apiKey"], url_template=url_template)
    api = session.api
    project = api.Project(session, name="Made by python-workfront", status="PLN")
    project.save()
    task = api.Task(session, name="First task", project_id=project.id)
    task.save()
    task.status = "CPL"
    task.save()
    loaded = session.load(api.Project, project.id, fields=["status", "percent_complete"])
    found = session.search(api.Project, name="python-workfront", name_Mod="contains")
    tasks = project.tasks  # a Collection: loads fields=tasks and builds Task objects
    template_id = info["templates"]["MCC Tier 2 Campaign"]
    result = session.put(f"/PROJ/{project.id}/attachTemplate", {"templateID": template_id})
    count = session.get("/TASK/count", {"projectID": project.id})["count"]
    task.delete()
    try:
        session.load(api.Task, task.id)
    except WorkfrontAPIError as exc:
        missing_code = exc.code
    by_login = workfront.Session("emulator", url_template=url_template)
    by_login.login(info["username"], info["password"])
    users = by_login.search(api.User, emailAddr="mia@mcc.example")
    key = by_login.get_api_key(info["username"], info["password"])
    by_login.logout()
    return {
        "loaded": (loaded.status, loaded.percent_complete),
        "found": [p.id for p in found],
        "tasks": [(t.name, type(t).__name__) for t in tasks],
        "project_id": project.id,
        "attach_result": result,
        "count": count,
        "missing_code": missing_code,
        "users": [u.fields["emailAddr"] for u in users],
        "key": key,
    }


@pytest.mark.parametrize("path", ["/attask/api/{api_version}", "/attask/api-{api_version}"])
async def test_python_workfront_client(
    emulator_server: LiveServer, admin: httpx.AsyncClient, info: dict[str, Any], path: str
) -> None:
    outcome = await asyncio.to_thread(_scenario, emulator_server.url + path, info)
    assert outcome["loaded"] == ("PLN", 100.0)  # the only task is complete: rolled up
    assert outcome["found"] == [outcome["project_id"]]
    assert outcome["tasks"] == [("First task", "Task")]
    assert outcome["attach_result"] == {"result": outcome["project_id"]}
    assert outcome["count"] == 7
    assert outcome["missing_code"] == 404
    assert outcome["users"] == ["mia@mcc.example"]
    assert outcome["key"] == info["apiKey"]
