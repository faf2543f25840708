"""Search semantics over real HTTP: modifiers, OR groups, references, sorting, paging, count."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


@pytest.fixture
async def projects(wf: httpx.AsyncClient) -> list[dict[str, Any]]:
    """Five projects with distinct priorities, statuses, dates and custom values."""
    rows = [
        ("Alpha launch", "CUR", 1, "2026-01-10", "Tier 1"),
        ("Beta email", "PLN", 2, "2026-02-10", "Tier 3"),
        ("Gamma social", "ONH", 3, "2026-03-10", None),
        ("Delta events", "CUR", 4, "2026-04-10", "Tier 2"),
        ("epsilon LAUNCH", "IDA", 0, "2026-05-10", "Tier 1"),
    ]
    made = []
    for name, status, priority, start, tier in rows:
        values: dict[str, Any] = {
            "name": name,
            "status": status,
            "priority": priority,
            "plannedStartDate": start,
        }
        if tier:
            values["DE:MCC Tier"] = tier
        response = await wf.post("/project", json=values)
        assert response.status_code == 200, response.text
        made.append(response.json()["data"])
    return made


async def names(wf: httpx.AsyncClient, **params: Any) -> list[str]:
    response = await wf.get("/project/search", params={"name_Sort": "asc", **params})
    assert response.status_code == 200, response.text
    return [p["name"] for p in response.json()["data"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "CUR"}, ["Alpha launch", "Delta events"]),
        ({"status": "CUR", "status_Mod": "ne"}, ["Beta email", "Gamma social", "epsilon LAUNCH"]),
        (
            {"status": ["CUR", "PLN"], "status_Mod": "in"},
            ["Alpha launch", "Beta email", "Delta events"],
        ),
        ({"priority": "2", "priority_Mod": "gt"}, ["Delta events", "Gamma social"]),
        ({"priority": "2", "priority_Mod": "gte"}, ["Beta email", "Delta events", "Gamma social"]),
        ({"priority": "1", "priority_Mod": "lt"}, ["epsilon LAUNCH"]),
        ({"priority": "1", "priority_Mod": "lte"}, ["Alpha launch", "epsilon LAUNCH"]),
        (
            {"priority": "1", "priority_Mod": "between", "priority_Range": "3"},
            ["Alpha launch", "Beta email", "Gamma social"],
        ),
        ({"name": "launch", "name_Mod": "contains"}, ["Alpha launch"]),
        ({"name": "launch", "name_Mod": "cicontains"}, ["Alpha launch", "epsilon LAUNCH"]),
        ({"DE:MCC Tier_Mod": "isnull"}, ["Gamma social"]),
        (
            {"DE:MCC Tier_Mod": "notnull"},
            ["Alpha launch", "Beta email", "Delta events", "epsilon LAUNCH"],
        ),
        ({"DE:MCC Tier": "Tier 1"}, ["Alpha launch", "epsilon LAUNCH"]),
        (
            {"plannedStartDate": "2026-03-01", "plannedStartDate_Mod": "gte"},
            ["Delta events", "Gamma social", "epsilon LAUNCH"],
        ),
        (
            {
                "plannedStartDate": "2026-02-01T00:00:00:000-0800",
                "plannedStartDate_Mod": "between",
                "plannedStartDate_Range": "2026-03-31",
            },
            ["Beta email", "Gamma social"],
        ),
        (
            {"status": "CUR", "OR:1:status": "IDA"},
            ["Alpha launch", "Delta events", "epsilon LAUNCH"],
        ),
        ({"status": "NOPE"}, []),  # an unknown status in a filter matches nothing
        ({"description_Mod": "isnull", "name": "Beta%", "name_Mod": "like"}, ["Beta email"]),
    ],
)
async def test_modifiers(
    wf: httpx.AsyncClient,
    projects: list[dict[str, Any]],
    params: dict[str, Any],
    expected: list[str],
) -> None:
    assert await names(wf, **params) == expected


async def test_sort_paging_and_count(wf: httpx.AsyncClient, projects: list[dict[str, Any]]) -> None:
    response = await wf.get("/project/search", params={"priority_Sort": "desc"})
    assert [p["priority"] for p in response.json()["data"]] == [4, 3, 2, 1, 0]
    page = await wf.get(
        "/project/search", params={"priority_Sort": "asc", "$$FIRST": "1", "$$LIMIT": "2"}
    )
    assert [p["priority"] for p in page.json()["data"]] == [1, 2]
    multi = await wf.get(
        "/project/search", params={"status_1_Sort": "asc", "priority_2_Sort": "desc"}
    )
    assert [p["name"] for p in multi.json()["data"]] == [
        "Delta events",
        "Alpha launch",
        "epsilon LAUNCH",
        "Gamma social",
        "Beta email",
    ]
    count = await wf.get("/project/count", params={"status": "CUR"})
    assert count.json() == {"data": {"count": 2}}
    keyed = await wf.get("/project/search", params={"map": "true", "status": "PLN"})
    (only,) = keyed.json()["data"].values()
    assert only["name"] == "Beta email"


async def test_default_limit_is_100(wf: httpx.AsyncClient) -> None:
    import json

    batch = [{"name": f"P{i:03d}"} for i in range(100)]
    for _ in range(2):
        created = await wf.put("/project", params={"method": "POST", "updates": json.dumps(batch)})
        assert created.status_code == 200, created.text
    assert len((await wf.get("/project/search")).json()["data"]) == 100
    assert (await wf.get("/project/count")).json()["data"]["count"] == 200
    second = await wf.get("/project/search", params={"$$FIRST": "150", "ID_Sort": "asc"})
    assert len(second.json()["data"]) == 50


async def test_reference_traversal_in_filters(
    wf: httpx.AsyncClient, projects: list[dict[str, Any]]
) -> None:
    on_hold = next(p for p in projects if p["status"] == "ONH")
    await wf.post("/task", params={"name": "Held task", "projectID": on_hold["ID"]})
    await wf.post("/task", params={"name": "Live task", "projectID": projects[0]["ID"]})
    found = await wf.get("/task/search", params={"project:status": "ONH", "fields": "project:name"})
    data = found.json()["data"]
    assert [t["name"] for t in data] == ["Held task"]
    assert data[0]["project"]["name"] == "Gamma social"


@pytest.mark.parametrize(
    ("params", "status", "needle"),
    [
        ({"$$LIMIT": "2001"}, 422, "greater than the maximum allowed limit of 2000"),
        ({"bogusField": "x"}, 422, "does not support field bogusField (Project)"),
        ({"name_Mod": "sortof", "name": "x"}, 422, "Unknown filter modifier"),
        ({"fields": "nope"}, 422, "APIModel V21_0 does not support field nope (Project)"),
    ],
)
async def test_search_errors(
    wf: httpx.AsyncClient, params: dict[str, str], status: int, needle: str
) -> None:
    response = await wf.get("/project/search", params=params)
    assert response.status_code == status
    assert needle in response.json()["error"]["message"]
    assert "data" not in response.json()
