"""`mcc feedback import FILE.csv [--dry-run] [--json]`: survey answers collected elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mcc.cli_support import console, errors, load_settings, print_json, run, writing
from mcc.terminal import safe

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
    from mcc.feedback.service import FeedbackService

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
            async with writing(settings) as session:
                for row in good:
                    service = FeedbackService(session, row.email)
                    _, again = await service.submit_survey(row.answers, at=row.at, source="import")
                    replaced += again
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


__all__ = ["feedback_app"]
