"""The `mcc` command: serve, demo, db, campaigns, version.

Commands are a transport like GraphQL: they parse arguments, open the unit of work, call a
service, and print. Heavy imports stay inside commands so `mcc --help` answers at once.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from mcc import __version__
from mcc.agent.cli import agent_app, chat
from mcc.auth.cli import DEMO_EMAIL, demo_account, tokens_app, users_app
from mcc.config import Settings, get_settings
from mcc.exceptions import MCCError
from mcc.knowledge.cli import kb_app
from mcc.sync.cli import sync_app
from mcc.sync.cli import worker as sync_worker
from mcc.terminal import safe

T = TypeVar("T")

app = typer.Typer(
    name="mcc",
    help="Marketing Command Center: plan campaigns from your playbooks, keep Workfront in sync.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(
    help="Database schema: upgrade, current revision, drift check.", no_args_is_help=True
)
campaigns_app = typer.Typer(help="List, show and create campaigns.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(sync_app, name="sync")
app.add_typer(kb_app, name="kb")
app.command("worker")(sync_worker)
sandbox_app = typer.Typer(help="Local emulators of the systems MCC talks to.", no_args_is_help=True)
app.add_typer(sandbox_app, name="sandbox")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(agent_app, name="agent")
app.command("chat")(chat)

console = Console(emoji=False)
errors = Console(stderr=True, soft_wrap=True, emoji=False)


def _run(action: Callable[[], Awaitable[T]]) -> T:
    """Run an async action; our errors become a one-line message and exit code 1."""
    try:
        return asyncio.run(action())  # type: ignore[arg-type]
    except MCCError as error:
        errors.print(f"[red]error:[/red] {safe(error.message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _settings(**overrides: Any) -> Settings:
    """The process settings; a bad MCC_* value is reported by name instead of a traceback."""
    from pydantic import ValidationError as SettingsError

    try:
        settings = get_settings()
    except SettingsError as error:
        for item in error.errors(include_url=False):
            name = "MCC_" + ".".join(str(part) for part in item["loc"]).upper()
            errors.print(f"[red]error:[/red] {name}: {item['msg']}", highlight=False)
        raise typer.Exit(2) from None
    values = {key: value for key, value in overrides.items() if value is not None}
    settings = settings.model_copy(update=values) if values else settings
    _quiet_logging(settings)
    return settings


def _quiet_logging(settings: Settings) -> None:
    """One-shot commands log warnings only, to stderr, so `--json` output stays parseable.
    `serve`, `demo` and `worker` reconfigure with the configured level."""
    from mcc.logging import configure_logging

    level = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"
    configure_logging(settings.model_copy(update={"log_level": level}))


async def _prepare_database(settings: Settings, *, always_upgrade: bool) -> None:
    """Migrate an empty database (first start); refuse to serve an outdated one."""
    from mcc import migrations
    from mcc.db import create_engine

    engine = create_engine(settings.resolved_database_url)
    try:
        if always_upgrade or await migrations.is_empty(engine):
            await migrations.upgrade(engine)
            return
        current, head = await migrations.current_revisions(engine), migrations.head_revisions()
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
    finally:
        await engine.dispose()


def _serve(settings: Settings, *, always_upgrade: bool, banner: str | None = None) -> None:
    import uvicorn

    from mcc.app import create_app
    from mcc.logging import configure_logging

    configure_logging(settings)
    _run(lambda: _prepare_database(settings, always_upgrade=always_upgrade))
    if banner:
        console.print(banner, highlight=False, soft_wrap=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)


HostOption = Annotated[str | None, typer.Option(help="Interface to bind (default MCC_HOST).")]
PortOption = Annotated[int | None, typer.Option(help="Port to listen on (default MCC_PORT).")]


@app.command()
def serve(host: HostOption = None, port: PortOption = None) -> None:
    """Run the web app and API. Migrates an empty database; refuses an outdated one."""
    _serve(_settings(host=host, port=port), always_upgrade=False)


@app.command()
def demo(host: HostOption = None, port: PortOption = None) -> None:
    """Run everything on embedded defaults (SQLite in MCC_DATA_DIR) and print where to look."""
    settings = _settings(host=host, port=port)
    url = f"http://{settings.host}:{settings.port}"
    emulator, settings = _demo_workfront(settings)
    _run(lambda: _prepare_database(settings, always_upgrade=True))
    password = _run(lambda: demo_account(settings))
    banner = (
        f"\n[bold]Marketing Command Center[/bold] {__version__} is starting at [link]{url}[/link]\n"
        f"  Sign in as [bold]{DEMO_EMAIL}[/bold] with password [bold]{password}[/bold] "
        "(new at every start)\n"
        f"  GraphQL: {url}/graphql   health: {url}/healthz   data: {settings.data_dir.resolve()}\n"
        f"  Workfront: {settings.workfront_url}"
        f"{' (local emulator: change a project status there)' if emulator else ''}\n"
        "  Press Ctrl+C to stop.\n"
    )
    try:
        _serve(settings, always_upgrade=True, banner=banner)
    finally:
        if emulator is not None:
            emulator.terminate()
            emulator.wait(timeout=10)


def _demo_workfront(settings: Settings) -> tuple[subprocess.Popen[bytes] | None, Settings]:
    """Point the demo at the configured Workfront, or start the emulator on the next port."""
    from pydantic import SecretStr

    from mcc.config import WorkManagementBackend
    from mcc.sandbox.launch import start_workfront_emulator
    from mcc.sandbox.workfront import DEFAULT_API_KEY

    public_url = settings.public_url or f"http://{settings.host}:{settings.port}"
    if settings.workfront_url:
        backend = WorkManagementBackend.WORKFRONT
        return None, settings.model_copy(
            update={"workmgmt_backend": backend, "public_url": public_url}
        )
    port = settings.port + 1
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        process = start_workfront_emulator(
            settings.host, port, settings.data_dir / "workfront-emulator.db"
        )
    except MCCError as error:
        errors.print(f"[red]error:[/red] {error.message}", highlight=False)
        raise typer.Exit(1) from None
    overrides = {
        "workmgmt_backend": WorkManagementBackend.WORKFRONT,
        "workfront_url": f"http://{settings.host}:{port}",
        "workfront_api_key": SecretStr(DEFAULT_API_KEY),
        "public_url": public_url,
    }
    return process, settings.model_copy(update=overrides)


@sandbox_app.command("workfront")
def sandbox_workfront(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8100,
    db: Annotated[str | None, typer.Option(help="SQLite file (default: in MCC_DATA_DIR).")] = None,
) -> None:
    """Run the Workfront emulator: the API, event subscriptions and a page to change statuses."""
    from mcc.sandbox.workfront.app import serve_workfront_emulator

    settings = _settings()
    path = db or str(settings.data_dir / "workfront-emulator.db")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    serve_workfront_emulator(host, port, path)


@app.command()
def version() -> None:
    """Print the version."""
    console.print(f"mcc {__version__}")


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "heads") -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    from mcc import migrations
    from mcc.db import create_engine

    settings = _settings()

    async def action() -> frozenset[str]:
        engine = create_engine(settings.resolved_database_url)
        try:
            await migrations.upgrade(engine, revision)
            return await migrations.current_revisions(engine)
        finally:
            await engine.dispose()

    current = _run(action)
    console.print(
        f"Database at revision [bold]{migrations.describe(current)}[/bold]", highlight=False
    )


@db_app.command("current")
def db_current() -> None:
    """Show the database's revision and whether it is the latest."""
    from mcc import migrations
    from mcc.db import create_engine

    settings = _settings()

    async def action() -> frozenset[str]:
        engine = create_engine(settings.resolved_database_url)
        try:
            return await migrations.current_revisions(engine)
        finally:
            await engine.dispose()

    current, head = _run(action), migrations.head_revisions()
    latest = migrations.describe(head)
    state = (
        "up to date" if current == head else f"behind (latest is {latest}): run `mcc db upgrade`"
    )
    console.print(
        f"{migrations.describe(current) if current else 'empty'}: {state}", highlight=False
    )


