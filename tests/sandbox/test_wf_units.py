"""Pure units: date formats, the scheduler, the store under threads, serving from a file."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from mcc.sandbox.workfront import dates, schedule
from mcc.sandbox.workfront.errors import WorkfrontError
from mcc.sandbox.workfront.objects import PROJECT
from mcc.sandbox.workfront.seed import admin_id, seed
from mcc.sandbox.workfront.service import WorkfrontService
from mcc.sandbox.workfront.store import Store
from tests.support.live import eventually_async
from tests.support.net import free_port

ZONE = timezone(timedelta(hours=-6))
NOW = datetime(2026, 3, 15, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-08-30T09:00:00:000-0600", "2010-08-30T09:00:00:000-0600"),
        ("2010-08-30T09:00:00.250-0600", "2010-08-30T09:00:00:250-0600"),
        ("2020-05-13T18:18:37.255Z", "2020-05-13T12:18:37:255-0600"),
        ("2026-01-01", "2026-01-01T00:00:00:000-0600"),
        ("$$TODAY", "2026-03-15T00:00:00:000-0600"),
        ("$$TODAY-7d", "2026-03-08T00:00:00:000-0600"),
        ("$$TODAY+1m", "2026-04-15T00:00:00:000-0600"),
        ("$$NOW", "2026-03-15T12:30:00:000-0600"),
    ],
)
def test_date_inputs_render_in_rest_form(text: str, expected: str) -> None:
    stored = dates.parse_to_internal(text, ZONE, NOW)
    assert dates.format_rest(stored, ZONE) == expected


def test_event_form_uses_a_dot_and_bad_dates_are_422() -> None:
    stored = dates.parse_to_internal("2017-10-06T13:48:07.776-0600", ZONE, NOW)
    assert dates.format_event(stored, ZONE) == "2017-10-06T13:48:07.776-0600"
    with pytest.raises(WorkfrontError) as caught:
        dates.parse_input("next tuesday", ZONE, NOW)
    assert caught.value.status == 422


def test_forward_and_backward_plans() -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    items = [
        schedule.Item("a", timedelta(days=2)),
        schedule.Item("b", timedelta(days=3), [schedule.Link("a")]),
        schedule.Item("c", timedelta(days=1), [schedule.Link("a", "ss", 1)]),
    ]
    forward = schedule.plan(items, anchor=start)
    assert forward["b"] == (start + timedelta(days=2), start + timedelta(days=5))
    assert forward["c"][0] == start + timedelta(days=1)
    backward = schedule.plan(items, anchor=start, mode="C")
    assert backward["b"][1] == start
    assert backward["a"][1] == start - timedelta(days=3)
    with pytest.raises(WorkfrontError):
        schedule.plan([schedule.Item("x", timedelta(1), [schedule.Link("x")])], anchor=start)
    assert schedule.parse_expression("1, 2ss+2d") == [(1, "fs", 0.0), (2, "ss", 2.0)]


def test_store_and_service_are_thread_safe() -> None:
    service = WorkfrontService(Store(":memory:"), zone=ZONE)
    seed(service)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(25):
                service.create(PROJECT, {"name": f"t{n}-{i}"}, admin_id())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    projects = service.store.list_objects("PROJ")
    assert len(projects) == 100
    assert len({p["referenceNumber"] for p in projects}) == 100
    stamps = [p["lastUpdateDate"] for p in projects]
    assert len(set(stamps)) == 100  # write stamps are strictly increasing


async def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "from mcc.sandbox.workfront import serve_workfront_emulator;"
        f"serve_workfront_emulator('127.0.0.1', {port}, {str(db)!r})"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    async def healthy() -> bool:
        if process.poll() is not None:
            raise AssertionError("emulator process exited")
        try:
            async with httpx.AsyncClient() as client:
                response = await client.get(f"http://127.0.0.1:{port}/__emulator__/health")
        except httpx.TransportError:
            return False
        return response.status_code == 200

    await eventually_async(healthy, timeout=20, message="serve_workfront_emulator to answer")
    return process


async def test_serve_function_persists_to_a_file(tmp_path: Path) -> None:
    db, port = tmp_path / "wf.sqlite3", free_port()
    params = {"apiKey": "mcc-emulator-api-key"}
    api = f"http://127.0.0.1:{port}/attask/api/v21.0"
    process = await _serve(db, port)
    try:
        async with httpx.AsyncClient() as client:
            made = await client.post(f"{api}/project", params={**params, "name": "Kept"})
            assert made.status_code == 200
    finally:
        process.terminate()
        process.wait(10)
    process = await _serve(db, port)
    try:
        async with httpx.AsyncClient() as client:
            found = await client.get(f"{api}/project/search", params={**params, "name": "Kept"})
            assert [p["name"] for p in found.json()["data"]] == ["Kept"]
    finally:
        process.terminate()
        process.wait(10)
