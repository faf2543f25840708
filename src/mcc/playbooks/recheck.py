"""Re-check on change: what the rules in force would change in the open campaigns.

When the tier policy or a checklist changes, nothing changes silently: each open campaign (not
completed or cancelled) whose tier, approver or plan the current rules would change is listed,
for an admin to apply (the change, its sync to the work-management system and an audit entry
commit together) or to dismiss (recorded on the campaign with the proposal it dismissed, so the
same proposal is not listed again, and audited; a later rule change lists it afresh).

A tier the caller set (by hand, or the assistant's verdict with its flagship and stated-tier
criteria) is kept; only a tier the policy derived from the budget and channels follows the
policy. Tasks given explicitly are kept too; a plan that came from a checklist follows it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import Actor
from mcc.campaigns.plans import PlannedTask
from mcc.campaigns.schemas import CampaignStatus
from mcc.campaigns.service import CREATE_PROJECT, UPDATE_PROJECT
from mcc.events import CampaignChanged, record
from mcc.exceptions import ConflictError, ForbiddenError, NotFoundError
from mcc.models import Campaign, CampaignTask
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository, enqueue
from mcc.playbooks.planning import Planned, plan_campaign
from mcc.playbooks.repository import PlaybookRepository
from mcc.playbooks.rules import Rules, current_rules
from mcc.sync.payload import exact_requests
from mcc.teams.scope import Scope

ADMINS_ONLY = "Only admins re-check campaigns against changed playbooks"


@dataclass(frozen=True)
class Change:
    field: str  # tier, approver, plan
    current: str
    proposed: str


@dataclass(frozen=True)
class Proposal:
    campaign_id: uuid.UUID
    name: str
    status: str
    changes: tuple[Change, ...]
    planned: Planned
    replan: bool  # the plan's tasks change
    fingerprint: str  # of what is proposed: a dismissal dismisses exactly this

    def as_json(self) -> dict[str, Any]:
        return {
            "campaignId": str(self.campaign_id),
            "name": self.name,
            "status": self.status,
            "changes": [
                {"field": c.field, "current": c.current, "proposed": c.proposed}
                for c in self.changes
            ],
        }


def _tier_follows_policy(campaign: Campaign) -> bool:
    """The policy derived the tier from the budget or the channels: the service did, or the
    assistant's verdict did without a flagship signal or a tier the user stated."""
    if (campaign.provenance or {}).get("rules", {}).get("tierFrom") == "policy":
        return True
    reason = campaign.tier_reason or ""
    if any(word in reason for word in ("set explicitly", "flagship", "you described")):
        return False
    return any(word in reason for word in (": budget ", "by default", " channel"))


def _plan_follows_checklist(campaign: Campaign, tasks: list[CampaignTask]) -> bool:
    return bool((campaign.provenance or {}).get("plan_source")) or not tasks


def _tasks_text(rows: Sequence[tuple[str, str | None, Any, Any]]) -> str:
    return "; ".join(f"{name} ({start}–{due})" for name, _, start, due in rows) or "no tasks"


def propose(
    campaign: Campaign, tasks: list[CampaignTask], rules: Rules, today: Any
) -> Proposal | None:
    """What the current rules would change in `campaign`; None when nothing would."""
    follows = _tier_follows_policy(campaign)
    planned = plan_campaign(
        rules, name=campaign.name, campaign_type=campaign.type, budget=campaign.budget,
        currency=campaign.currency, channels=campaign.channels or [],
        launch=campaign.launch_date, end=campaign.end_date, today=today,
        tier=None if follows else campaign.tier, tier_reason=campaign.tier_reason,
    )  # fmt: skip
    changes: list[Change] = []
    if planned.tier != campaign.tier:
        changes.append(Change("tier", f"Tier {campaign.tier}", planned.reason))
    recorded = (campaign.provenance or {}).get("rules", {}).get("approver")
    current_approver = recorded or (rules.policy.rules[campaign.tier].approver
                                    if campaign.tier in rules.policy.rules else None)  # fmt: skip
    if planned.approver != current_approver:
        changes.append(Change("approver", current_approver or "none", planned.approver or "none"))
    replan = False
    if planned.plan is not None and _plan_follows_checklist(campaign, tasks):
        now = [(t.name, t.owner_role, t.planned_start, t.planned_due) for t in tasks]
        then = [(t.name, t.owner_role, t.start, t.due) for t in planned.plan.tasks]
        if now != then:
            replan = True
            changes.append(Change("plan", _tasks_text(now), f"{_tasks_text(then)} — "
                                  f"{planned.plan.source}"))  # fmt: skip
    if not changes:
        return None
    digest = json.dumps([[c.field, c.proposed] for c in changes], sort_keys=True, default=str)
    fingerprint = hashlib.sha256(f"{campaign.id}:{digest}".encode()).hexdigest()[:16]
    status = campaign.status
    return Proposal(campaign.id, campaign.name, status, tuple(changes), planned, replan,
                    fingerprint)  # fmt: skip


