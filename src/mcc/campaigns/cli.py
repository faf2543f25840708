"""`mcc campaigns …`: list, show and create campaigns from the command line.

A transport like the REST routes: parse the options, open one unit of work, call
`CampaignService`, print. `--json` prints the same view of a campaign as `/api/campaigns`.
`--as EMAIL` acts as that user (their teams, their role, they own what they create); without
it a command acts as the system, which sees every campaign (whoever runs `mcc` has the database).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from mcc.cli_support import console, errors, load_settings, print_json, reading, run, writing
from mcc.terminal import safe

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from mcc.teams.scope import Scope

campaigns_app = typer.Typer(help="List, show and create campaigns.", no_args_is_help=True)
AsOption = Annotated[
    str | None,
    typer.Option("--as", help="Act as this user: their teams and role (default: the system)."),
]


async def _scope(session: AsyncSession, email: str | None) -> Scope | None:
    from mcc.auth.service import AuthService
    from mcc.teams.scope import Scope

    return None if email is None else Scope.of(await AuthService(session).act_as(email))


def _money(amount: Decimal | None, currency: str | None) -> str:
    return "" if amount is None else f"{amount:,.2f} {currency or ''}".strip()


@campaigns_app.command("list")
def campaigns_list(
    status: Annotated[str | None, typer.Option(help="PLANNING, ACTIVE, PAUSED, ...")] = None,
    tier: Annotated[int | None, typer.Option(help="1, 2 or 3.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="email, event, webinar, ...")] = None,
    search: Annotated[str | None, typer.Option(help="Part of the name.")] = None,
    limit: Annotated[int, typer.Option(help="Rows per page (1-100).")] = 20,
    next_token: Annotated[str | None, typer.Option(help="Token printed by the last page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_user: AsOption = None,
) -> None:
    """List campaigns, newest first."""
    from mcc.campaigns.schemas import CampaignFilters
    from mcc.campaigns.service import CampaignService
    from mcc.campaigns.views import campaign_json
    from mcc.validation import parse

    settings = load_settings()

    async def action() -> dict[str, Any]:
        filters = parse(
            CampaignFilters,
            {"status": status, "tier": tier, "type": type_, "search": search},
            what="filter",
        )
        async with reading(settings) as session:
            service = CampaignService(session, await _scope(session, as_user))
            page = await service.list(filters, limit=limit, next_token=next_token)
            return {"items": [campaign_json(c) for c in page.items], "nextToken": page.next_token}

    page = run(action)
    if as_json:
        print_json(page)
        return
    if not page["items"]:
        console.print("No campaigns match. Create one with `mcc campaigns create`.")
        return
    table = Table("Name", "Type", "Tier", "Status", "Launch", "Budget", "Workfront", "ID")
    for item in page["items"]:
        budget = Decimal(item["budget"]) if item["budget"] else None
        table.add_row(
            safe(item["name"]), item["type"], str(item["tier"]), item["status"],
            item["launchDate"] or "", _money(budget, item["currency"]),
            safe(item["workfrontProjectId"] or ""), item["campaignId"],
        )  # fmt: skip
    console.print(table)
    if page["nextToken"]:
        console.print(f"More: mcc campaigns list --next-token {page['nextToken']}", highlight=False)


@campaigns_app.command("show")
def campaigns_show(
    campaign_id: Annotated[str, typer.Argument(help="The campaign's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_user: AsOption = None,
) -> None:
    """Show one campaign with every field."""
    from mcc.campaigns.schemas import parse_campaign_id
    from mcc.campaigns.service import CampaignService
    from mcc.campaigns.views import campaign_json

    settings = load_settings()

    async def action() -> dict[str, Any]:
        parsed = parse_campaign_id(campaign_id)
        async with reading(settings) as session:
            scope = await _scope(session, as_user)
            return campaign_json(await CampaignService(session, scope).get(parsed))

    _print_campaign(run(action), as_json)


def _print_campaign(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(data)
        return
    table = Table("Field", "Value", show_header=False, box=None)
    for key, value in data.items():
        shown = ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)
        table.add_row(f"[bold]{key}[/bold]", safe(shown))
    console.print(table)


@campaigns_app.command("create")
def campaigns_create(
    name: Annotated[str, typer.Option(help="Campaign name, stored exactly as typed.")],
    type_: Annotated[
        str, typer.Option("--type", help="email, event, webinar, product_launch, ...")
    ],
    tier: Annotated[int | None, typer.Option(help="1-3; default: from the budget bands.")] = None,
    budget: Annotated[
        str | None, typer.Option(help="Like 30000, 30k, $1.5M, 'EUR 20,000'.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option(help="ISO code; default from the budget or USD.")
    ] = None,
    launch_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    end_date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    channel: Annotated[list[str] | None, typer.Option(help="Repeat for each channel.")] = None,
    audience: Annotated[str | None, typer.Option(help="Target audience.")] = None,
    objective: Annotated[
        str | None, typer.Option(help="Objective, ideally with a KPI target.")
    ] = None,
    description: Annotated[str | None, typer.Option()] = None,
    owner: Annotated[
        str | None, typer.Option(help="Only without --as (with it, that user owns it).")
    ] = None,
    team: Annotated[
        str | None, typer.Option(help="Its team; default: the --as user's only team, or General.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_user: AsOption = None,
) -> None:
    """Create a campaign (status PLANNING)."""
    from mcc.audit.schemas import Actor, AuditSource
    from mcc.campaigns.money import AmountError, currency_of_budget, parse_amount
    from mcc.campaigns.schemas import CampaignCreate
    from mcc.campaigns.service import CampaignService
    from mcc.campaigns.views import campaign_json
    from mcc.validation import parse

    settings = load_settings()
    data: dict[str, Any] = {
        "name": name, "type": type_, "tier": tier, "currency": currency,
        "launch_date": _date_option("launch-date", launch_date),
        "end_date": _date_option("end-date", end_date),
        "channels": channel or [], "target_audience": audience, "objective": objective,
        "description": description, "owner": owner,
    }  # fmt: skip
    if budget is not None:
        try:
            amount, named_currency = parse_amount(budget)
            data["currency"] = currency_of_budget(named_currency, currency)
        except AmountError as error:
            errors.print(f"[red]error:[/red] --budget: {error}", highlight=False)
            raise typer.Exit(1) from None
        data["budget"] = amount

    async def action() -> dict[str, Any]:
        payload = parse(
            CampaignCreate, {k: v for k, v in data.items() if v is not None}, what="campaign"
        )
        async with writing(settings) as session:
            scope = await _scope(session, as_user)
            service = CampaignService(session, scope, Actor(AuditSource.CLI))
            return campaign_json(await service.create(payload, team=team))

    created = run(action)
    if not as_json:
        name = safe(created["name"])
        console.print(f"Created campaign [bold]{name}[/bold] ({created['campaignId']})")
    _print_campaign(created, as_json)


def _date_option(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    from mcc.validation import read_date

    try:
        # Strict: `date.fromisoformat` alone also reads "20260101" and "2026-W01-1".
        return read_date(value)
    except ValueError:
        errors.print(f"[red]error:[/red] --{name}: {value!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(1) from None


__all__ = ["campaigns_app"]