@db_app.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree (a migration is missing)."""
    from alembic.util.exc import AutogenerateDiffsDetected

    from mcc import migrations
    from mcc.db import create_engine

    settings = _settings()

    async def action() -> None:
        engine = create_engine(settings.resolved_database_url)
        try:
            await migrations.upgrade(engine)
            await migrations.check(engine)
        finally:
            await engine.dispose()

    try:
        _run(action)
    except AutogenerateDiffsDetected as error:
        errors.print(f"[red]migrations are out of date:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    console.print("Models and migrations agree.")


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _money(amount: Decimal | None, currency: str | None) -> str:
    return "" if amount is None else f"{amount:,.2f} {currency or ''}".strip()


@campaigns_app.command("list")
def campaigns_list(
    status: Annotated[str | None, typer.Option(help="PLANNING, ACTIVE, PAUSED, ...")] = None,
    tier: Annotated[int | None, typer.Option(help="1, 2 or 3.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="email, event, webinar, ...")] = None,
    search: Annotated[str | None, typer.Option(help="Part of the name.")] = None,
    limit: Annotated[int, typer.Option(help="Rows per page (1-100).")] = 20,
    next_token: Annotated[str | None, typer.Option(help="Token printed by the last page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List campaigns, newest first."""
    from mcc.campaigns.routes import campaign_json
    from mcc.campaigns.schemas import CampaignFilters
    from mcc.campaigns.service import CampaignService
    from mcc.db import Database
    from mcc.validation import parse

    settings = _settings()

    async def action() -> dict[str, Any]:
        filters = parse(
            CampaignFilters,
            {"status": status, "tier": tier, "type": type_, "search": search},
            what="filter",
        )
        database = Database.from_url(settings.resolved_database_url)
        try:
            async with database.read() as session:
                page = await CampaignService(session).list(
                    filters, limit=limit, next_token=next_token
                )
                return {
                    "items": [campaign_json(c) for c in page.items],
                    "nextToken": page.next_token,
                }
        finally:
            await database.dispose()

    page = _run(action)
    if as_json:
        _print_json(page)
        return
    if not page["items"]:
        console.print("No campaigns match. Create one with `mcc campaigns create`.")
        return
    table = Table("Name", "Type", "Tier", "Status", "Launch", "Budget", "Workfront", "ID")
    for item in page["items"]:
        budget = Decimal(item["budget"]) if item["budget"] else None
        table.add_row(
            safe(item["name"]), item["type"], str(item["tier"]), item["status"],
            item["launchDate"] or "", _money(budget, item["currency"]),
            safe(item["workfrontProjectId"] or ""), item["campaignId"],
        )  # fmt: skip
    console.print(table)
    if page["nextToken"]:
        console.print(f"More: mcc campaigns list --next-token {page['nextToken']}", highlight=False)


