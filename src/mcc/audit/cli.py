"""`mcc audit [--campaign ID] [--limit N] [--json]`: the audit log, newest first."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from mcc.cli_support import console, load_settings, print_json, reading, run
from mcc.terminal import safe


def audit(
    campaign: Annotated[
        str | None, typer.Option(help="Only this campaign's entries (its id).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many entries (1-500).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show who changed what and when, through which door (chat, api, ui, cli, sync)."""
    from mcc.audit import service
    from mcc.campaigns.schemas import parse_campaign_id

    settings = load_settings()

    async def action() -> list[dict[str, Any]]:
        wanted = parse_campaign_id(campaign) if campaign is not None else None
        async with reading(settings) as session:
            entries = await service.history(session, wanted, limit)
            return [
                {"at": e.at.isoformat(), "actor": e.actor,
                 "actorId": str(e.actor_id) if e.actor_id else None, "source": e.source,
                 "action": e.action, "entityType": e.entity_type, "entityId": e.entity_id,
                 "campaignId": str(e.campaign_id) if e.campaign_id else None,
                 "changes": e.changes, "comment": e.comment, "summary": service.describe(e)}
                for e in entries
            ]  # fmt: skip

    rows = run(action)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No audit entries yet.")
        return
    table = Table("When", "Who", "Via", "Action", "What", "Changes")
    for row in rows:
        what = f"{row['entityType']} {row['entityId']}"
        said = row["summary"] + (f" “{row['comment']}”" if row["comment"] else "")
        table.add_row(row["at"][:19], safe(row["actor"]), row["source"], row["action"],
                      safe(what), safe(said))  # fmt: skip
    console.print(table)


__all__ = ["audit"]
