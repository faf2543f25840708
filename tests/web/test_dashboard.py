"""The dashboard: stats, charts, the table's filters/sort/search/pages, fragments, escaping."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from mcc.campaigns.dashboard import PAGE_SIZE
from mcc.campaigns.schemas import CampaignCreate, CampaignUpdate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.validation import parse
from tests.auth.support import Browser


async def make(db: Database, **data: Any) -> str:
    async with db.write() as session:
        service = CampaignService(session)
        status = data.pop("status", None)
        campaign = await service.create(parse(CampaignCreate, {"type": "email", **data}, what="c"))
        if status:
            await service.update(campaign.id, CampaignUpdate(status=status))
        return str(campaign.id)


def stat(html: str, name: str) -> int:
    found = re.search(rf'id="stat-{name}">(\d+)<', html)
    assert found, name
    return int(found.group(1))


def row_names(html: str) -> list[str]:
    return re.findall(r'<td class="name"><a href="/campaigns/[^"]+">([^<]*)</a>', html)


async def test_empty_dashboard_points_to_the_assistant(marketer: Browser) -> None:
    page = await marketer.client.get("/")
    assert page.status_code == 200
    assert "No campaigns yet" in page.text
    assert 'href="/chat"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


async def test_stats_and_charts_count_what_is_there(marketer: Browser, db: Database) -> None:
    today = date.today()  # read here, not at collection: a run may cross midnight
    await make(db, name="Big", budget=Decimal(150000), launch_date=today + timedelta(days=200))
    await make(db, name="Soon", launch_date=today + timedelta(days=3))  # at risk: planning
    await make(db, name="Live", status="ACTIVE", launch_date=today.replace(day=1))
    html = (await marketer.client.get("/dashboard")).text
    assert (stat(html, "total"), stat(html, "active"), stat(html, "tier1")) == (3, 1, 1)
    assert stat(html, "at-risk") == 1
    expected_launching = sum(
        1 for day in (today + timedelta(days=3), today.replace(day=1)) if day.month == today.month
    )
    assert stat(html, "launching") == expected_launching
    assert "PLANNING: 2, ACTIVE: 1, PAUSED: 0, COMPLETED: 0, CANCELLED: 0" in html
    assert "Tier 1: 1, Tier 2: 0, Tier 3: 2" in html
    assert 'role="img"' in html
    assert "Launches per month" in html
    assert html.count("At risk</span>") == 1


async def test_filter_search_sort_and_fragment(marketer: Browser, db: Database) -> None:
    for name, budget in [("Alpha", 1000), ("beta", 50000), ("Gamma", 200000)]:
        await make(db, name=name, budget=Decimal(budget))
    client = marketer.client
    assert row_names((await client.get("/?sort=name&dir=asc")).text) == ["Alpha", "beta", "Gamma"]
    assert row_names((await client.get("/?sort=budget&dir=desc")).text) == [
        "Gamma", "beta", "Alpha"
    ]  # fmt: skip
    assert row_names((await client.get("/?tier=2")).text) == ["beta"]
    assert row_names((await client.get("/?search=AMM")).text) == ["Gamma"]
    fragment = await client.get("/?search=a", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert 'id="stat-total"' in fragment.text
    assert fragment.headers["vary"] == "HX-Request"
    none = (await client.get("/?search=zzz")).text
    assert "No campaign matches these filters" in none


async def test_bad_filters_show_a_message_instead_of_failing(marketer: Browser) -> None:
    page = await marketer.client.get("/?status=DONE&tier=9")
    assert page.status_code == 200
    assert "Invalid filter" in page.text
    assert "unknown status" in page.text


async def test_pagination(marketer: Browser, db: Database) -> None:
    for index in range(PAGE_SIZE + 3):
        await make(db, name=f"C{index:02d}")
    first = (await marketer.client.get("/?sort=name&dir=asc")).text
    assert len(row_names(first)) == PAGE_SIZE
    assert "Page 1 of 2" in first
    second = (await marketer.client.get("/?sort=name&dir=asc&page=2")).text
    assert row_names(second) == ["C20", "C21", "C22"]
    clamped = (await marketer.client.get("/?sort=name&dir=asc&page=99")).text
    assert "Page 2 of 2" in clamped


async def test_names_are_text_and_unsafe_links_are_not_links(
    marketer: Browser, db: Database
) -> None:
    await make(db, name="<script>alert(1)</script>")
    html = (await marketer.client.get("/")).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


async def test_status_choices_read_as_words(marketer: Browser, db: Database) -> None:
    """Finding (newcomer run): the status filter and the edit form offered "Pending_approval"."""
    dashboard = (await marketer.client.get("/")).text
    assert ">Pending approval</option>" in dashboard
    campaign_id = await make(db, name="Spring Promo")
    form = await marketer.client.get(f"/campaigns/{campaign_id}/edit", headers=marketer.htmx)
    assert form.status_code == 200
    assert not re.findall(r">\w+_\w+</option>", dashboard + form.text)
