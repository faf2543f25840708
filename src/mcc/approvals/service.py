"""Approval rules: when a campaign must wait, who may decide, and what a decision releases.

The tier policy names the approving role of each tier (`TierRule.approver_role`). A campaign a
person creates, or whose budget, tier or launch date a person changes, waits in PENDING_APPROVAL
with its outbox rows held until a member of its team at that level or above approves it. Nobody
decides on their own campaign. Admins hold every approval right, so their own changes are not
held (the first user of an install is an admin, and must be able to work alone); sync and system
work is never held either: it changes no strategy field. Services never commit: the decision,
the released rows, the Workfront note and the audit entry commit together at the edge.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.approvals.repository import APPROVED, PENDING, REJECTED, ApprovalRepository
from mcc.audit import service as audit
from mcc.audit.schemas import Actor
from mcc.auth.schemas import Role
from mcc.campaigns.schemas import CampaignStatus
from mcc.campaigns.tiers import TierPolicy, TierRule, load_policy
from mcc.config import get_settings
from mcc.events import CampaignChanged, record
from mcc.exceptions import ConflictError, ForbiddenError, NotFoundError, ValidationError
from mcc.models import Campaign, CampaignApproval
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository, enqueue
from mcc.playbooks.rules import current_rules
from mcc.validation import bad_text

ADD_NOTE = "workmgmt.add_note"  # handled by `mcc.sync.outbound`
# A change to one of these after approval asks again.
APPROVAL_FIELDS = frozenset({"budget", "currency", "tier", "launch_date"})
COMMENT_MAX = 2000
ROLE_TITLES = {Role.MANAGER: "Manager", Role.DIRECTOR: "Director", Role.VP: "VP"}


def rule_for(tier: int, policy: TierPolicy | None = None) -> TierRule | None:
    """The tier's rule when the tier needs approval, else None. `policy`: the one in force
    (`mcc.playbooks.rules`); without it, the installation's file."""
    policy = policy or load_policy(get_settings().tier_policy_file)
    rule = policy.rules.get(tier)
    return rule if rule is not None and rule.approver_role is not None else None


def needs_approval(
    tier: int, role: Role | None, policy: TierPolicy | None = None
) -> TierRule | None:
    """The rule to wait for when a person of `role` creates or re-plans a campaign of `tier`."""
    if role is None or role is Role.ADMIN:
        return None
    return rule_for(tier, policy)


def waiting_for(rule: TierRule) -> str:
    """ "VP approval (VP of Marketing)": what the campaign waits for, in words."""
    assert rule.approver_role is not None
    return f"{ROLE_TITLES.get(rule.approver_role, rule.approver_role.value)} approval"


def _comment(text: str | None, *, required: bool) -> str | None:
    value = (text or "").strip()
    # A NUL stored on SQLite, and failed PostgreSQL's insert as an INTERNAL error (sweep).
    problem = bad_text(value, "comment")
    if problem is not None:
        raise ValidationError(f"Invalid comment: {problem[1]}", {"comment": problem[1]})
    if required and not value:
        raise ValidationError(
            "A rejection needs a comment: tell the owner what to change",
            {"comment": "must not be empty"},
        )
    if len(value) > COMMENT_MAX:
        raise ValidationError(
            f"Comment too long: {len(value)} characters, at most {COMMENT_MAX}",
            {"comment": f"at most {COMMENT_MAX} characters"},
        )
    return value or None


