"""Campaign GraphQL: the plan's `Campaign`, `listCampaigns`, `createCampaign`, `updateCampaign`,
and the `onCampaignUpdated` subscription.

Field names are the plan's (camelCase, `campaignId`), so its clients and locustfile work; fields
beyond the plan (budget, dates, channels, sync state) are additions, never renames. The Python
class is `CampaignNode` (`CampaignNode` is the enum of campaign types in `schemas.py`); clients
still see the type as `Campaign`.

The subscription is fed by the same `EventBus` as the web UI's live feed, so a change from chat,
the API or a Workfront webhook reaches the dashboard and GraphQL subscribers alike. Each event
reloads the campaign after its commit; one deleted meanwhile is skipped rather than sent as null.

Every field acts for the caller's scope (`mcc.teams.scope`): a campaign of another team is null
or NOT_FOUND, and the subscription never sends it. `owner` is set by the server from the signed-in
user; an `owner` in an input is refused (VALIDATION) rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from sqlalchemy import Row
from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case

from mcc.audit.schemas import Actor, AuditSource
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import (
    CampaignCreate,
    CampaignFilters,
    CampaignUpdate,
    parse_campaign_id,
)
from mcc.campaigns.service import CampaignService
from mcc.exceptions import ValidationError
from mcc.graphql.context import Info
from mcc.models import Campaign as CampaignModel
from mcc.portfolio.graphql import PortfolioWarningNode, campaign_warnings
from mcc.validation import parse


@strawberry.type(name="Campaign")
class CampaignNode:
    campaign_id: strawberry.ID
    name: str
    type: str
    tier: int
    tier_reason: str | None
    status: str
    description: str | None
    target_audience: str | None
    objective: str | None
    budget: Decimal | None
    currency: str | None
    launch_date: date | None
    end_date: date | None
    channels: list[str]
    owner: str | None
    project_id: str | None
    project_url: str | None
    project_status: str | None
    percent_complete: int | None
    last_synced_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    # The plan named these for Workfront; its clients still ask for them, whatever the backend.
    @strawberry.field(description="The plan's name for projectId.")
    def workfront_project_id(self) -> str | None:
        return self.project_id

    @strawberry.field(description="The plan's name for projectUrl.")
    def workfront_url(self) -> str | None:
        return self.project_url

    @strawberry.field(description="The former name of projectStatus.")
    def workfront_status(self) -> str | None:
        return self.project_status

    @strawberry.field(
        description="Launch collisions, audience overlap and the quarter budget, as on the "
        "campaign page: other teams' campaigns are counted, never named. Warnings never block."
    )
    async def portfolio_warnings(self, info: Info) -> list[PortfolioWarningNode]:
        return await campaign_warnings(info, parse_campaign_id(self.campaign_id))

    @classmethod
    def from_row(cls, row: Row[Any]) -> CampaignNode:
        """A node with only the fields the row has (the ones the query asked for): strawberry
        reads a field by attribute, so the ones left out are never looked at."""
        node = cls.__new__(cls)
        values = row._asdict()
        values["campaign_id"] = strawberry.ID(str(values.pop("id")))
        vars(node).update(values)
        return node

    @classmethod
    def from_model(cls, campaign: CampaignModel) -> CampaignNode:
        return cls(
            campaign_id=strawberry.ID(str(campaign.id)),
            name=campaign.name,
            type=campaign.type,
            tier=campaign.tier,
            tier_reason=campaign.tier_reason,
            status=campaign.status,
            description=campaign.description,
            target_audience=campaign.target_audience,
            objective=campaign.objective,
            budget=campaign.budget,
            currency=campaign.currency,
            launch_date=campaign.launch_date,
            end_date=campaign.end_date,
            channels=list(campaign.channels),
            owner=campaign.owner,
            project_id=campaign.project_id,
            project_url=campaign.project_url,
            project_status=campaign.project_status,
            percent_complete=campaign.percent_complete,
            last_synced_at=campaign.last_synced_at,
            version=campaign.version,
            created_at=campaign.created_at,
            updated_at=campaign.updated_at,
        )


# GraphQL field name -> the Campaign column it reads (every CampaignNode field is one column).
_COLUMNS = {to_camel_case(name): name for name in CampaignNode.__annotations__} | {
    "campaignId": "id",
    "workfrontProjectId": "project_id",
    "workfrontUrl": "project_url",
    "workfrontStatus": "project_status",
    "portfolioWarnings": "id",  # resolved from the campaign's id
}
_COLUMNS.pop("campaign_id", None)


def _item_names(selections: list[Selection], under_items: bool) -> Iterator[str]:
    """The Campaign fields selected under `items`, fragments (named or inline) followed."""
    for selection in selections:
        if not isinstance(selection, SelectedField):
            yield from _item_names(selection.selections, under_items)
        elif under_items:
            yield selection.name
        elif selection.name == "items":
            yield from _item_names(selection.selections, True)


def requested_columns(info: Info) -> set[str]:
    """The columns `listCampaigns` must read for this query's `items` selection."""
    names = _item_names(info.selected_fields[0].selections, False)
    return {_COLUMNS[name] for name in names if name in _COLUMNS}


