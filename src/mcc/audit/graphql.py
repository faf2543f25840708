"""Audit GraphQL: `auditLog(campaignId, limit)`, newest first."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from mcc.audit import service
from mcc.campaigns.repository import CampaignRepository
from mcc.campaigns.schemas import parse_campaign_id
from mcc.exceptions import ForbiddenError, NotFoundError
from mcc.graphql.context import Info
from mcc.models import AuditEntry


@strawberry.type(name="AuditEntry")
class AuditEntryNode:
    at: datetime
    actor: str = strawberry.field(description='An email, or "sync" / "system".')
    actor_id: strawberry.ID | None
    source: str = strawberry.field(description="chat, api, ui, cli, sync or system.")
    action: str
    entity_type: str
    entity_id: str
    campaign_id: strawberry.ID | None
    changes: JSON = strawberry.field(description="{field: [before, after]}")
    comment: str | None

    @classmethod
    def from_model(cls, entry: AuditEntry) -> AuditEntryNode:
        return cls(
            at=entry.at,
            actor=entry.actor,
            actor_id=strawberry.ID(str(entry.actor_id)) if entry.actor_id else None,
            source=entry.source,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            campaign_id=strawberry.ID(str(entry.campaign_id)) if entry.campaign_id else None,
            changes=JSON(entry.changes),
            comment=entry.comment,
        )


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Who changed what and when; one campaign's, or everything.")
    async def audit_log(
        self, info: Info, campaign_id: strawberry.ID | None = None, limit: int | None = None
    ) -> list[AuditEntryNode]:
        wanted = parse_campaign_id(campaign_id) if campaign_id is not None else None
        user = info.context.user
        if wanted is None and (user is None or not user.is_admin):
            # Everyone's changes across every team: an administrator's view only.
            raise ForbiddenError(
                "Only administrators can read the whole audit log; pass campaignId"
            )
        async with info.context.read() as session:
            visible = CampaignRepository(session, info.context.scope)
            if wanted is not None and await visible.get(wanted) is None:
                # Another team's campaign does not exist for this caller: nor does its history.
                raise NotFoundError(f"No campaign with id {wanted}")
            entries = await service.history(session, wanted, limit)
            return [AuditEntryNode.from_model(entry) for entry in entries]
