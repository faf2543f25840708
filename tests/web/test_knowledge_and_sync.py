"""Knowledge pages (documents, history, search, uploads) and the admin's sync health page."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from mcc.db import Database
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from mcc.models import OutboxMessage
from mcc.outbox.repository import DEAD, PENDING, enqueue
from tests.auth.support import Browser


async def load_bundled(db: Database) -> None:
    """What a first start does: the bundled playbooks become the knowledge base."""
    await KnowledgeService(db, KnowledgeIndex(db, None)).load_bundled()


async def test_knowledge_lists_documents_by_category_and_shows_one(
    marketer: Browser, db: Database
) -> None:
    await load_bundled(db)
    page = (await marketer.client.get("/knowledge")).text
    for category in ("Playbooks", "Guidelines", "Templates"):
        assert f">{category} <span" in page
    assert 'href="/knowledge/documents/playbooks/campaign-tiers.md"' in page
    assert "Add or update a document" not in page  # uploading is for admins
    document = await marketer.client.get("/knowledge/documents/playbooks/campaign-tiers.md")
    assert document.status_code == 200
    assert "<h1>" in document.text
    assert "<td>added</td>" in document.text
    assert (await marketer.client.get("/knowledge/documents/../../etc/passwd")).status_code == 404
    assert (await marketer.client.get("/knowledge/documents/nope.md")).status_code == 404


async def test_knowledge_search_shows_ranked_snippets(marketer: Browser, db: Database) -> None:
    await load_bundled(db)
    results = await marketer.client.get(
        "/knowledge", params={"q": "lead time tier 1"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in results.text
    assert "Campaign Tier Definitions ›" in results.text
    assert "<blockquote" in results.text
    nothing = await marketer.client.get("/knowledge", params={"q": "xyzzy plugh"})
    assert "Nothing in the knowledge base matches" in nothing.text


async def test_admins_upload_new_versions_and_remove(admin: Browser) -> None:
    async def send(name: str, data: bytes) -> httpx.Response:
        return await admin.client.post(
            "/knowledge/upload",
            data={"category": "guidelines"},
            files={"file": (name, data, "text/markdown")},
            headers=admin.htmx,  # the form posts through htmx, with the CSRF header
        )

    first = await send("social.md", b"# Social Policy\n\nReply within 4 hours.")
    assert first.status_code == 204
    assert first.headers["hx-redirect"] == "/knowledge/documents/uploads/social.md"
    await send("social.md", b"# Social Policy\n\nReply within 2 hours.")
    shown = (await admin.client.get("/knowledge/documents/uploads/social.md")).text
    assert "version 2" in shown
    assert "2 hours" in shown
    assert "<td>changed</td>" in shown

    refused = await send("tool.exe", b"MZ")
    assert refused.status_code == 415
    assert "unsupported" in refused.json()["error"]["message"].lower()
    empty = await send("empty.md", b"")
    assert empty.status_code == 422

    removed = await admin.client.post(
        "/knowledge/documents/uploads/social.md/remove", data={"csrf_token": admin.csrf}
    )
    assert "Removed uploads/social.md" in removed.text
    assert (await admin.client.get("/knowledge/documents/uploads/social.md")).status_code == 404


async def test_uploads_need_an_admin_and_a_csrf_token(marketer: Browser, admin: Browser) -> None:
    files = {"file": ("x.md", b"# X\n\ntext", "text/markdown")}
    by_marketer = await marketer.client.post(
        "/knowledge/upload", files=files, headers=marketer.htmx
    )
    assert by_marketer.status_code == 403
    without_token = await admin.client.post("/knowledge/upload", files=files)
    assert without_token.status_code == 403
    assert "x.md" not in (await admin.client.get("/knowledge")).text


async def test_a_document_named_with_url_characters_is_reachable_and_removable(
    admin: Browser,
) -> None:
    """`what?.md` and `hash#tag.md` redirected, linked and posted their removal to a URL that cut
    the name at `?` or `#`: a 404 after a successful upload, and no way to remove it."""
    for name, quoted in (("what?.md", "what%3F.md"), ("hash#tag.md", "hash%23tag.md")):
        sent = await admin.client.post(
            "/knowledge/upload",
            files={"file": (name, b"# Odd name\n\nStill a document.", "text/markdown")},
            headers=admin.htmx,
        )
        url = f"/knowledge/documents/uploads/{quoted}"
        assert sent.headers["hx-redirect"] == url
        assert f'href="{url}"' in (await admin.client.get("/knowledge")).text
        shown = await admin.client.get(url)
        assert shown.status_code == 200
        assert f'action="{url}/remove"' in shown.text
        removed = await admin.client.post(f"{url}/remove", data={"csrf_token": admin.csrf})
        assert f"Removed uploads/{name}" in removed.text


async def test_sync_health_counts_and_retries_dead_letters(admin: Browser, db: Database) -> None:
    async with db.write() as session:
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
    async with db.write() as session:
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


async def test_the_knowledge_page_says_how_the_index_is(marketer: Browser, db: Database) -> None:
    await load_bundled(db)
    before = (await marketer.client.get("/knowledge")).text
    assert 'id="index-state" data-status="building"' in before
    await marketer.client.get("/knowledge", params={"q": "tier 1"})  # the first search builds it
    page = (await marketer.client.get("/knowledge")).text
    assert 'id="index-state" data-status="ready"' in page
    assert "Ready: 30 documents," in page
    assert "semantic search off: no embedder configured" in page
