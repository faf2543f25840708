"""`mcc sync …` and `mcc worker`: run, inspect and repair the work-management sync."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
import typer
from rich.table import Table

from mcc.cli_support import console, open_database, writing
from mcc.cli_support import load_settings as _settings
from mcc.cli_support import run as _run
from mcc.config import Settings
from mcc.exceptions import ConfigurationError, MCCError, ValidationError
from mcc.sync.runtime import SyncRuntime, build_backend
from mcc.sync.status import sync_status
from mcc.terminal import safe

sync_app = typer.Typer(help="Work-management sync: status, reconcile, subscribe, retry.",
                       no_args_is_help=True)  # fmt: skip


@asynccontextmanager
async def _runtime(settings: Settings) -> AsyncIterator[SyncRuntime]:
    async with (
        open_database(settings) as database,
        httpx.AsyncClient(timeout=settings.workfront_timeout_seconds) as http,
    ):
        backend = build_backend(settings, http, database)
        if backend is None:
            raise ConfigurationError(
                "No work-management backend configured: set MCC_WORKMGMT_BACKEND=workfront "
                "and MCC_WORKFRONT_URL, or MCC_WORKMGMT_BACKEND=asana and MCC_ASANA_WORKSPACE"
            )
        yield SyncRuntime(settings, database, backend)


@sync_app.command("status")
def status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Outbox and inbox depth, failures, dead letters, parked events, the last event, the lag."""
    settings = _settings()

    async def action() -> dict[str, object]:
        async with open_database(settings) as database:
            return (await sync_status(database)).to_json()

    report = _run(action)
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    outbox, inbox = report["outbox"], report["inbox"]
    console.print(f"[bold]Backend[/bold]: {settings.workmgmt_backend.value}")
    console.print(f"[bold]Outbox[/bold]: {_counts(outbox)}   [bold]Inbox[/bold]: {_counts(inbox)}")
    console.print(f"Dead letters: {report['dead_letters']}   Lag: {_seconds(report['lag_seconds'])}"
                  f"   Last event: {report['last_event_at'] or 'never'}")  # fmt: skip
    failures = report["failures"]
    if isinstance(failures, list) and failures:
        table = Table("Id", "Topic", "Status", "Attempts", "Error", title="Failing calls")
        for item in failures:
            table.add_row(item["id"], item["topic"], item["status"], str(item["attempts"]),
                          safe(str(item["error"] or "")[:120]))  # fmt: skip
        console.print(table)
    parked = report["parked"]
    if isinstance(parked, list) and parked:
        title = "Parked events (replay with `mcc sync replay ID` after a fix)"
        table = Table("Id", "Event", "Attempts", "Reason", "Received", title=title)
        for item in parked:
            reason = safe(str(item["error"] or "")[:120])
            table.add_row(item["id"], safe(item["event_type"]), str(item["attempts"]), reason,
                          str(item["received_at"]))  # fmt: skip
        console.print(table)


def _counts(counts: object) -> str:
    if not isinstance(counts, dict) or not counts:
        return "empty"
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))


def _seconds(value: object) -> str:
    return "none" if value is None else f"{float(str(value)):.1f}s"


@sync_app.command("reconcile")
def reconcile() -> None:
    """Fetch projects changed since the last run and repair campaigns that drifted."""
    settings = _settings()

    async def action() -> str:
        async with _runtime(settings) as runtime:
            report = await runtime.reconciler.run_once()
            return f"Checked {report.seen} changed projects, repaired {report.repaired}."

    console.print(_run(action))


@sync_app.command("subscribe")
def subscribe() -> None:
    """Make sure the backend sends its events to MCC_PUBLIC_URL/webhooks/<backend>.

    Workfront: project and task event subscriptions. Asana: a webhook on the team (or
    workspace) for project events; the server must be running to answer its handshake."""
    settings = _settings()

    async def action() -> list[str]:
        async with _runtime(settings) as runtime:
            return await runtime.subscribe()

    ids = _run(action)
    console.print(f"{len(ids)} event subscriptions in place.")


@sync_app.command("retry")
def retry(
    message_id: Annotated[str, typer.Argument(help="A dead letter's id (see status).")],
) -> None:
    """Give a dead letter a fresh set of attempts once its cause is fixed."""
    from mcc.outbox.repository import OutboxRepository

    settings = _settings()

    async def action() -> bool:
        try:
            parsed = uuid.UUID(message_id)
        except ValueError:
            raise ValidationError(f"{message_id!r} is not an outbox id") from None
        async with writing(settings) as session:
            return await OutboxRepository(session).revive(parsed)

    async def checked() -> None:
        if not await action():
            raise MCCError(f"No dead letter with id {message_id}")

    _run(checked)
    console.print("Queued for delivery again.")


@sync_app.command("replay")
def replay(
    event_id: Annotated[str, typer.Argument(help="A parked inbox event's id (see status).")],
) -> None:
    """Queue a parked inbox event again once its cause is fixed; the worker applies it."""
    from mcc.inbox.repository import InboxRepository

    settings = _settings()

    async def action() -> None:
        try:
            parsed = uuid.UUID(event_id)
        except ValueError:
            raise ValidationError(f"{event_id!r} is not an inbox event id") from None
        async with writing(settings) as session:
            replayed = await InboxRepository(session).replay(parsed)
        if not replayed:
            raise MCCError(f"No parked event with id {event_id}")

    _run(action)
    console.print("Queued for the inbox worker again.")


def worker() -> None:
    """Run the outbox, inbox and reconciler workers without the web server."""
    from mcc.logging import configure_logging

    settings = _settings()
    configure_logging(settings)

    async def action() -> None:
        async with _runtime(settings) as runtime:
            listener = asyncio.create_task(runtime.db.listen())
            runtime.start()
            try:
                await asyncio.Event().wait()
            finally:
                await runtime.stop()
                listener.cancel()
                await asyncio.gather(listener, return_exceptions=True)

    console.print("Sync workers running; Ctrl+C to stop.")
    with contextlib.suppress(KeyboardInterrupt):
        _run(action)
