"""The Asana emulator's API shell over raw HTTP: errors, pagination, injected faults."""

from __future__ import annotations

import httpx
import pytest

from tests.support.asana import Asana, asana_server, emu

__all__ = ["asana_server", "emu"]  # fixtures


async def _names(emu: Asana) -> list[str]:
    response = await emu.api.get("/projects", params={"workspace": emu.workspace})
    return [p["name"] for p in response.json()["data"]]


async def test_injected_500s_carry_a_phrase_then_the_api_recovers(emu: Asana) -> None:
    await emu.faults(api_error_next=2)
    for _ in range(2):
        failed = await emu.api.get("/users/me")
        assert failed.status_code == 500
        error = failed.json()["errors"][0]
        assert len(error["phrase"].split()) == 5
    assert (await emu.api.get("/users/me")).status_code == 200


async def test_a_429_says_when_to_retry(emu: Asana) -> None:
    await emu.faults(api_error_next=1, api_error_status=429, retry_after_s=7)
    limited = await emu.api.get("/workspaces")
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "7"
    assert "too many requests" in limited.json()["errors"][0]["message"]
    assert (await emu.api.get("/workspaces")).status_code == 200


async def test_faults_can_target_one_route(emu: Asana) -> None:
    await emu.faults(api_error_next=1, api_error_match="POST /teams/")
    assert (await emu.api.get("/users/me")).status_code == 200  # not matched, not consumed
    failed = await emu.api.post(f"/teams/{emu.team}/projects", json={"data": {"name": "A"}})
    assert failed.status_code == 500
    assert await _names(emu) == []  # a failed request changes nothing
    await emu.project("A")
    assert await _names(emu) == ["A"]


async def test_a_dropped_response_still_created_the_project(emu: Asana) -> None:
    await emu.faults(drop_next_creates=1)
    with pytest.raises(httpx.TransportError):
        await emu.api.post(f"/teams/{emu.team}/projects", json={"data": {"name": "Once"}})
    assert await _names(emu) == ["Once"]  # committed: a client must look before re-creating
    await emu.project("Twice")
    assert await _names(emu) == ["Once", "Twice"]


async def test_unknown_routes_bad_json_and_missing_objects(emu: Asana) -> None:
    unknown = await emu.api.get("/portfolios/1/items")
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["message"]
    bad = await emu.api.post(
        "/projects", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert bad.status_code == 400
    missing = await emu.api.get("/tasks/1209999999999999")
    assert missing.status_code == 404
    wrong_type = await emu.api.get(f"/tasks/{emu.team}")  # a team's gid is no task
    assert wrong_type.status_code == 404


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
async def test_limit_must_be_1_to_100(emu: Asana, limit: str) -> None:
    response = await emu.api.get("/workspaces", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("limit:")


async def test_pagination_tokens_belong_to_their_query(emu: Asana) -> None:
    for number in range(3):
        await emu.project(f"P{number}")
    path = f"/teams/{emu.team}/projects"
    unpaged = (await emu.api.get(path)).json()
    assert "next_page" not in unpaged
    assert len(unpaged["data"]) == 3
    first = (await emu.api.get(path, params={"limit": 2})).json()
    offset = first["next_page"]["offset"]
    assert first["next_page"]["uri"].startswith(emu.url + "/api/1.0/teams/")
    last = (await emu.api.get(path, params={"limit": 2, "offset": offset})).json()
    assert [p["name"] for p in last["data"]] == ["P2"]
    assert last["next_page"] is None
    foreign = await emu.api.get(
        path, params={"limit": 2, "offset": offset, "archived": "true"}
    )  # another query
    assert foreign.status_code == 400
    forged = await emu.api.get(path, params={"limit": 2, "offset": "eyJub3QiOiAiaXQifQ"})
    assert forged.status_code == 400


async def test_unknown_query_parameters_are_ignored(emu: Asana) -> None:
    response = await emu.api.get("/users/me", params={"body": "{'data': {}}", "opt_pretty": "1"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "switches",
    [{"no_such_switch": 1}, {"api_error_next": "2"}, {"duplicate_deliveries": 1},
     {"retry_after_s": -1}],
)  # fmt: skip
async def test_bad_fault_switches_are_refused(emu: Asana, switches: dict[str, object]) -> None:
    before = (await emu.admin.get("/__emulator__/faults")).json()
    response = await emu.admin.post("/__emulator__/faults", json=switches)
    assert response.status_code == 400
    assert (await emu.admin.get("/__emulator__/faults")).json() == before


async def test_reset_forgets_objects_but_never_reuses_a_gid(emu: Asana) -> None:
    old = await emu.project("Before reset")
    await emu.admin.post("/__emulator__/reset")
    assert (await emu.admin.get("/__emulator__/info")).json() == emu.info  # seeded gids stay
    assert await _names(emu) == []
    new = await emu.project("After reset")
    assert int(new["gid"]) > int(old["gid"])