@strawberry.type
class CampaignConnection:
    items: list[CampaignNode]
    next_token: str | None


@strawberry.input
class CreateCampaignInput:
    name: str
    type: str
    tier: int | None = None
    description: str | None = None
    target_audience: str | None = None
    objective: str | None = None
    budget: Decimal | None = None
    currency: str | None = None
    launch_date: date | None = None
    end_date: date | None = None
    channels: list[str] | None = None
    owner: str | None = strawberry.field(
        default=None, description="Refused: the owner is whoever creates the campaign."
    )
    team: str | None = strawberry.field(
        default=None,
        description="The team it is for (by name); needed only when you are in several teams.",
    )


@strawberry.input
class UpdateCampaignInput:
    name: str | None = strawberry.UNSET
    status: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    type: str | None = strawberry.UNSET
    tier: int | None = strawberry.UNSET
    target_audience: str | None = strawberry.UNSET
    objective: str | None = strawberry.UNSET
    budget: Decimal | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    launch_date: date | None = strawberry.UNSET
    end_date: date | None = strawberry.UNSET
    channels: list[str] | None = strawberry.UNSET
    owner: str | None = strawberry.field(
        default=strawberry.UNSET, description="Refused: the owner is not edited."
    )
    expected_version: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="The version you loaded; refused with CONFLICT if the campaign changed since.",
    )


def _given(data: object) -> dict[str, Any]:
    """The input's fields the client actually sent (UNSET ones are left out)."""
    fields = vars(data)
    return {name: value for name, value in fields.items() if value is not strawberry.UNSET}


def _refuse_owner(fields: dict[str, Any]) -> None:
    """An `owner` the client sent (even null, in an update) is refused, not silently dropped."""
    if "owner" in fields:
        raise ValidationError(
            "owner is set by the server (whoever creates the campaign); leave it out",
            {"owner": "set by the server"},
        )


@strawberry.type
class CampaignQuery:
    @strawberry.field(description="One campaign by id; null when there is none.")
    async def get_campaign(self, info: Info, id: strawberry.ID) -> CampaignNode | None:
        campaign_id = parse_campaign_id(id)
        async with info.context.read() as session:
            campaign = await CampaignService(session, info.context.scope).repository.get(
                campaign_id
            )
            return CampaignNode.from_model(campaign) if campaign else None

    @strawberry.field(description="Campaigns, newest first, filtered; pass nextToken for more.")
    async def list_campaigns(
        self,
        info: Info,
        limit: int | None = None,
        next_token: str | None = None,
        status: str | None = None,
        tier: int | None = None,
        type: str | None = None,
        search: str | None = None,
    ) -> CampaignConnection:
        filters = parse(
            CampaignFilters,
            {"status": status, "tier": tier, "type": type, "search": search},
            what="filter",
        )
        columns = requested_columns(info)  # only these are read: no entities, no other columns
        async with info.context.read() as session:
            page = await CampaignService(session, info.context.scope).list_columns(
                columns, filters, limit=limit, next_token=next_token
            )
        return CampaignConnection(
            items=[CampaignNode.from_row(row) for row in page.items], next_token=page.next_token
        )


@strawberry.type
class CampaignMutation:
    @strawberry.mutation
    async def create_campaign(self, info: Info, input: CreateCampaignInput) -> CampaignNode:
        data = {name: value for name, value in vars(input).items() if value is not None}
        _refuse_owner(data)
        team = data.pop("team", None)
        payload = parse(CampaignCreate, data, what="campaign")
        async with info.context.write() as session:
            campaign = await CampaignService(session, info.context.scope, _api_actor(info)).create(
                payload, team=team
            )
            return CampaignNode.from_model(campaign)

    @strawberry.mutation
    async def update_campaign(
        self, info: Info, id: strawberry.ID, input: UpdateCampaignInput
    ) -> CampaignNode:
        campaign_id = parse_campaign_id(id)
        given = _given(input)
        _refuse_owner(given)
        changes = parse(CampaignUpdate, given, what="campaign update")
        async with info.context.write() as session:
            service = CampaignService(session, info.context.scope, _api_actor(info))
            campaign = await service.update(campaign_id, changes)
            return CampaignNode.from_model(campaign)


def _api_actor(info: Info) -> Actor:
    return Actor.of(info.context.user, AuditSource.API)


@strawberry.type
class CampaignSubscription:
    @strawberry.subscription(
        description="Every campaign change after it is committed; pass campaignId to follow one."
    )
    async def on_campaign_updated(
        self, info: Info, campaign_id: strawberry.ID | None = None
    ) -> AsyncGenerator[CampaignNode, None]:
        wanted = parse_campaign_id(campaign_id) if campaign_id is not None else None
        scope = info.context.scope  # fixed at subscription time, like the SSE feed's
        async with info.context.db.events.subscribe() as events:
            async for event in events:
                if wanted is not None and event.campaign_id != wanted:
                    continue
                async with info.context.read() as session:
                    campaign = await CampaignRepository(session, scope).get(event.campaign_id)
                    if campaign is not None:
                        yield CampaignNode.from_model(campaign)
