"""`mcc playbooks recheck`: the open campaigns the current playbooks would change, and applying
or dismissing a proposal (each audited as the CLI)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mcc.cli_support import console, load_settings, print_json, reading, run, writing
from mcc.terminal import safe

playbooks_app = typer.Typer(help="The playbooks are the rules: re-check open campaigns.",
                            no_args_is_help=True)  # fmt: skip


@playbooks_app.command("recheck")
def playbooks_recheck(
    apply: Annotated[str | None, typer.Option("--apply", help="Apply to this campaign.")] = None,
    dismiss: Annotated[
        str | None, typer.Option("--dismiss", help="Keep this campaign as it is.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List what changed tier policies or checklists would change in open campaigns."""
    from mcc.audit.schemas import Actor, AuditSource
    from mcc.campaigns.schemas import parse_campaign_id
    from mcc.playbooks.recheck import RecheckService
    from mcc.teams.scope import Scope

    if apply and dismiss:
        raise typer.BadParameter("give --apply or --dismiss, not both")
    settings = load_settings()
    actor = Actor(AuditSource.CLI)

    async def action() -> list[dict[str, Any]]:
        if apply or dismiss:
            campaign_id = parse_campaign_id(apply or dismiss or "")
            async with writing(settings) as session:
                service = RecheckService(session, Scope.system(), actor)
                done = await (service.apply if apply else service.dismiss)(campaign_id)
                return [done.as_json()]
        async with reading(settings) as session:
            return [
                p.as_json() for p in await RecheckService(session, Scope.system(), actor).pending()
            ]

    proposals = run(action)
    if as_json:
        print_json(proposals)
        return
    verb = "Applied" if apply else "Dismissed" if dismiss else None
    if not proposals:
        console.print("No open campaign would change under the current playbooks.")
    for proposal in proposals:
        head = f"{verb}: " if verb else ""
        console.print(f"{head}[bold]{safe(proposal['name'])}[/bold] ({proposal['campaignId']}, "
                      f"{proposal['status']})", highlight=False)  # fmt: skip
        for change in proposal["changes"]:
            console.print(f"  {change['field']}: {safe(change['current'])} → "
                          f"{safe(change['proposed'])}", highlight=False)  # fmt: skip
    if proposals and not verb:
        console.print("Apply with `mcc playbooks recheck --apply ID`, or keep a campaign as it is "
                      "with `--dismiss ID`.")  # fmt: skip
