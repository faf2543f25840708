"""`mcc report [--since DATE] [--until DATE] [--format json|html|pdf] [--out FILE]`.

The report is computed once (`mcc.reports.figures`) and handed to the renderer of the chosen
format: `RENDERERS` maps a format to a function from the report to bytes (HTML and PDF import
their heavier renderers only when asked for). A report from the demo pilot's data directory is
labelled as the sample it is.

`mcc report` is an operator's tool (whoever runs it can read the database anyway): it covers the
whole organisation, like an admin's Reports page. `--team NAME` (repeatable) narrows it to what
a viewer of those teams sees on theirs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mcc.auth.schemas import Role
from mcc.cli_support import errors, load_settings, open_database, run
from mcc.db import Database
from mcc.reports.model import PilotReport
from mcc.teams.scope import Scope
from mcc.terminal import safe


class Format(StrEnum):
    JSON = "json"
    HTML = "html"
    PDF = "pdf"


def render_json(report: PilotReport) -> bytes:
    return (json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n").encode()


def render_html_bytes(report: PilotReport) -> bytes:
    from mcc.reports.render_html import render_html

    return render_html(report).encode()


def render_pdf_bytes(report: PilotReport) -> bytes:
    from mcc.reports.render_pdf import render_pdf

    return render_pdf(report)


# A format's renderer: the report in, the file's bytes out (no I/O, no database).
RENDERERS: dict[Format, Callable[[PilotReport], bytes]] = {
    Format.JSON: render_json,
    Format.HTML: render_html_bytes,
    Format.PDF: render_pdf_bytes,
}
BINARY = frozenset({Format.PDF})  # never written to a terminal: --out is required


def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD date, or a usage error naming the option (exit 2, no traceback)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date: expected YYYY-MM-DD", param_hint=option
        ) from None


def report(
    since: Annotated[
        str | None, typer.Option(help="First day of the period, YYYY-MM-DD (default: all).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Last day of the period, YYYY-MM-DD (default: today).")
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="json, html or pdf.", case_sensitive=False)
    ] = Format.JSON,
    out: Annotated[Path | None, typer.Option(help="Write to FILE instead of stdout.")] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(help="Only this team's data, as its viewers see it (repeatable)."),
    ] = None,
) -> None:
    """The pilot report: the success criteria (target, actual, PASS/FAIL) and the feedback
    analysis, computed from what the running system recorded (the whole organisation, or the
    teams named with --team)."""
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    renderer = RENDERERS.get(output_format)
    if renderer is None:
        errors.print(
            f"[red]error:[/red] the {output_format.value} report is not available yet; "
            "use --format json",
            highlight=False,
        )
        raise typer.Exit(2)
    if output_format in BINARY and out is None:
        errors.print(f"[red]error:[/red] --format {output_format.value} needs --out FILE")
        raise typer.Exit(2)
    settings = load_settings()

    async def action() -> PilotReport:
        from mcc.reports.source import compute

        async with open_database(settings) as database:
            scope = await team_scope(database, team or [])
            return await compute(settings, database, first, last or settings.current_date(), scope)

    content = renderer(run(action))
    if out is None:
        typer.echo(content.decode(), nl=False)
        return
    try:
        out.write_bytes(content)
    except OSError as problem:
        errors.print(f"[red]error:[/red] {safe(str(problem))}", highlight=False)
        raise typer.Exit(1) from None
    errors.print(f"Wrote {out} ({len(content):,} bytes)", highlight=False)


async def team_scope(database: Database, names: list[str]) -> Scope:
    """The whole organisation, or what a viewer in exactly the teams named sees (an unknown
    name is an error that names it)."""
    if not names:
        return Scope.system()
    from mcc.teams.service import TeamService

    async with database.read() as session:
        teams = await TeamService(session).named(names)
    return Scope(team_ids=frozenset(t.id for t in teams), can_edit=False, role=Role.VIEWER)


__all__ = ["RENDERERS", "Format", "render_json", "report"]
