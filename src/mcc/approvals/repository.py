"""Approval queries: open rounds, what waits for an approver, and team membership checks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mcc.models import Campaign, CampaignApproval, TeamMember, User

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
PENDING_APPROVAL = "PENDING_APPROVAL"  # the campaign's status while a round is open


class ApprovalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, approval: CampaignApproval) -> None:
        self.session.add(approval)

    async def open_round(self, campaign_id: uuid.UUID) -> CampaignApproval | None:
        return await self.session.scalar(
            select(CampaignApproval).where(
                CampaignApproval.campaign_id == campaign_id, CampaignApproval.state == PENDING
            )
        )

    async def rounds(self, campaign_id: uuid.UUID) -> Sequence[CampaignApproval]:
        """A campaign's approval history, newest first."""
        statement = (
            select(CampaignApproval)
            .where(CampaignApproval.campaign_id == campaign_id)
            .order_by(CampaignApproval.created_at.desc(), CampaignApproval.id.desc())
        )
        return (await self.session.scalars(statement)).all()

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def user_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    def _shares_team(self, user_id: uuid.UUID) -> object:
        """The campaign's team is one of the user's; a campaign older than teams (no team)
        counts as its author's teams."""
        mine = select(TeamMember.team_id).where(TeamMember.user_id == user_id)
        theirs = aliased(TeamMember)
        author_in_mine = exists().where(
            theirs.user_id == CampaignApproval.author_id, theirs.team_id.in_(mine)
        )
        return or_(Campaign.team_id.in_(mine), and_(Campaign.team_id.is_(None), author_in_mine))

    async def waiting_for(
        self, user_id: uuid.UUID, level: int, is_admin: bool
    ) -> Sequence[tuple[CampaignApproval, Campaign]]:
        """Open rounds this user may decide: level high enough, their team, not their own."""
        statement = (
            select(CampaignApproval, Campaign)
            .join(Campaign, Campaign.id == CampaignApproval.campaign_id)
            .where(
                CampaignApproval.state == PENDING,
                # A campaign cancelled while it waited is no one's decision any more.
                Campaign.status == PENDING_APPROVAL,
                CampaignApproval.required_level <= level,
                or_(CampaignApproval.author_id.is_(None), CampaignApproval.author_id != user_id),
                or_(Campaign.owner_id.is_(None), Campaign.owner_id != user_id),
            )
            .order_by(CampaignApproval.created_at, CampaignApproval.id)
        )
        if not is_admin:
            statement = statement.where(self._shares_team(user_id))  # type: ignore[arg-type]
        return [(row[0], row[1]) for row in (await self.session.execute(statement)).all()]

    async def in_team_of(self, user_id: uuid.UUID, approval: CampaignApproval) -> bool:
        """Whether the user belongs to the team of the approval's campaign."""
        statement = (
            select(CampaignApproval.id)
            .join(Campaign, Campaign.id == CampaignApproval.campaign_id)
            .where(CampaignApproval.id == approval.id, self._shares_team(user_id))  # type: ignore[arg-type]
        )
        return await self.session.scalar(statement) is not None
