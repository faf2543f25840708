"""Playbook GraphQL: `playbookRecheck` (what changed rules would change), the admin's
`applyPlaybookRecheck` / `dismissPlaybookRecheck` for one campaign, and a campaign's exact
preview, `campaignExactRequests`."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from mcc.audit.schemas import Actor, AuditSource
from mcc.campaigns.schemas import parse_campaign_id
from mcc.graphql.context import Info
from mcc.playbooks.preview import campaign_requests
from mcc.playbooks.recheck import Proposal, RecheckService


@strawberry.type
class PlaybookChange:
    field: str = strawberry.field(description="tier, approver or plan")
    current: str
    proposed: str


@strawberry.type
class PlaybookRecheck:
    campaign_id: strawberry.ID
    name: str
    status: str
    changes: list[PlaybookChange]

    @classmethod
    def of(cls, proposal: Proposal) -> PlaybookRecheck:
        return cls(
            campaign_id=strawberry.ID(str(proposal.campaign_id)),
            name=proposal.name,
            status=proposal.status,
            changes=[PlaybookChange(field=c.field, current=c.current, proposed=c.proposed)
                     for c in proposal.changes],
        )  # fmt: skip


def _actor(info: Info) -> Actor:
    return Actor.of(info.context.user, AuditSource.API)


@strawberry.type
class PlaybookQuery:
    @strawberry.field(description="Open campaigns the current playbooks would change (admins).")
    async def playbook_recheck(self, info: Info) -> list[PlaybookRecheck]:
        async with info.context.read() as session:
            service = RecheckService(session, info.context.scope, _actor(info))
            return [PlaybookRecheck.of(p) for p in await service.pending()]

    @strawberry.field(
        description="The exact requests the work-management system will receive for the "
        "campaign's project: fields, custom fields, template, every task with its dates (the "
        "same data as the outbox row)."
    )
    async def campaign_exact_requests(self, info: Info, campaign_id: strawberry.ID) -> JSON:
        parsed = parse_campaign_id(campaign_id)
        async with info.context.read() as session:
            return JSON(await campaign_requests(session, info.context.scope, parsed))


@strawberry.type
class PlaybookMutation:
    @strawberry.mutation(description="Apply the current playbooks to a campaign (audited).")
    async def apply_playbook_recheck(
        self, info: Info, campaign_id: strawberry.ID
    ) -> PlaybookRecheck:
        parsed = parse_campaign_id(campaign_id)
        async with info.context.write() as session:
            service = RecheckService(session, info.context.scope, _actor(info))
            return PlaybookRecheck.of(await service.apply(parsed))

    @strawberry.mutation(description="Keep a campaign as it is under the current playbooks.")
    async def dismiss_playbook_recheck(
        self, info: Info, campaign_id: strawberry.ID
    ) -> PlaybookRecheck:
        parsed = parse_campaign_id(campaign_id)
        async with info.context.write() as session:
            service = RecheckService(session, info.context.scope, _actor(info))
            return PlaybookRecheck.of(await service.dismiss(parsed))
