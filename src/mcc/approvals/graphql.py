"""Approval GraphQL: `approveCampaign`, `rejectCampaign`, `pendingApprovals` (mine to decide)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from mcc.approvals.service import ApprovalService
from mcc.audit.schemas import Actor, AuditSource
from mcc.campaigns.graphql import CampaignNode
from mcc.campaigns.schemas import parse_campaign_id
from mcc.graphql.context import Info
from mcc.models import CampaignApproval


@strawberry.type(name="Approval")
class ApprovalNode:
    campaign: CampaignNode
    state: str
    tier: int
    required_role: str
    approver_title: str
    reason: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    comment: str | None

    @classmethod
    def of(cls, approval: CampaignApproval, campaign: CampaignNode) -> ApprovalNode:
        return cls(
            campaign=campaign, state=approval.state, tier=approval.tier,
            required_role=approval.required_role, approver_title=approval.approver_title,
            reason=approval.reason, requested_at=approval.created_at,
            decided_by=approval.decided_by, decided_at=approval.decided_at,
            comment=approval.comment,
        )  # fmt: skip


def _service(info: Info, session: AsyncSession) -> ApprovalService:
    return ApprovalService(session, Actor.of(info.context.user, AuditSource.API))


@strawberry.type
class ApprovalQuery:
    @strawberry.field(description="Campaigns waiting for the caller's approval, oldest first.")
    async def pending_approvals(self, info: Info) -> list[ApprovalNode]:
        async with info.context.read() as session:
            waiting = await _service(info, session).waiting()
            return [ApprovalNode.of(a, CampaignNode.from_model(c)) for a, c in waiting]


@strawberry.type
class ApprovalMutation:
    @strawberry.mutation(description="Approve a campaign waiting for you; releases its sync.")
    async def approve_campaign(
        self, info: Info, id: strawberry.ID, comment: str | None = None
    ) -> CampaignNode:
        campaign_id = parse_campaign_id(id)
        async with info.context.write() as session:
            campaign = await _service(info, session).approve(campaign_id, comment)
            return CampaignNode.from_model(campaign)

    @strawberry.mutation(description="Return a campaign to its owner with what to change.")
    async def reject_campaign(self, info: Info, id: strawberry.ID, comment: str) -> CampaignNode:
        campaign_id = parse_campaign_id(id)
        async with info.context.write() as session:
            campaign = await _service(info, session).reject(campaign_id, comment)
            return CampaignNode.from_model(campaign)
