"""Sync health (admins): outbox and inbox depth, failures, dead letters with a retry button,
parked inbox events with a replay button, the last event received and the lag of the oldest
undelivered call."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.auth.deps import AdminDep
from mcc.db import Database
from mcc.exceptions import NotFoundError
from mcc.inbox.repository import InboxRepository
from mcc.outbox.repository import OutboxRepository
from mcc.sync.status import sync_status
from mcc.web.templating import is_htmx, render

router = APIRouter()


async def _page(request: Request, notice: str | None = None) -> HTMLResponse:
    database: Database = request.app.state.db
    status = await sync_status(database)
    context = {"section": "sync", "status": status, "notice": notice}
    return render(request, "sync.html", context, fragment="sync_body.html")


@router.get("/admin/sync", response_class=HTMLResponse)
async def sync_health(request: Request, user: AdminDep) -> HTMLResponse:
    return await _page(request)


def _parse_id(raw: str, missing: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise NotFoundError(missing) from None


async def _queued(request: Request, notice: str) -> Response:
    """After an admin action: the refreshed panel for htmx, the page for a plain form post."""
    if is_htmx(request):
        return await _page(request, notice=notice)
    return RedirectResponse("/admin/sync", status_code=303)


@router.post("/admin/sync/outbox/{message_id}/retry")
async def retry(request: Request, user: AdminDep, message_id: str) -> Response:
    """Give a dead letter a fresh set of attempts; anything else is left alone."""
    parsed = _parse_id(message_id, "No such outbox message")
    database: Database = request.app.state.db
    async with database.write() as session:
        revived = await OutboxRepository(session).revive(parsed)
    if not revived:
        raise NotFoundError("No dead letter with that id (already retried or delivered?)")
    return await _queued(request, "Queued for another attempt.")


@router.post("/admin/sync/inbox/{event_id}/replay")
async def replay(request: Request, user: AdminDep, event_id: str) -> Response:
    """Queue a parked event again (after a fix) and wake the inbox worker."""
    parsed = _parse_id(event_id, "No such inbox event")
    database: Database = request.app.state.db
    async with database.write() as session:
        replayed = await InboxRepository(session).replay(parsed)
    if not replayed:
        raise NotFoundError("No parked event with that id (already replayed?)")
    wake = getattr(request.app.state, "wake_inbox", None)
    if wake is not None:
        wake()
    return await _queued(request, "Queued for the inbox worker again.")
