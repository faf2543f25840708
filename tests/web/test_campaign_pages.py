"""Campaign detail and edit: provenance, tasks, the sync timeline, inline validation."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal

from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.models import Campaign, CampaignTask, InboxEvent
from mcc.outbox.repository import OutboxRepository, enqueue
from mcc.validation import parse
from tests.auth.support import Browser


async def make(db: Database) -> uuid.UUID:
    data = {
        "name": "Spring Promo", "type": "email", "budget": Decimal(30000),
        "launch_date": date(2031, 3, 1), "channels": ["email"],
        "provenance": {"budget": {"source": "user", "evidence": "$30k"}},
    }  # fmt: skip
    async with db.write() as session:
        campaign = await CampaignService(session).create(parse(CampaignCreate, data, what="c"))
        campaign.project_id, campaign.project_url = "PRJ1", "javascript:alert(1)"
        session.add(
            CampaignTask(
                campaign_id=campaign.id,
                position=100,  # after the checklist tasks the service planned
                name="Write copy",
                remote_id="TSK1",
                status="IN_PROGRESS",
                percent_complete=40,
            )
        )
        message = await enqueue(session, "workmgmt.create_project", campaign.id, {})
        now = message.created_at
        await OutboxRepository(session).record_attempt(
            message, started_at=now, duration_ms=12, summary="POST /PROJ", status=200, error=None
        )
        event = {"newState": {"ID": "PRJ1"}}
        session.add(
            InboxEvent(source="workfront", dedupe_key="k1", event_type="PROJ:UPDATE",
                       payload=event, status="processed")
        )  # fmt: skip
        return campaign.id


async def test_detail_shows_fields_provenance_tasks_and_timeline(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    page = await marketer.client.get(f"/campaigns/{campaign_id}")
    assert page.status_code == 200
    html = page.text
    assert "from your words: “$30k”" in html
    assert "Why: Tier 2: budget $30,000" in html
    assert "Write copy" in html
    assert "IN PROGRESS" in html  # a task's status in words, not "not_started" (newcomer run)
    assert "40%" in html
    assert "Queued workmgmt.create_project" in html
    assert "HTTP 200" in html
    assert "Received PROJ:UPDATE" in html
    assert 'href="javascript:' not in html  # a stored URL is only a link if it is http(s)


async def test_edit_saves_changes_and_shows_errors_inline(marketer: Browser, db: Database) -> None:
    campaign_id = await make(db)
    url = f"/campaigns/{campaign_id}"
    form = (await marketer.client.get(f"{url}/edit", headers={"HX-Request": "true"})).text
    version = re.search(r'name="expected_version" value="(\d+)"', form)
    assert version is not None
    assert "<html" not in form

    bad = await marketer.client.post(
        url,
        data={"name": "", "budget": "lots", "expected_version": version.group(1)},
        headers=marketer.htmx,
    )
    assert bad.status_code == 422
    assert 'id="e-budget"' in bad.text
    assert 'id="e-name"' in bad.text
    assert 'aria-invalid="true"' in bad.text
    assert 'value="lots"' in bad.text
    async with db.write() as session:
        unchanged = await session.get(Campaign, campaign_id)
        assert unchanged is not None
        assert unchanged.name == "Spring Promo"

    saved = await marketer.client.post(
        url, data={"name": "Spring Promo 2", "budget": "150k", "status": "ACTIVE",
                   "expected_version": version.group(1)}, headers=marketer.htmx,
    )  # fmt: skip
    assert saved.status_code == 200
    assert "Saved." in saved.text
    async with db.write() as session:
        changed = await session.get(Campaign, campaign_id)
        assert changed is not None
        # A marketer's new budget makes it Tier 1: it waits for a VP before it goes on.
        assert (changed.name, changed.budget, changed.status) == (
            "Spring Promo 2", Decimal("150000.00"), "PENDING_APPROVAL"
        )  # fmt: skip
    page = (await marketer.client.get(url)).text
    assert "Waiting for VP approval (VP of Marketing)" in page
    assert 'by <span class="actor">marketer@mcc.test</span>' in page
    assert "budget 30000.00 → 150000.00" in page

    stale = await marketer.client.post(
        url, data={"name": "Late", "expected_version": version.group(1)}, headers=marketer.htmx
    )
    assert stale.status_code == 409
    assert "changed since you loaded it" in stale.text


async def test_plain_form_post_redirects_and_unknown_campaigns_are_404(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    saved = await marketer.client.post(
        f"/campaigns/{campaign_id}", data={"objective": "Grow", "csrf_token": marketer.csrf}
    )
    assert (saved.status_code, saved.headers["location"]) == (303, f"/campaigns/{campaign_id}")
    missing = await marketer.client.get(
        f"/campaigns/{uuid.uuid4()}", headers={"Accept": "text/html"}
    )
    assert missing.status_code == 404
    assert "<h1>Not found</h1>" in missing.text


async def test_the_exact_requests_of_a_created_project_do_not_say_they_will_be_sent(
    marketer: Browser, db: Database
) -> None:
    """Finding (newcomer run): a campaign whose project Workfront had created minutes before
    still offered "Exact requests: what the project's creation will send"."""
    campaign_id = await make(db)  # linked to project PRJ1
    html = (await marketer.client.get(f"/campaigns/{campaign_id}")).text
    assert "the project exists" in html
    assert "creation will send" not in html


async def test_ignored_echoes_are_one_timeline_entry_and_what_mattered_stays_visible(
    marketer: Browser, db: Database
) -> None:
    campaign_id = await make(db)
    async with db.write() as session:
        for number in range(16):  # a new project's tasks, echoed back, changing nothing
            session.add(
                InboxEvent(source="workfront", dedupe_key=f"echo{number}", event_type="TASK:CREATE",
                           payload={"newState": {"ID": "TSK1"}}, status="ignored")
            )  # fmt: skip
        session.add(
            InboxEvent(source="workfront", dedupe_key="bad", event_type="TASK:UPDATE",
                       payload={"newState": {"ID": "TSK1"}}, status="parked",
                       error="unknown status 'XYZ'")
        )  # fmt: skip
    html = (await marketer.client.get(f"/campaigns/{campaign_id}")).text
    assert html.count("Received TASK:CREATE") == 1
    assert "Received TASK:CREATE (16 events)" in html
    assert "nothing in them changed the campaign" in html
    assert "Received TASK:UPDATE" in html  # a problem is not folded
    assert "unknown status" in html
    assert "Received PROJ:UPDATE" in html
