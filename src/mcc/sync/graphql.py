"""Conflict GraphQL: `campaignConflicts(campaignId)` and `resolveConflict(id, action)`."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from mcc.audit.schemas import Actor, AuditSource
from mcc.campaigns.schemas import parse_campaign_id
from mcc.exceptions import ValidationError
from mcc.graphql.context import Info
from mcc.models import SyncConflict
from mcc.sync.conflicts import ConflictService


@strawberry.type(name="SyncConflict")
class ConflictNode:
    id: strawberry.ID
    campaign_id: strawberry.ID
    field: str
    theirs: str | None
    ours: str | None
    remote_at: datetime = strawberry.field(description="When the remote change was made.")
    remote_by: str | None = strawberry.field(description="Who made it (the backend's user id).")
    backend: str
    state: str = strawberry.field(description="open, accepted, overwritten or settled.")
    resolved_by: str | None
    resolved_at: datetime | None

    @classmethod
    def of(cls, row: SyncConflict) -> ConflictNode:
        return cls(
            id=strawberry.ID(str(row.id)), campaign_id=strawberry.ID(str(row.campaign_id)),
            field=row.field, theirs=row.theirs, ours=row.ours, remote_at=row.remote_at,
            remote_by=row.remote_by, backend=row.backend, state=row.state,
            resolved_by=row.resolved_by, resolved_at=row.resolved_at,
        )  # fmt: skip


def parse_conflict_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError(
            f"Invalid conflict id {str(value)[:40]!r}", {"id": "not a conflict id"}
        ) from None


@strawberry.type
class ConflictQuery:
    @strawberry.field(description="Remote edits to fields MCC owns: open ones first.")
    async def campaign_conflicts(
        self, info: Info, campaign_id: strawberry.ID
    ) -> list[ConflictNode]:
        parsed = parse_campaign_id(campaign_id)
        async with info.context.read() as session:
            rows = await ConflictService(session, info.context.scope).of_campaign(parsed)
            return [ConflictNode.of(row) for row in rows]


@strawberry.type
class ConflictMutation:
    @strawberry.mutation(
        description="accept: take the remote value (audited); overwrite: send ours again."
    )
    async def resolve_conflict(self, info: Info, id: strawberry.ID, action: str) -> ConflictNode:
        conflict_id = parse_conflict_id(id)
        actor = Actor.of(info.context.user, AuditSource.API)
        async with info.context.write() as session:
            row = await ConflictService(session, info.context.scope, actor).resolve(
                conflict_id, action
            )
            return ConflictNode.of(row)
