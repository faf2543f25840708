"""The `mcc` command: serve, demo, db, sandbox, version; mounts each domain's commands.

Commands are a transport like GraphQL: they parse arguments, open the unit of work, call a
service, and print. Heavy imports stay inside commands so `mcc --help` answers at once. The
commands of a domain live in its folder (`campaigns/cli.py`, `auth/cli.py`, `agent/cli.py`,
`knowledge/cli.py`, `sync/cli.py`); what they share is `mcc.cli_support`, never this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mcc import __version__
from mcc.agent.cli import agent_app, chat
from mcc.audit.cli import audit
from mcc.auth.cli import DEMO_EMAIL, demo_account, tokens_app, users_app
from mcc.auth.cli_accounts import users_deactivate, users_reset_password
from mcc.campaigns.cli import campaigns_app
from mcc.cli_support import (
    console,
    errors,
    load_settings,
    open_engine,
    prepare_database,
    run,
)
from mcc.config import Settings
from mcc.exceptions import MCCError
from mcc.feedback.cli import feedback_app
from mcc.knowledge.cli import kb_app
from mcc.playbooks.cli import playbooks_app
from mcc.reports.cli import report
from mcc.sync.cli import sync_app
from mcc.sync.cli import worker as sync_worker
from mcc.teams.cli import teams_app

if TYPE_CHECKING:
    from mcc.sandbox.demo import DemoBackend

app = typer.Typer(
    name="mcc",
    help="Marketing Command Center: plan campaigns from your playbooks, keep Workfront in sync.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(
    help="Database schema: upgrade, current revision, drift check.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(sync_app, name="sync")
app.add_typer(kb_app, name="kb")
app.add_typer(playbooks_app, name="playbooks")
app.command("worker")(sync_worker)
sandbox_app = typer.Typer(help="Local emulators of the systems MCC talks to.", no_args_is_help=True)
app.add_typer(sandbox_app, name="sandbox")
app.add_typer(users_app, name="users")
app.add_typer(teams_app, name="teams")
users_app.command("deactivate")(users_deactivate)
users_app.command("reset-password")(users_reset_password)
app.add_typer(tokens_app, name="tokens")
app.add_typer(agent_app, name="agent")
app.add_typer(feedback_app, name="feedback")
app.command("chat")(chat)
app.command("audit")(audit)
app.command("report")(report)


def _serve(
    settings: Settings, *, always_upgrade: bool, banner: str | None = None, workers: int = 1
) -> None:
    from mcc.agent.acts import train_ahead
    from mcc.logging import configure_logging

    configure_logging(settings)
    # On a new data directory the act classifier trains (seconds) while the server imports and
    # starts, not after: a newcomer's first message waits for it.
    train_ahead(settings.data_dir)
    import uvicorn

    from mcc.app import create_app

    run(lambda: prepare_database(settings, always_upgrade=always_upgrade))
    if banner:
        console.print(banner, highlight=False, soft_wrap=True)
    if workers > 1:
        from mcc.serving.supervisor import serve_workers

        try:
            serve_workers(settings, workers)
        except MCCError as error:
            errors.print(f"[red]error:[/red] {error.message}", highlight=False)
            raise typer.Exit(1) from None
        return
    from mcc.serving.worker import KEEP_ALIVE_SECONDS

    app = create_app(settings, record_uptime=True)
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_config=None,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,  # as the workers: clients reuse connections
    )  # fmt: skip


HostOption = Annotated[str | None, typer.Option(help="Interface to bind (default MCC_HOST).")]
PortOption = Annotated[int | None, typer.Option(help="Port to listen on (default MCC_PORT).")]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        min=1,
        envvar="MCC_WORKERS",
        help="Worker processes (default: one per core). 1 serves in a single process.",
    ),
]


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@app.command()
def serve(host: HostOption = None, port: PortOption = None, workers: WorkersOption = None) -> None:
    """Run the web app and API. Migrates an empty database; refuses an outdated one."""
    settings = load_settings(host=host, port=port)
    _serve(settings, always_upgrade=False, workers=workers or _cores())


@app.command()
def demo(
    host: HostOption = None,
    port: PortOption = None,
    pilot: Annotated[
        bool,
        typer.Option(
            "--pilot",
            help="Serve a labelled SAMPLE pilot (weeks of users, campaigns, ratings, surveys) "
            "from its own data directory, MCC_DATA_DIR/demo-pilot, never your data.",
        ),
    ] = False,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="With --pilot: load it, then exit or serve.")
    ] = True,
) -> None:
    """Run everything on embedded defaults (SQLite in MCC_DATA_DIR) and print where to look."""
    settings = load_settings(host=host, port=port)
    if pilot:
        from mcc.reports.demo_cli import load_demo_pilot

        settings = load_demo_pilot(settings)
        if not serve:
            return
    url = f"http://{settings.host}:{settings.port}"
    backend = _demo_backend(settings)
    emulator, settings = backend.process, backend.settings
    run(lambda: prepare_database(settings, always_upgrade=True))
    password = run(lambda: demo_account(settings))
    banner = (
        f"\n[bold]Marketing Command Center[/bold] {__version__} is starting at [link]{url}[/link]\n"
        f"  Sign in as [bold]{DEMO_EMAIL}[/bold] with password [bold]{password}[/bold] "
        "(new at every start)\n"
        f"  GraphQL: {url}/graphql   health: {url}/healthz   data: {settings.data_dir.resolve()}\n"
        f"  {backend.where}\n"
        "  Press Ctrl+C to stop.\n"
    )
    try:
        _serve(settings, always_upgrade=True, banner=banner)
    finally:
        if emulator is not None:
            emulator.terminate()
            emulator.wait(timeout=10)


def _demo_backend(settings: Settings) -> DemoBackend:
    """The demo's work-management system (`mcc.sandbox.demo`), or a clear error and exit 1."""
    from mcc.sandbox.demo import demo_backend

    try:
        return demo_backend(settings)
    except MCCError as error:
        errors.print(f"[red]error:[/red] {error.message}", highlight=False)
        raise typer.Exit(1) from None


