"""What every `mcc` command needs: settings, the database, running a coroutine, printing.

The root command (`mcc.cli`) and each domain's commands (`campaigns/cli.py`, `auth/cli.py`, ...)
import from here and never from each other, so the CLI has no import circle: `mcc.cli` mounts
the sub-commands, and the sub-commands only know this toolkit and their own domain.

A command opens the database with `reading`/`writing` (one unit of work, then the engine is
disposed) so that one-shot commands never leave connections behind, and it lets `MCCError`
reach `run`, which prints the message on one line and exits 1 instead of a traceback.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console

from mcc.config import Settings, get_settings
from mcc.exceptions import MCCError
from mcc.terminal import safe

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

    from mcc.db import Database

T = TypeVar("T")

console = Console(emoji=False)
errors = Console(stderr=True, soft_wrap=True, emoji=False)


def run(action: Callable[[], Awaitable[T]]) -> T:
    """Run an async action; our errors become a one-line message and exit code 1."""
    from sqlalchemy.exc import DBAPIError

    try:
        return asyncio.run(action())  # type: ignore[arg-type]
    except MCCError as error:
        errors.print(f"[red]error:[/red] {safe(error.message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except DBAPIError as error:
        # A database that is unreachable or was never migrated (`mcc users create` on a fresh
        # data directory printed 500 lines of traceback): one line, and what to do about it.
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        missing = "no such table" in reason or "does not exist" in reason
        hint = " (run `mcc db upgrade` first)" if missing else ""
        errors.print(f"[red]error:[/red] database: {safe(reason)}{hint}", highlight=False)
        raise typer.Exit(1) from None
    except OSError as error:  # e.g. the database server refuses connections
        errors.print(f"[red]error:[/red] {safe(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def load_settings(**overrides: Any) -> Settings:
    """The process settings; a bad MCC_* value is reported by name instead of a traceback."""
    from pydantic import ValidationError as SettingsError

    try:
        loaded = get_settings()
    except SettingsError as error:
        for item in error.errors(include_url=False):
            name = "MCC_" + ".".join(str(part) for part in item["loc"]).upper()
            errors.print(f"[red]error:[/red] {name}: {item['msg']}", highlight=False)
        raise typer.Exit(2) from None
    values = {key: value for key, value in overrides.items() if value is not None}
    loaded = loaded.model_copy(update=values) if values else loaded
    if loaded.webhook_token is not None:  # checked here so `mcc serve` says so in one line
        try:
            loaded.resolved_webhook_token()
        except ValueError as error:
            errors.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(2) from None
    _quiet_logging(loaded)
    return loaded


def _quiet_logging(settings: Settings) -> None:
    """One-shot commands log warnings only, to stderr, so `--json` output stays parseable.
    `serve`, `demo` and `worker` reconfigure with the configured level."""
    from mcc.logging import configure_logging

    level = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"
    configure_logging(settings.model_copy(update={"log_level": level}))


@asynccontextmanager
async def open_engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """A bare engine for schema work (migrations), disposed on the way out."""
    from mcc.db import create_engine

    opened = create_engine(settings.resolved_database_url)
    try:
        yield opened
    finally:
        await opened.dispose()


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """The configured database for one command, disposed on the way out (even on errors)."""
    from mcc.db import Database

    opened = Database.from_url(settings.resolved_database_url)
    try:
        yield opened
    finally:
        await opened.dispose()


@asynccontextmanager
async def reading(settings: Settings) -> AsyncIterator[AsyncSession]:
    """One read-only unit of work on the configured database (never takes the write lock)."""
    async with open_database(settings) as opened, opened.read() as session:
        yield session


@asynccontextmanager
async def writing(settings: Settings) -> AsyncIterator[AsyncSession]:
    """One unit of work that commits on success and rolls back on any error."""
    async with open_database(settings) as opened, opened.write() as session:
        yield session


async def prepare_database(settings: Settings, *, always_upgrade: bool) -> None:
    """Migrate an empty database (first start); refuse to serve an outdated one."""
    from mcc import migrations

    async with open_engine(settings) as opened:
        if always_upgrade or await migrations.is_empty(opened):
            await migrations.upgrade(opened)
            return
        current, head = await migrations.current_revisions(opened), migrations.head_revisions()
        if not current:
            raise MCCError(
                "The database has tables but no mcc schema revision: point MCC_DATABASE_URL at an "
                "empty database or one that mcc created."
            )
        if current != head:
            raise MCCError(
                f"The database schema is at revision {migrations.describe(current)}; this version "
                f"needs {migrations.describe(head)}. "
                "Run `mcc db upgrade` first."
            )


def print_json(data: Any) -> None:
    """JSON on stdout, as written (no Rich markup or highlighting), for scripts."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


__all__ = [
    "console",
    "errors",
    "load_settings",
    "open_database",
    "open_engine",
    "prepare_database",
    "print_json",
    "reading",
    "run",
    "writing",
]
