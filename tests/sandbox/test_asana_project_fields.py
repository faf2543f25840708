"""The Asana emulator's project-level custom field values (reference §5.2): written on create and
update, read back as records; bad values are refused and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.asana import Asana, asana_server, emu

__all__ = ["asana_server", "emu"]  # fixtures


async def field(emu: Asana, name: str, subtype: str = "text") -> str:
    response = await emu.api.post("/custom_fields", json={"data": {
        "workspace": emu.workspace, "resource_subtype": subtype, "name": name}})  # fmt: skip
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["gid"])


async def values(emu: Asana, project: str) -> dict[str, Any]:
    response = await emu.api.get(f"/projects/{project}", params={
        "opt_fields": "custom_fields.gid,custom_fields.display_value"})  # fmt: skip
    return {f["gid"]: f["display_value"] for f in response.json()["data"]["custom_fields"]}


async def test_project_custom_fields_are_kept_and_read_back(emu: Asana) -> None:
    objective, budget = await field(emu, "Objective"), await field(emu, "Budget", "number")
    project = await emu.project("Launch", custom_fields={objective: "Grow", budget: 12000})
    assert await values(emu, project["gid"]) == {objective: "Grow", budget: "12000"}

    updated = await emu.api.put(
        f"/projects/{project['gid']}", json={"data": {"custom_fields": {objective: "Grow more"}}}
    )
    assert updated.status_code == 200, updated.text
    assert await values(emu, project["gid"]) == {objective: "Grow more", budget: "12000"}
    full = (await emu.api.get(f"/projects/{project['gid']}")).json()["data"]
    assert "custom_field_values" not in full  # the store's shape stays inside
    assert [f["text_value"] for f in full["custom_fields"] if f["gid"] == objective] == [
        "Grow more"
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "not an object",
        {"1209999999999999": "x"},  # no such field
        {"NUMBER": "twelve"},  # a number field given text
    ],
)
async def test_bad_project_custom_fields_are_refused_and_change_nothing(
    emu: Asana, bad: Any
) -> None:
    objective, budget = await field(emu, "Objective"), await field(emu, "Budget", "number")
    project = await emu.project("Launch", custom_fields={objective: "Grow"})
    if isinstance(bad, dict) and "NUMBER" in bad:
        bad = {budget: bad["NUMBER"]}
    response = await emu.api.put(
        f"/projects/{project['gid']}", json={"data": {"name": "Renamed", "custom_fields": bad}}
    )
    assert response.status_code in (400, 404), response.text
    assert response.json()["errors"][0]["message"]
    data = (await emu.api.get(f"/projects/{project['gid']}")).json()["data"]
    assert data["name"] == "Launch"
    assert await values(emu, project["gid"]) == {objective: "Grow"}
