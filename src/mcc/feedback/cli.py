"""`mcc feedback import FILE.csv [--dry-run] [--json]`: survey answers collected elsewhere."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mcc.cli_support import console, errors, load_settings, open_database, print_json, run
from mcc.terminal import safe

if TYPE_CHECKING:
    from mcc.db import Database
    from mcc.feedback.importer import Row

# One transaction per BATCH rows: the write lock (SQLite's is the whole database) is held for a
# moment at a time, so the server's own writes (the uptime record, a survey answer) get their
# turn during a long import instead of waiting it out (sweep F10); a failure keeps the batches
# already committed, and re-running the import replaces them (same person, same week).
BATCH = 500

feedback_app = typer.Typer(help="Pilot feedback: survey answers collected outside the app.")


@feedback_app.command("import")
def import_csv(
    file: Annotated[Path, typer.Argument(help="CSV in the plan's columns (see the README).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row; store nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Import survey answers: good rows are stored (a second answer by the same person in the
    same ISO week replaces the first), bad rows are listed by line; exit 1 if any was bad."""
    from mcc.feedback.importer import parse_csv

    try:
        data = file.read_bytes()
    except OSError as problem:
        errors.print(f"[red]error:[/red] {safe(str(problem))}", highlight=False)
        raise typer.Exit(1) from None
    settings = load_settings()

    async def action() -> dict[str, Any]:
        good, bad = parse_csv(data)
        replaced = 0
        if not dry_run and good:
            async with open_database(settings) as database:
                replaced = await _store(database, good, progress=not as_json)
        return {
            "dryRun": dry_run, "imported": 0 if dry_run else len(good), "valid": len(good),
            "replaced": replaced, "bad": [{"line": b.line, "reason": b.reason} for b in bad],
        }  # fmt: skip

    result = run(action)
    if as_json:
        print_json(result)
    else:
        if dry_run:
            console.print(f"Dry run: {result['valid']} good row(s) would be imported.")
        else:
            note = f" ({result['replaced']} replaced an earlier answer that week)"
            shown = note if result["replaced"] else ""
            console.print(f"Imported {result['imported']} response(s){shown}.")
        for bad in result["bad"]:
            console.print(f"line {bad['line']}: {safe(bad['reason'])}", highlight=False)
    if result["bad"]:
        raise typer.Exit(1)


async def _store(database: Database, rows: list[Row], *, progress: bool) -> int:
    """Store `rows` in batches, printing rows/s as it goes; how many replaced an answer."""
    from mcc.feedback.service import FeedbackService

    replaced, started = 0, time.monotonic()
    for first in range(0, len(rows), BATCH):
        async with database.write() as session:
            for row in rows[first : first + BATCH]:
                service = FeedbackService(session, row.email)
                _, again = await service.submit_survey(row.answers, at=row.at, source="import")
                replaced += again
        done = min(first + BATCH, len(rows))
        if progress and len(rows) > BATCH:
            rate = done / max(time.monotonic() - started, 1e-6)
            errors.print(f"  {done:,}/{len(rows):,} rows ({rate:,.0f} rows/s)", highlight=False)
    return replaced


__all__ = ["feedback_app"]
