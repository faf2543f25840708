"""`mcc users deactivate` and `mcc users reset-password`: cutting a leaver off, recovering access.

`mcc.cli` registers them on the same `users` command group as `mcc users create`. Both end every
browser session of the account at once; open live streams close at their next credential check
(`MCC_STREAM_RECHECK_SECONDS`), since these commands run in another process than the server.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mcc.audit.schemas import Actor, AuditSource
from mcc.cli_support import console, errors, load_settings, run, writing


def users_deactivate(
    email: Annotated[str, typer.Argument(help="The account to cut off.")],
) -> None:
    """Deactivate an account: no sign-in (password or SSO), sessions ended, tokens revoked."""
    from mcc.auth.service import AuthService

    settings = load_settings()

    async def action() -> tuple[str, int]:
        async with writing(settings) as session:
            service = AuthService(session, Actor(AuditSource.CLI))
            user = await service.get_by_email(email)
            return user.email, await service.deactivate(user)

    address, revoked = run(action)
    console.print(
        f"Deactivated [bold]{address}[/bold]: signed out everywhere, {revoked} token(s) revoked",
        highlight=False,
    )


def users_reset_password(
    email: Annotated[str, typer.Argument(help="The account whose password to replace.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from standard input.")
    ] = False,
    prompt: Annotated[
        bool, typer.Option("--prompt", help="Type the new password (asked twice).")
    ] = False,
) -> None:
    """Set a new password and sign the account out everywhere.

    By default a random password is generated and printed once, to hand to its owner."""
    from mcc.auth.schemas import check_password
    from mcc.auth.service import AuthService

    settings = load_settings()
    chosen: str | None = None
    if password_stdin:
        chosen = sys.stdin.readline().rstrip("\r\n")
    elif prompt:
        chosen = typer.prompt("New password", hide_input=True, confirmation_prompt=True)

    async def action() -> str:
        if chosen is not None:
            check_password(chosen)  # before the database is opened
        async with writing(settings) as session:
            service = AuthService(session, Actor(AuditSource.CLI))
            return await service.reset_password(await service.get_by_email(email), chosen)

    password = run(action)
    if chosen is None:
        errors.print("New password (shown only this once; the account is signed out):",
                     highlight=False)  # fmt: skip
        typer.echo(password)
    else:
        console.print("Password changed; the account is signed out everywhere.", highlight=False)
