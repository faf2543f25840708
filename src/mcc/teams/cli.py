"""`mcc teams ...`: the teams that campaigns and people belong to.

People join teams when they are created (`mcc users create EMAIL --team NAME --role ROLE`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from mcc.cli_support import console, load_settings, print_json, reading, run, writing
from mcc.terminal import safe

teams_app = typer.Typer(help="Teams: who sees and edits which campaigns.", no_args_is_help=True)


@teams_app.command("create")
def teams_create(name: Annotated[str, typer.Argument(help="The team's name.")]) -> None:
    """Create a team; add people to it with `mcc users create EMAIL --team NAME`."""
    from mcc.teams.service import TeamService

    settings = load_settings()

    async def action() -> str:
        async with writing(settings) as session:
            return (await TeamService(session).create(name)).name

    created = run(action)
    console.print(f"Created team [bold]{safe(created)}[/bold]", highlight=False)


@teams_app.command("list")
def teams_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every team with its number of members."""
    from rich.table import Table

    from mcc.teams.repository import TeamRepository

    settings = load_settings()

    async def action() -> list[tuple[str, int]]:
        async with reading(settings) as session:
            return [
                (team.name, members)
                for team, members in await TeamRepository(session).with_member_counts()
            ]

    rows = run(action)
    if as_json:
        print_json([{"name": name, "members": members} for name, members in rows])
        return
    if not rows:
        console.print("No teams yet. Create one with `mcc teams create NAME`.")
        return
    table = Table("Team", "Members")
    for name, members in rows:
        table.add_row(safe(name), str(members))
    console.print(table)


__all__ = ["teams_app"]