class ApprovalService:
    def __init__(self, session: AsyncSession, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        self.repository = ApprovalRepository(session)

    async def request(self, campaign: Campaign, reason: str) -> CampaignApproval | None:
        """Make the campaign wait for its tier's approver when the actor's change needs it.

        Holds every outbox row of the campaign not yet out, this change's included. A campaign
        already waiting keeps its round, updated to the tier it has now.
        """
        if self.actor.role is None or self.actor.role is Role.ADMIN:
            return None
        # The approver of the policy in force: an uploaded policy moves it in every process.
        policy = (await current_rules(self.session)).policy
        rule = needs_approval(campaign.tier, self.actor.role, policy)
        if rule is None or rule.approver_role is None:
            return None
        approval = await self.repository.open_round(campaign.id)
        if approval is None:
            approval = CampaignApproval(
                campaign_id=campaign.id, state=PENDING, author_id=self.actor.user_id,
                resume_status=_resume_status(campaign.status),
                tier=0, required_role="", required_level=0, approver_title="", reason="",
            )  # fmt: skip
            self.repository.add(approval)
        approval.tier, approval.reason = campaign.tier, reason
        approval.required_role = rule.approver_role.value
        approval.required_level = rule.approver_role.level
        approval.approver_title = rule.approver
        before = campaign.status
        campaign.status = CampaignStatus.PENDING_APPROVAL.value
        await self.session.flush()
        await OutboxRepository(self.session).hold(campaign.id)
        audit.record(
            self.session, self.actor, "approval_requested", entity_type="campaign",
            entity_id=campaign.id, campaign_id=campaign.id,
            changes={"status": [before, campaign.status]} if before != campaign.status else {},
            comment=f"{reason}; waits for {waiting_for(rule)} ({rule.approver})",
        )  # fmt: skip
        return approval

    async def approve(self, campaign_id: uuid.UUID, comment: str | None) -> Campaign:
        text = _comment(comment, required=False)
        campaign, approval = await self._pending(campaign_id)
        before = campaign.status
        approval.state = APPROVED
        self._decided(approval, text)
        campaign.status = approval.resume_status
        who = f"{self.actor.name} (Tier {approval.tier}, {approval.approver_title})"
        note = f"Approved in MCC by {who}"
        await enqueue(self.session, ADD_NOTE, campaign.id,
                      {"text": f"{note}: {text}" if text else note}, held=True)  # fmt: skip
        # The held rows go in the order they were written: the project, its updates, the notes.
        await OutboxRepository(self.session).release(campaign.id)
        self._log("approved", campaign, before, text)
        return campaign

    async def reject(self, campaign_id: uuid.UUID, comment: str) -> Campaign:
        text = _comment(comment, required=True)
        campaign, approval = await self._pending(campaign_id)
        before = campaign.status
        approval.state = REJECTED
        self._decided(approval, text)
        campaign.status = CampaignStatus.REJECTED.value
        # Held with the rest: Workfront hears of it only if a later round is approved.
        note = f"Rejected in MCC by {self.actor.name}: {text}"
        await enqueue(self.session, ADD_NOTE, campaign.id, {"text": note}, held=True)
        self._log("rejected", campaign, before, text)
        return campaign

    async def _pending(self, campaign_id: uuid.UUID) -> tuple[Campaign, CampaignApproval]:
        # Locked (PostgreSQL; SQLite's write lock already serialises) and re-read: parallel
        # deciders queue here, and the later ones see the decided status (CONFLICT) instead of
        # failing the version check at commit (a StaleDataError, an INTERNAL error).
        campaign = await self.session.get(
            Campaign, campaign_id, with_for_update=True, populate_existing=True
        )
        if campaign is None:
            raise NotFoundError(f"Campaign {campaign_id} not found")
        approval = await self.repository.open_round(campaign_id)
        if approval is None or campaign.status != CampaignStatus.PENDING_APPROVAL:
            raise ConflictError(
                f"Campaign {campaign_id} is not waiting for approval (status {campaign.status})"
            )
        await self._check_may_decide(campaign, approval)
        return campaign, approval

    async def _check_may_decide(self, campaign: Campaign, approval: CampaignApproval) -> None:
        user_id, role = self.actor.user_id, self.actor.role
        if user_id is None or role is None:
            raise ForbiddenError("Only a signed-in approver can decide on a campaign")
        if user_id in (approval.author_id, campaign.owner_id):
            raise ForbiddenError(
                "You cannot decide on your own campaign: another "
                f"{approval.required_role} of its team must approve it"
            )
        if role is Role.ADMIN:
            return
        if not await self.repository.in_team_of(user_id, approval):
            # As if it did not exist: a campaign of another team is not this user's to see.
            raise NotFoundError(f"Campaign {campaign.id} not found")
        if role.level < approval.required_level:
            raise ForbiddenError(
                f"Tier {approval.tier} needs approval by a {approval.required_role} or above "
                f"({approval.approver_title}); you are a {role.value}"
            )

    def _decided(self, approval: CampaignApproval, comment: str | None) -> None:
        approval.decided_by_id, approval.decided_by = self.actor.user_id, self.actor.name
        approval.decided_at, approval.comment = utcnow(), comment

    def _log(self, action: str, campaign: Campaign, before: str, comment: str | None) -> None:
        audit.record(
            self.session, self.actor, action, entity_type="campaign", entity_id=campaign.id,
            campaign_id=campaign.id, changes={"status": [before, campaign.status]},
            comment=comment,
        )  # fmt: skip
        record(self.session, CampaignChanged(campaign.id, "updated", ("status",),
                                             source=self.actor.name))  # fmt: skip

    async def rounds(self, campaign_id: uuid.UUID) -> list[CampaignApproval]:
        return list(await self.repository.rounds(campaign_id))

    async def waiting(self) -> list[tuple[CampaignApproval, Campaign]]:
        """What waits for the actor's decision (nothing for sync, system or a viewer)."""
        if self.actor.user_id is None or self.actor.role is None:
            return []
        return list(
            await self.repository.waiting_for(
                self.actor.user_id, self.actor.role.level, self.actor.role is Role.ADMIN
            )
        )


def _resume_status(status: str) -> str:
    """Back to where it was once approved; a campaign never approved starts planning."""
    if status in {CampaignStatus.PENDING_APPROVAL.value, CampaignStatus.REJECTED.value}:
        return CampaignStatus.PLANNING.value
    return status
