"""`mcc users ...` and `mcc tokens ...`: accounts and API tokens from the command line.

An operator creates the first admin here (there is no sign-up page: accounts are handed out).
Passwords are prompted for, or read from standard input with `--password-stdin` so they stay
out of shell history and process lists.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mcc.audit.schemas import Actor, AuditSource
from mcc.cli_support import console, errors, load_settings, reading, run, writing
from mcc.config import Settings

DEMO_EMAIL = "demo@mcc.local"
CLI_ACTOR = Actor(AuditSource.CLI)  # the operator at the console

users_app = typer.Typer(
    help="Accounts: create and list users (with their role and teams).", no_args_is_help=True
)
tokens_app = typer.Typer(
    help="API tokens for scripts and GraphQL clients (Authorization: Bearer ...).",
    no_args_is_help=True,
)


ROLES = "viewer, marketer, manager, director, vp or admin"


@users_app.command("create")
def users_create(
    email: Annotated[str, typer.Argument(help="The sign-in address.")],
    admin: Annotated[bool, typer.Option("--admin", help="Same as --role admin.")] = False,
    role_name: Annotated[
        str | None, typer.Option("--role", help=f"{ROLES} (default: marketer).")
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option("--team", help="A team to join (repeat for more); required unless admin."),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an account; prompts for the password twice unless --password-stdin."""
    from mcc.auth.schemas import Role, check_password, parse_email
    from mcc.auth.service import AuthService
    from mcc.exceptions import ValidationError

    settings = load_settings()
    try:
        role = Role(role_name.strip().lower()) if role_name else Role.MARKETER
    except ValueError:
        errors.print(f"[red]error:[/red] --role: {role_name!r} is not a role; use {ROLES}")
        raise typer.Exit(1) from None
    if admin:
        if role_name and role is not Role.ADMIN:
            errors.print("[red]error:[/red] --admin and --role disagree: give one of them")
            raise typer.Exit(1)
        role = Role.ADMIN
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)

    async def action() -> str:
        address = parse_email(email)  # checked before the database is opened
        check_password(password)
        if role is not Role.ADMIN and not team:
            raise ValidationError(
                f"A {role.value} must join a team: add --team NAME (see `mcc teams list`, "
                "or create one with `mcc teams create NAME`)",
                {"team": "required"},
            )
        async with writing(settings) as session:
            service = AuthService(session, CLI_ACTOR)
            user = await service.create_user(address, password, role=role, teams=team or [])
            return user.email

    created = run(action)
    joined = f" in {', '.join(team)}" if team else ""
    console.print(f"Created {role.value} [bold]{created}[/bold]{joined}", highlight=False)


@users_app.command("list")
def users_list() -> None:
    """Every account with its role, its teams and last sign-in."""
    from rich.table import Table

    from mcc.auth.repository import AuthRepository
    from mcc.teams.repository import TeamRepository

    settings = load_settings()

    async def action() -> list[tuple[str, str, str, str]]:
        async with reading(settings) as session:
            teams = await TeamRepository(session).team_names_by_user()
            return [
                (
                    user.email,
                    user.role,
                    ", ".join(teams.get(user.id, [])) or ("(all)" if user.role == "admin" else "-"),
                    user.last_login_at.isoformat(timespec="seconds")
                    if user.last_login_at
                    else "never",
                )
                for user in await AuthRepository(session).list_users()
            ]

    rows = run(action)
    if not rows:
        console.print("No users yet. Create one with `mcc users create EMAIL --admin`.")
        return
    table = Table("Email", "Role", "Teams", "Last sign-in")
    for row in rows:
        table.add_row(*row)
    console.print(table)


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Option("--user", help="The account the token acts as.")],
    name: Annotated[str, typer.Option(help="A label to recognise it by.")] = "api",
    expires_in: Annotated[
        str | None, typer.Option("--expires-in", help="Lifetime, e.g. 30d, 12h (default: none).")
    ] = None,
) -> None:
    """Create an API token and print it; it is shown only this once."""
    from mcc.auth.durations import parse_lifetime
    from mcc.auth.service import AuthService

    settings = load_settings()

    async def action() -> str:
        lifetime = parse_lifetime(expires_in) if expires_in is not None else None
        async with writing(settings) as session:
            service = AuthService(session, CLI_ACTOR)
            owner = await service.get_by_email(user)
            return await service.create_api_token(owner, name, expires_in=lifetime)

    token = run(action)
    errors.print("Keep this token secret; it is not shown again:", highlight=False)
    typer.echo(token)


@tokens_app.command("revoke")
def tokens_revoke(
    user: Annotated[str, typer.Option("--user", help="The token's account.")],
    prefix: Annotated[str, typer.Argument(help="The token's first 12 characters.")],
) -> None:
    """Revoke a token: requests bearing it are refused from now on."""
    from mcc.auth.service import AuthService

    settings = load_settings()

    async def action() -> None:
        async with writing(settings) as session:
            service = AuthService(session, CLI_ACTOR)
            await service.revoke_token(await service.get_by_email(user), prefix)

    run(action)
    console.print(f"Revoked {prefix}", highlight=False)


async def demo_account(settings: Settings) -> str:
    """Create or reset the demo admin and return its new password, for the demo banner."""
    from mcc.auth.service import AuthService

    async with writing(settings) as session:
        return await AuthService(session).ensure_demo_user(DEMO_EMAIL)
