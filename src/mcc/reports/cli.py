"""`mcc report [--since DATE] [--format json|html|pdf] [--out FILE]`: the pilot report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mcc.cli_support import console, errors, load_settings, open_database, run
from mcc.reports.render import ReportFormat
from mcc.terminal import safe


def report(
    since: Annotated[
        str | None, typer.Option(help="First day of the period, YYYY-MM-DD (default: all).")
    ] = None,
    form: Annotated[
        ReportFormat, typer.Option("--format", help="json for scripts, html or pdf for people.")
    ] = ReportFormat.JSON,
    out: Annotated[
        Path | None, typer.Option(help="Write to FILE (required for pdf; default: stdout).")
    ] = None,
) -> None:
    """The pilot's success criteria (target, actual, PASS/FAIL) and its feedback analysis."""
    from mcc.reports import source
    from mcc.reports.render import render

    if form is ReportFormat.PDF and out is None:
        errors.print("[red]error:[/red] --format pdf needs --out FILE", highlight=False)
        raise typer.Exit(2)
    settings = load_settings()
    until = settings.current_date()

    async def action() -> bytes:
        start = source.parse_since(since, until)
        async with open_database(settings) as database:
            computed = await source.compute(settings, database, start, until)
        return render(computed, form)

    data = run(action)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        out.write_bytes(data)
    except OSError as problem:
        errors.print(f"[red]error:[/red] {safe(str(problem))}", highlight=False)
        raise typer.Exit(1) from None
    console.print(f"Wrote the {form.value.upper()} report to {safe(str(out))}", highlight=False)
