"""Campaign rules: creation, partial updates with optimistic locking, status transitions.

Services never commit (the edge does, see `mcc.db`); they flush when they need the database to
check something, and raise `MCCError`s that every transport renders the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from mcc.approvals.service import APPROVAL_FIELDS, ApprovalService
from mcc.audit import service as audit
from mcc.audit.schemas import SYSTEM, Actor
from mcc.audit.schemas import diff as audit_diff
from mcc.campaigns.assembly import assemble
from mcc.campaigns.edited import edited_provenance
from mcc.campaigns.owned import owned_values
from mcc.campaigns.repository import CampaignRepository, decode_cursor, encode_cursor
from mcc.campaigns.schemas import (
    ALLOWED_TRANSITIONS,
    CampaignCreate,
    CampaignFilters,
    CampaignStatus,
    CampaignUpdate,
)
from mcc.campaigns.tiers import tier_from_budget
from mcc.events import CampaignChanged, record
from mcc.exceptions import ConflictError, NotFoundError, ValidationError
from mcc.models import Campaign
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository, enqueue
from mcc.pilot import recording as pilot
from mcc.playbooks.rules import current_rules
from mcc.sync.payload import exact_requests
from mcc.teams.scope import Scope
from mcc.teams.service import TeamService

# Outbox topics this service writes; `mcc.sync.outbound` handles them.
CREATE_PROJECT = "workmgmt.create_project"
UPDATE_PROJECT = "workmgmt.update_project"
# Fields mirrored onto the project when a user changes them here.
REMOTE_FIELDS = frozenset(
    {"name", "description", "status", "objective", "target_audience", "budget", "currency",
     "tier", "type"}
)  # fmt: skip
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class CampaignPage:
    items: list[Campaign]
    next_token: str | None


@dataclass
class CampaignRowPage:
    items: list[Row[Any]]  # each has the columns asked for, plus `id` and `created_at`
    next_token: str | None


def _page_request(
    limit: int | None, next_token: str | None
) -> tuple[int, tuple[datetime, uuid.UUID] | None]:
    """The page size and the position after which it starts; a bad one is a ValidationError."""
    size = DEFAULT_PAGE_SIZE if limit is None else limit
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError(
            f"Invalid limit {size}: use 1 to {MAX_PAGE_SIZE}",
            {"limit": f"must be between 1 and {MAX_PAGE_SIZE}"},
        )
    return size, decode_cursor(next_token) if next_token else None


class CampaignService:
    """Acts for `scope` (default: the system): it reads only the campaigns the scope sees and
    refuses changes it may not make, so every door that passes the caller's scope is covered.
    `actor` is who acts and through which door, for the audit log and the approval rules (each
    transport passes its own; the default is work nobody asked for)."""

    def __init__(
        self, session: AsyncSession, scope: Scope | None = None, actor: Actor = SYSTEM
    ) -> None:
        self.session = session
        self.scope = scope or Scope.system()
        self.actor = actor
        self.repository = CampaignRepository(session, self.scope)
        self.approvals = ApprovalService(session, actor)

    async def create(
        self,
        data: CampaignCreate,
        *,
        actor: str | None = None,
        campaign_id: uuid.UUID | None = None,
        team: str | None = None,
    ) -> Campaign:
        """`campaign_id` lets a caller that announced the id before writing (the assistant's
        staged creation) keep it. The campaign belongs to `team` (one of the caller's; implied
        when they have one) and is owned by the caller: its `owner` is their email, whatever
        the data says (only the system, acting for no one, may name an owner)."""
        self.scope.require_edit()
        team_id = await TeamService(self.session).team_for_new_campaign(self.scope, team)
        rules = await current_rules(self.session)
        campaign_id = campaign_id or uuid.uuid4()
        built = assemble(rules, data, today=utcnow().date(), campaign_id=campaign_id)
        planned, campaign, rows = built.planned, built.campaign, built.tasks
        provenance = dict(data.provenance)
        provenance["rules"] = {
            **rules.sources_json(data.type.value), "tierFrom": "policy" if planned.from_policy
            else "given", "approver": planned.approver,
        }  # fmt: skip
        if built.from_checklist and planned.plan is not None:
            provenance["plan"] = [task.as_json() for task in planned.plan.tasks]
            provenance["plan_source"] = planned.plan.source
        if planned.warnings and "warnings" not in provenance:
            provenance["warnings"] = list(planned.warnings)
        campaign.owner = self.scope.email or data.owner or actor
        campaign.owner_id = self.scope.user_id
        campaign.team_id = team_id
        campaign.provenance = provenance
        await self.repository.add(campaign)
        self.session.add_all(rows)
        # The project is created after commit by the outbox worker, never inside this request
        # (and only once approved, when the tier needs it: `request` holds the row). The row
        # carries the exact requests, as the campaign page's preview shows them.
        await enqueue(self.session, CREATE_PROJECT, campaign.id, exact_requests(campaign, rows))
        await pilot.campaign_confirmed(self.session, campaign.id)  # the pilot's creation figures
        audit.record(
            self.session, self.actor, "created", entity_type="campaign", entity_id=campaign.id,
            campaign_id=campaign.id,
            changes={name: [None, value] for name, value in _audited(campaign).items()
                     if value not in (None, [])},
        )  # fmt: skip
        await self.approvals.request(campaign, f"new Tier {campaign.tier} campaign")
        record(self.session, CampaignChanged(campaign.id, "created", source=actor or "mcc"))
        return campaign

    async def get(self, campaign_id: uuid.UUID) -> Campaign:
        campaign = await self.repository.get(campaign_id)
        if campaign is None:
            raise NotFoundError(f"Campaign {campaign_id} not found")
        return campaign

    async def list(
        self,
        filters: CampaignFilters | None = None,
        *,
        limit: int | None = None,
        next_token: str | None = None,
    ) -> CampaignPage:
        size, after = _page_request(limit, next_token)
        rows = list(await self.repository.list_page(filters or CampaignFilters(), size, after))
        items = rows[:size]
        last = items[-1] if len(rows) > size and items else None
        return CampaignPage(items, encode_cursor(last.created_at, last.id) if last else None)

    async def list_columns(
        self,
        columns: Iterable[str],
        filters: CampaignFilters | None = None,
        *,
        limit: int | None = None,
        next_token: str | None = None,
    ) -> CampaignRowPage:
        """`list` reading only `columns` (Campaign attribute names), for a client that asked
        for a few fields: the same page, order, scope and `nextToken`."""
        size, after = _page_request(limit, next_token)
        filters = filters or CampaignFilters()
        rows = list(await self.repository.list_columns(filters, size, after, columns))
        items = rows[:size]
        last = items[-1] if len(rows) > size and items else None
        return CampaignRowPage(items, encode_cursor(last.created_at, last.id) if last else None)

    async def count(self, filters: CampaignFilters | None = None) -> int:
        return await self.repository.count(filters or CampaignFilters())

    async def update(self, campaign_id: uuid.UUID, data: CampaignUpdate) -> Campaign:
        """Apply the fields the caller set; a stale `expected_version` is refused, not merged."""
        campaign = await self.get(campaign_id)
        self.scope.require_edit()  # after the look-up: outside the scope is NOT_FOUND, not 403
        if data.expected_version is not None and data.expected_version != campaign.version:
            raise ConflictError(
                f"Campaign {campaign_id} changed since you loaded it (version {campaign.version}, "
                f"yours {data.expected_version}); reload it and apply your change again"
            )
        changes = data.changes()
        changed_fields = tuple(sorted(changes))
        before = _audited(campaign)
        changes_for_remote = {k: v for k, v in changes.items() if k in REMOTE_FIELDS}
        # What the remote should still have from us: a different value there when the row is
        # delivered is someone else's edit, which the row then leaves alone (a conflict instead).
        remote_before = owned_values(campaign, changes_for_remote)
        if "status" in changes:
            self._check_transition(campaign, changes.pop("status"))
        self._check_dates(campaign, changes)
        budget_changed = "budget" in changes or "currency" in changes
        if budget_changed:
            self._apply_budget(campaign, changes)
        if "tier" in changes:
            campaign.tier_reason = f"Tier {changes['tier']}: set explicitly"
        elif budget_changed and _from_budget_bands(campaign.tier_reason):
            # The tier came from the budget alone, so it follows the budget; a tier set by hand
            # or by the assistant's policy (flagship event, channels) stays as it was.
            policy = (await current_rules(self.session)).policy
            campaign.tier, campaign.tier_reason = tier_from_budget(
                campaign.budget, campaign.currency, campaign.channels, policy
            )
        if "tier" in changes or budget_changed or "channels" in changes:
            await self._hold_the_policy_floor(campaign, changes)
        for name, value in changes.items():
            setattr(campaign, name, value.value if name == "type" else value)
        diff = audit_diff(before, _audited(campaign))
        if diff:
            campaign.provenance = edited_provenance(
                campaign.provenance, diff, self.actor, channels_before=before["channels"] or [],
                channels_after=campaign.channels or [], tier_reason=campaign.tier_reason,
            )  # fmt: skip
        try:
            await self.session.flush()
        except StaleDataError:
            raise ConflictError(
                f"Campaign {campaign_id} was changed by someone else at the same time; "
                "reload it and apply your change again"
            ) from None
        pushed = {name: _jsonable(changes_for_remote[name]) for name in changes_for_remote}
        if pushed:
            held = campaign.status == CampaignStatus.PENDING_APPROVAL.value or (
                await OutboxRepository(self.session).has_held(campaign.id)
            )
            payload: dict[str, Any] = {"changes": pushed, "before": remote_before}
            await enqueue(self.session, UPDATE_PROJECT, campaign.id, payload, held=held)
        if diff:
            action = "status_changed" if set(diff) == {"status"} else "updated"
            audit.record(self.session, self.actor, action, entity_type="campaign",
                         entity_id=campaign.id, campaign_id=campaign.id, changes=diff)  # fmt: skip
        await self._ask_again(campaign, before["status"], set(diff))
        record(self.session, CampaignChanged(campaign.id, "updated", changed_fields))
        return campaign

    async def _hold_the_policy_floor(self, campaign: Campaign, changes: dict[str, Any]) -> None:
        """A tier never less demanding than the policy's for the budget and channels, as at
        creation (`playbooks.planning.plan`): a marketer set Tier 3 on their $250,000 campaign
        in the edit form, and its approval went from the VP to a manager (s29/n2). A tier asked
        for is refused; a tier set earlier that a new budget or channel outgrows is raised."""
        tier = changes.get("tier", campaign.tier)
        policy = (await current_rules(self.session)).policy
        floor = policy.classify(
            budget=campaign.budget, currency=campaign.currency,
            channels=list(changes.get("channels", campaign.channels) or []), flagship=None,
            stated_tier=None,
        )  # fmt: skip
        if floor.tier is None or floor.tier >= tier:
            return
        if "tier" in changes:
            allowed = " or ".join(str(number) for number in range(1, floor.tier + 1))
            raise ValidationError(
                f"Tier {tier} is less demanding than the policy asks: {floor.reason}",
                {"tier": f"must be Tier {allowed} for this campaign ({floor.reason})"},
            )
        campaign.tier = floor.tier
        campaign.tier_reason = f"{floor.reason} (it was Tier {tier}; the policy requires more)"

    async def _ask_again(self, campaign: Campaign, status_before: str, changed: set[str]) -> None:
        """A resubmission, or a new budget, tier or launch date, goes back to the approver."""
        if campaign.status in _FINAL:
            return
        resubmitted = "status" in changed and campaign.status == CampaignStatus.PENDING_APPROVAL
        replanned = changed & APPROVAL_FIELDS
        if resubmitted or replanned:
            what = ", ".join(sorted(replanned)) or "resubmitted"
            reason = f"{what} changed" if replanned else "resubmitted by its owner"
            asked = await self.approvals.request(campaign, reason)
            if asked is None and resubmitted:
                # Nobody needs to approve (an admin resubmitted, or the tier needs no approval
                # any more): it goes ahead as if approved.
                campaign.status = CampaignStatus.PLANNING.value
                await OutboxRepository(self.session).release(campaign.id)

    @staticmethod
    def _check_transition(campaign: Campaign, target: CampaignStatus) -> None:
        current = CampaignStatus(campaign.status)
        if target != current and target not in ALLOWED_TRANSITIONS[current]:
            allowed = sorted(status.value for status in ALLOWED_TRANSITIONS[current])
            options = ", ".join(allowed) if allowed else f"nothing: {current.value} is final"
            raise ConflictError(
                f"Cannot move campaign from {current.value} to {target.value}; allowed: {options}"
            )
        campaign.status = target.value

    @staticmethod
    def _check_dates(campaign: Campaign, changes: dict[str, Any]) -> None:
        launch = changes.get("launch_date", campaign.launch_date)
        end = changes.get("end_date", campaign.end_date)
        if launch and end and end < launch:
            raise ValidationError(
                f"Invalid campaign: end_date {end} is before launch_date {launch}",
                {"end_date": "must be on or after launch_date"},
            )

    @staticmethod
    def _apply_budget(campaign: Campaign, changes: dict[str, Any]) -> None:
        currency_given = changes.get("currency") is not None
        budget = changes.pop("budget", campaign.budget)
        currency = changes.pop("currency", campaign.currency)
        if budget is None:
            if currency_given:
                raise ValidationError(
                    "Invalid campaign: currency given without a budget",
                    {"currency": "set a budget too"},
                )
            currency = None
        elif currency is None:
            currency = "USD"
        campaign.budget, campaign.currency = budget, currency


_FINAL = frozenset({CampaignStatus.COMPLETED.value, CampaignStatus.CANCELLED.value})
_AUDITED = ("name", "type", "tier", "status", "description", "target_audience", "objective",
            "budget", "currency", "launch_date", "end_date", "channels", "owner")  # fmt: skip


def _audited(campaign: Campaign) -> dict[str, Any]:
    return {name: getattr(campaign, name) for name in _AUDITED}


def _jsonable(value: Any) -> Any:
    """Outbox payloads are JSON: enums by value, decimals as strings."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def _from_budget_bands(reason: str | None) -> bool:
    return bool(reason) and (": budget " in (reason or "") or "by default" in (reason or ""))