@sandbox_app.command("workfront")
def sandbox_workfront(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8100,
    db: Annotated[str | None, typer.Option(help="SQLite file (default: in MCC_DATA_DIR).")] = None,
) -> None:
    """Run the Workfront emulator: the API, event subscriptions and a page to change statuses."""
    from mcc.sandbox.workfront.app import serve_workfront_emulator

    settings = load_settings()
    path = db or str(settings.data_dir / "workfront-emulator.db")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    serve_workfront_emulator(host, port, path)


@sandbox_app.command("asana")
def sandbox_asana(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8300,
    db: Annotated[str | None, typer.Option(help="SQLite file (default: in MCC_DATA_DIR).")] = None,
) -> None:
    """Run the Asana emulator: the REST API, webhooks, events and a page to complete projects."""
    from mcc.sandbox.asana.app import serve_asana_emulator

    settings = load_settings()
    path = db or str(settings.data_dir / "asana-emulator.db")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    serve_asana_emulator(host, port, path)


@sandbox_app.command("oidc")
def sandbox_oidc(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8200,
    issuer: Annotated[
        str | None, typer.Option(help="Issuer URL (default: http://HOST:PORT).")
    ] = None,
    client_id: Annotated[str, typer.Option(help="The client MCC signs in as.")] = "mcc-local",
    client_secret: Annotated[str, typer.Option(help="Its secret.")] = "mcc-local-secret",  # noqa: S107
    user: Annotated[
        list[str] | None,
        typer.Option(help="EMAIL:PASSWORD[:GROUP,GROUP...]; repeat for more users."),
    ] = None,
) -> None:
    """Run the OpenID Connect identity-provider emulator (users via --user or /__emulator__)."""
    from mcc.sandbox.oidc.app import serve_oidc_emulator
    from mcc.sandbox.oidc.provider import User

    users = []
    for spec in user or []:
        email, _, rest = spec.partition(":")
        password, _, groups = rest.partition(":")
        if "@" not in email or not password:
            errors.print(f"[red]error:[/red] --user {spec!r}: expected EMAIL:PASSWORD[:GROUPS]")
            raise typer.Exit(2)
        names = [group.strip() for group in groups.split(",") if group.strip()]
        users.append(User(email=email.strip().lower(), password=password, groups=names))
    serve_oidc_emulator(host, port, issuer=issuer, client_id=client_id,
                        client_secret=client_secret, users=users)  # fmt: skip


@app.command()
def version() -> None:
    """Print the version."""
    console.print(f"mcc {__version__}")


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "heads") -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    from mcc import migrations

    settings = load_settings()

    async def action() -> frozenset[str]:
        async with open_engine(settings) as engine:
            await migrations.upgrade(engine, revision)
            return await migrations.current_revisions(engine)

    current = run(action)
    console.print(
        f"Database at revision [bold]{migrations.describe(current)}[/bold]", highlight=False
    )


@db_app.command("current")
def db_current() -> None:
    """Show the database's revision and whether it is the latest."""
    from mcc import migrations

    settings = load_settings()

    async def action() -> frozenset[str]:
        async with open_engine(settings) as engine:
            return await migrations.current_revisions(engine)

    current, head = run(action), migrations.head_revisions()
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

    settings = load_settings()

    async def action() -> None:
        async with open_engine(settings) as engine:
            await migrations.upgrade(engine)
            await migrations.check(engine)

    try:
        run(action)
    except AutogenerateDiffsDetected as error:
        errors.print(f"[red]migrations are out of date:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    console.print("Models and migrations agree.")


def main() -> None:
    app()


__all__ = ["app", "main"]
