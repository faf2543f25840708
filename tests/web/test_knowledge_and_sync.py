"""Knowledge pages (bundled documents, search) and the admin's sync health page."""

from __future__ import annotations

from sqlalchemy import select

from mcc.db import Database
from mcc.models import OutboxMessage
from mcc.outbox.repository import DEAD, PENDING, enqueue
from tests.auth.support import Browser


async def test_knowledge_lists_documents_by_category_and_shows_one(marketer: Browser) -> None:
    page = (await marketer.client.get("/knowledge")).text
    for category in ("Playbooks", "Guidelines", "Templates"):
        assert f">{category} <span" in page
    assert 'href="/knowledge/playbooks/campaign-tiers"' in page
    document = await marketer.client.get("/knowledge/playbooks/campaign-tiers")
    assert document.status_code == 200
    assert "<h1>" in document.text
    assert (await marketer.client.get("/knowledge/playbooks/../../etc")).status_code == 404
    assert (await marketer.client.get("/knowledge/nope/campaign-tiers")).status_code == 404


async def test_knowledge_search_shows_ranked_snippets(marketer: Browser) -> None:
    results = await marketer.client.get(
        "/knowledge", params={"q": "lead time tier 1"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in results.text
    assert "Campaign Tier" in results.text
    assert "<blockquote" in results.text
    nothing = await marketer.client.get("/knowledge", params={"q": "xyzzy plugh"})
    assert "Nothing in the knowledge base matches" in nothing.text


async def test_sync_health_counts_and_retries_dead_letters(admin: Browser, db: Database) -> None:
    async with db.session() as session:
        dead = await enqueue(session, "workmgmt.create_project", "c1", {})
        dead.status, dead.last_error, dead.attempts = DEAD, "HTTP 500 from Workfront", 8
        await enqueue(session, "workmgmt.update_project", "c2", {})
    page = (await admin.client.get("/admin/sync")).text
    assert "HTTP 500 from Workfront" in page
    assert "dead letter" in page
    assert f'action="/admin/sync/outbox/{dead.id}/retry"' in page
    retried = await admin.client.post(f"/admin/sync/outbox/{dead.id}/retry", headers=admin.htmx)
    assert retried.status_code == 200
    assert "Queued for another attempt." in retried.text
    async with db.session() as session:
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.id == dead.id))
        assert row is not None
        assert (row.status, row.attempts) == (PENDING, 0)
    again = await admin.client.post(f"/admin/sync/outbox/{dead.id}/retry", headers=admin.htmx)
    assert again.status_code == 404
    assert (
        await admin.client.post("/admin/sync/outbox/nope/retry", headers=admin.htmx)
    ).status_code == 404


async def test_marketers_cannot_retry(marketer: Browser) -> None:
    refused = await marketer.client.post(
        "/admin/sync/outbox/00000000-0000-0000-0000-000000000000/retry", headers=marketer.htmx
    )
    assert refused.status_code == 403