class RecheckService:
    """Admins only: the proposals span every team's campaigns."""

    def __init__(self, session: AsyncSession, scope: Scope, actor: Actor) -> None:
        if not scope.sees_everything:
            raise ForbiddenError(ADMINS_ONLY)
        self.session = session
        self.actor = actor
        self.repository = PlaybookRepository(session)

    async def pending(self) -> list[Proposal]:
        """Open campaigns the current rules would change, minus the proposals dismissed."""
        rules = await current_rules(self.session)
        campaigns = list(await self.repository.open_campaigns())
        tasks = await self.repository.tasks_by_campaign([c.id for c in campaigns])
        found = []
        for campaign in campaigns:
            proposal = propose(campaign, tasks[campaign.id], rules, utcnow().date())
            if proposal is not None and proposal.fingerprint != _dismissed(campaign):
                found.append(proposal)
        return found

    async def _proposal(self, campaign_id: uuid.UUID) -> tuple[Campaign, Proposal, Rules]:
        campaign = await self.repository.open_campaign(campaign_id)
        if campaign is None:
            raise NotFoundError(f"No open campaign {campaign_id}")
        rules = await current_rules(self.session)
        tasks = (await self.repository.tasks_by_campaign([campaign.id]))[campaign.id]
        proposal = propose(campaign, tasks, rules, utcnow().date())
        if proposal is None:
            raise ConflictError(f"The current playbooks change nothing in {campaign.name!r}")
        return campaign, proposal, rules

    async def apply(self, campaign_id: uuid.UUID) -> Proposal:
        campaign, proposal, rules = await self._proposal(campaign_id)
        planned = proposal.planned
        provenance = dict(campaign.provenance or {})
        provenance["rules"] = {
            **rules.sources_json(campaign.type),
            "tierFrom": provenance.get("rules", {}).get("tierFrom", "policy"),
            "approver": planned.approver,
        }
        provenance.pop("rulesCheck", None)
        changed: list[str] = []
        if planned.tier != campaign.tier:
            campaign.tier, campaign.tier_reason = planned.tier, planned.reason
            changed.append("tier")
        stated = provenance.get("tier")
        if isinstance(stated, dict) and stated.get("reason") != campaign.tier_reason:
            # The page shows this as "tier policy: ..." next to "Why:": the old policy's reason
            # beside the new one read as two different tiers.
            provenance["tier"] = {**stated, "tier": campaign.tier, "reason": campaign.tier_reason,
                                  "approver": planned.approver}  # fmt: skip
        if proposal.replan and planned.plan is not None:
            rows = [(t.name, t.owner_role, t.start, t.due) for t in planned.plan.tasks]
            await self.repository.replace_tasks(campaign.id, rows)
            provenance["plan"] = [PlannedTask.as_json(t) for t in planned.plan.tasks]
            provenance["plan_source"] = planned.plan.source
            changed.append("plan")
        campaign.provenance = provenance
        await self.session.flush()
        held = campaign.status == CampaignStatus.PENDING_APPROVAL.value or (
            await OutboxRepository(self.session).has_held(campaign.id)
        )
        if "tier" in changed:
            # `before` names no owned field: the row sends the tier alone, never our objective
            # or budget over an edit made in the work-management system (issue 15, item 6).
            await enqueue(self.session, UPDATE_PROJECT, campaign.id,
                          {"changes": {"tier": campaign.tier}, "before": {}},
                          held=held)  # fmt: skip
        if "plan" in changed:
            # Creation is idempotent: on an existing project it adds only the missing tasks.
            saved = (await self.repository.tasks_by_campaign([campaign.id]))[campaign.id]
            payload = exact_requests(campaign, saved)
            await enqueue(self.session, CREATE_PROJECT, campaign.id, payload, held=held)
        audit.record(
            self.session, self.actor, "playbook_applied", entity_type="campaign",
            entity_id=campaign.id, campaign_id=campaign.id,
            changes={c.field: [c.current, c.proposed] for c in proposal.changes},
        )  # fmt: skip
        record(self.session, CampaignChanged(campaign.id, "updated", tuple(changed)))
        return proposal

    async def dismiss(self, campaign_id: uuid.UUID) -> Proposal:
        campaign, proposal, rules = await self._proposal(campaign_id)
        provenance = dict(campaign.provenance or {})
        provenance["rulesCheck"] = {"dismissed": proposal.fingerprint, "rules": rules.fingerprint}
        campaign.provenance = provenance
        audit.record(
            self.session, self.actor, "playbook_dismissed", entity_type="campaign",
            entity_id=campaign.id, campaign_id=campaign.id,
            changes={c.field: [c.current, c.proposed] for c in proposal.changes},
        )  # fmt: skip
        return proposal


def _dismissed(campaign: Campaign) -> str | None:
    check = (campaign.provenance or {}).get("rulesCheck") or {}
    return str(check.get("dismissed")) if check.get("dismissed") else None