@campaigns_app.command("show")
def campaigns_show(
    campaign_id: Annotated[str, typer.Argument(help="The campaign's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one campaign with every field."""
    from mcc.campaigns.routes import campaign_json
    from mcc.campaigns.schemas import parse_campaign_id
    from mcc.campaigns.service import CampaignService
    from mcc.db import Database

    settings = _settings()

    async def action() -> dict[str, Any]:
        parsed = parse_campaign_id(campaign_id)
        database = Database.from_url(settings.resolved_database_url)
        try:
            async with database.read() as session:
                return campaign_json(await CampaignService(session).get(parsed))
        finally:
            await database.dispose()

    _print_campaign(_run(action), as_json)


def _print_campaign(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _print_json(data)
        return
    table = Table("Field", "Value", show_header=False, box=None)
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)
        table.add_row(f"[bold]{key}[/bold]", safe(shown))
    console.print(table)


@campaigns_app.command("create")
def campaigns_create(
    name: Annotated[str, typer.Option(help="Campaign name, stored exactly as typed.")],
    type_: Annotated[
        str, typer.Option("--type", help="email, event, webinar, product_launch, ...")
    ],
    tier: Annotated[int | None, typer.Option(help="1-3; default: from the budget bands.")] = None,
    budget: Annotated[
        str | None, typer.Option(help="Like 30000, 30k, $1.5M, 'EUR 20,000'.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO code; default from the budget or USD.")
    ] = None,
    launch_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    end_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    channel: Annotated[list[str] | None, typer.Option(help="Repeat for each channel.")] = None,
    audience: Annotated[str | None, typer.Option(help="Target audience.")] = None,
    objective: Annotated[
        str | None, typer.Option(help="Objective, ideally with a KPI target.")
    ] = None,
    description: Annotated[str | None, typer.Option()] = None,
    owner: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create a campaign (status PLANNING)."""
    from mcc.campaigns.money import AmountError, parse_amount
    from mcc.campaigns.routes import campaign_json
    from mcc.campaigns.schemas import CampaignCreate
    from mcc.campaigns.service import CampaignService
    from mcc.db import Database
    from mcc.validation import parse

    settings = _settings()
    data: dict[str, Any] = {
        "name": name, "type": type_, "tier": tier, "currency": currency,
        "launch_date": _date_option("launch-date", launch_date),
        "end_date": _date_option("end-date", end_date),
        "channels": channel or [], "target_audience": audience, "objective": objective,
        "description": description, "owner": owner,
    }  # fmt: skip
    if budget is not None:
        try:
            amount, named_currency = parse_amount(budget)
        except AmountError as error:
            errors.print(f"[red]error:[/red] --budget: {error}", highlight=False)
            raise typer.Exit(1) from None
        data["budget"] = amount
        data["currency"] = currency or named_currency

    async def action() -> dict[str, Any]:
        payload = parse(
            CampaignCreate, {k: v for k, v in data.items() if v is not None}, what="campaign"
        )
        database = Database.from_url(settings.resolved_database_url)
        try:
            async with database.write() as session:
                return campaign_json(await CampaignService(session).create(payload))
        finally:
            await database.dispose()

    created = _run(action)
    if not as_json:
        name = safe(created["name"])
        console.print(f"Created campaign [bold]{name}[/bold] ({created['campaignId']})")
    _print_campaign(created, as_json)


def _date_option(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    from mcc.validation import read_date

    try:
        # Strict: `date.fromisoformat` alone also reads "20260101" and "2026-W01-1".
        return read_date(value)
    except ValueError:
        errors.print(f"[red]error:[/red] --{name}: {value!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(1) from None


def main() -> None:
    app()


__all__ = ["app", "main"]
