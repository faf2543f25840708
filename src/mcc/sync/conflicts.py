"""Visible conflicts: a remote edit to a field MCC owns waits for a person, in either direction.

Field ownership (`mcc.sync.apply`) makes name, objective and budget ours. When a newer project
state from the work-management system carries a different value for one of them, and no write of
ours is still on its way there (until it lands, the remote is behind by design), the difference
becomes an open `SyncConflict`: theirs, ours, when, who. Nothing changes on either side until a
person decides:

- **accept**: take theirs into the campaign, with an audit entry;
- **overwrite**: send ours again through the outbox (the same `UPDATE_PROJECT` a user edit makes).

A remote edit that puts our value back settles the open conflict on its own. A queued user
change does not overwrite a remote edit made since the remote last had our value (`refused`):
that field is left as theirs, and becomes a conflict too.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.audit import service as audit
from mcc.audit.schemas import SYSTEM, Actor
from mcc.campaigns.money import AmountError, parse_amount
from mcc.campaigns.owned import budget_text
from mcc.campaigns.schemas import CampaignStatus
from mcc.campaigns.service import UPDATE_PROJECT, CampaignService
from mcc.events import CampaignChanged, record
from mcc.exceptions import ConflictError, NotFoundError, ValidationError
from mcc.integrations.workmgmt import RemoteProject
from mcc.models import Campaign, SyncConflict
from mcc.models.base import utcnow
from mcc.outbox.repository import OutboxRepository, enqueue
from mcc.sync.conflict_repository import OPEN, ConflictRepository
from mcc.teams.scope import Scope

NAME_MAX = 200


class Resolution(StrEnum):
    ACCEPT = "accept"  # take theirs
    OVERWRITE = "overwrite"  # send ours again


STATE_AFTER = {Resolution.ACCEPT: "accepted", Resolution.OVERWRITE: "overwritten"}
SETTLED = "settled"  # the remote came back to our value by itself


def _same_budget(theirs: str | None, campaign: Campaign) -> bool:
    if theirs is None or campaign.budget is None:
        return theirs is None and campaign.budget is None
    try:
        amount, currency = parse_amount(theirs)
    except AmountError:
        return theirs == budget_text(campaign)
    return amount == campaign.budget and (currency or campaign.currency) == campaign.currency


def differences(campaign: Campaign, project: RemoteProject) -> dict[str, tuple[str | None, str]]:
    """field -> (ours, theirs) for each owned field the project carries with another value."""
    found: dict[str, tuple[str | None, str]] = {}
    if project.name and project.name != campaign.name:
        found["name"] = (campaign.name, project.name)
    theirs = project.strategy.get("objective")
    if "objective" in project.strategy and (theirs or None) != (campaign.objective or None):
        found["objective"] = (campaign.objective, theirs or "")
    theirs = project.strategy.get("budget")
    if "budget" in project.strategy and not _same_budget(theirs, campaign):
        found["budget"] = (budget_text(campaign), theirs or "")
    return found


async def notice(
    session: AsyncSession,
    campaign: Campaign,
    project: RemoteProject,
    *,
    source: str,
    delivering: uuid.UUID | None = None,
) -> list[SyncConflict]:
    """Record (or refresh) an open conflict for each owned field the newer remote state changed;
    settle open ones it no longer disagrees on. Called by `apply_project` on every newer state."""
    repository = ConflictRepository(session)
    found = differences(campaign, project)
    # No autoflush: the caller may apply inside a read (the assistant's live status check),
    # where the changes already made must not be flushed by these queries.
    with session.no_autoflush:
        opened = list(await repository.of_campaign(campaign.id, only_open=True))
        if not found and not opened:
            return []
        disagreeing = set(found)
        if found and await repository.our_write_pending(campaign.id, besides=delivering):
            found = {}  # the remote has not seen our latest write yet: no disagreement to show
    for stale in opened:
        # Settled only when the remote carries our value again (not merely held back above).
        if stale.field not in disagreeing and _carries(project, stale.field):
            stale.state, stale.resolved_at, stale.resolved_by = SETTLED, utcnow(), source
    return _open(session, campaign, project, found, opened, source=source)


async def refused(
    session: AsyncSession,
    campaign: Campaign,
    project: RemoteProject,
    before: Mapping[str, str | None],
    *,
    source: str,
) -> list[str]:
    """The owned fields a queued update must not send: the project carries neither ours nor a
    value it may still have from us (this row's `before`, recorded when the user changed it, or
    that of another update still queued, which rows delivered out of order leave in place), so
    someone edited it there meanwhile. Each becomes an open conflict; the caller leaves theirs."""
    repository = ConflictRepository(session)
    with session.no_autoflush:
        known: dict[str, list[str | None]] = {field: [value] for field, value in before.items()}
        for payload in await repository.queued_updates(campaign.id):
            for field, value in dict(payload.get("before") or {}).items():
                known.setdefault(field, []).append(value)
        found = {
            field: values
            for field, values in differences(campaign, project).items()
            if field in before
            and not any(_same_text(field, values[1], value) for value in known[field])
        }
        if not found:
            return []
        opened = list(await repository.of_campaign(campaign.id, only_open=True))
    _open(session, campaign, project, found, opened, source=source)
    return sorted(found)


def _same_text(field: str, theirs: str, before: str | None) -> bool:
    if field != "budget" or not theirs or not before:
        return (theirs or None) == (before or None)
    try:
        return parse_amount(theirs) == parse_amount(before)
    except AmountError:
        return theirs == before


def _open(
    session: AsyncSession,
    campaign: Campaign,
    project: RemoteProject,
    found: Mapping[str, tuple[str | None, str]],
    opened: Sequence[SyncConflict],
    *,
    source: str,
) -> list[SyncConflict]:
    """Open (or refresh the open) conflict for each field of `found`: field -> (ours, theirs)."""
    repository = ConflictRepository(session)
    rows: list[SyncConflict] = []
    for field, (ours, theirs) in found.items():
        existing = next((item for item in opened if item.field == field), None)
        row = existing or SyncConflict(
            campaign_id=campaign.id, field=field, state=OPEN, backend=source,
            remote_at=project.updated_at,
        )  # fmt: skip
        if existing is None:
            repository.add(row)
        row.ours, row.theirs = ours, theirs
        # A project read that names no modifier (Asana's) keeps the one an event named.
        row.remote_at, row.remote_by = project.updated_at, project.updated_by or row.remote_by
        rows.append(row)
    record(session, CampaignChanged(campaign.id, "synced", ("conflicts",), source=source))
    return rows


def _carries(project: RemoteProject, field: str) -> bool:
    return bool(project.name) if field == "name" else field in project.strategy


class ConflictService:
    """Lists and resolves conflicts for `scope`: a campaign it cannot see has none (NOT_FOUND),
    and only those who may edit the campaign may resolve them."""

    def __init__(self, session: AsyncSession, scope: Scope, actor: Actor = SYSTEM) -> None:
        self.session = session
        self.scope = scope
        self.actor = actor
        self.repository = ConflictRepository(session)

    async def of_campaign(self, campaign_id: uuid.UUID) -> Sequence[SyncConflict]:
        await CampaignService(self.session, self.scope).get(campaign_id)
        return await self.repository.of_campaign(campaign_id)

    async def resolve(self, conflict_id: uuid.UUID, action: str) -> SyncConflict:
        try:
            resolution = Resolution(action.strip().lower())
        except ValueError:
            raise ValidationError(
                f"Invalid resolution {action[:40]!r}: use accept or overwrite",
                {"action": "accept or overwrite"},
            ) from None
        row = await self.repository.get(conflict_id)
        if row is None:
            raise NotFoundError(f"Conflict {conflict_id} not found")
        try:
            campaign = await CampaignService(self.session, self.scope).get(row.campaign_id)
        except NotFoundError:
            raise NotFoundError(f"Conflict {conflict_id} not found") from None
        self.scope.require_edit()
        if row.state != OPEN:
            raise ConflictError(f"This conflict was already resolved ({row.state})")
        if resolution is Resolution.ACCEPT:
            before = self._take_theirs(campaign, row)
            changes = {row.field: [before, row.theirs]}
        else:
            held = campaign.status == CampaignStatus.PENDING_APPROVAL.value or (
                await OutboxRepository(self.session).has_held(campaign.id)
            )
            # No `before`: ours is sent over theirs (the person chose it), and nothing else.
            payload = {"changes": [row.field], "before": {}}
            await enqueue(self.session, UPDATE_PROJECT, campaign.id, payload, held=held)
            changes = {row.field: [row.theirs, row.ours]}
        row.state, row.resolved_at, row.resolved_by = (
            STATE_AFTER[resolution],
            utcnow(),
            (self.actor.name),
        )
        audit.record(self.session, self.actor, f"conflict_{STATE_AFTER[resolution]}",
                     entity_type="campaign", entity_id=campaign.id, campaign_id=campaign.id,
                     changes=changes)  # fmt: skip
        record(self.session, CampaignChanged(campaign.id, "updated", (row.field,)))
        await self.session.flush()
        return row

    def _take_theirs(self, campaign: Campaign, row: SyncConflict) -> str | None:
        theirs = (row.theirs or "").strip()
        if row.field == "name":
            if not theirs or len(theirs) > NAME_MAX:
                raise ValidationError(
                    f"The remote name can't be used here (1 to {NAME_MAX} characters): overwrite "
                    "it, or rename the campaign here",
                    {"action": "the remote name is not a valid campaign name"},
                )
            before, campaign.name = campaign.name, theirs
            return before
        if row.field == "objective":
            before_objective, campaign.objective = campaign.objective, theirs or None
            return before_objective
        return self._take_budget(campaign, theirs)

    def _take_budget(self, campaign: Campaign, theirs: str) -> str | None:
        before = budget_text(campaign)
        if not theirs:
            campaign.budget = None
            return before
        try:
            amount, currency = parse_amount(theirs)
        except AmountError as error:
            raise ValidationError(
                f"The remote budget {theirs[:40]!r} can't be read ({error}): overwrite it, or "
                "set the budget here",
                {"action": "the remote budget is not an amount"},
            ) from None
        if amount < Decimal(0):
            raise ValidationError("A budget can't be negative", {"action": "negative budget"})
        campaign.budget, campaign.currency = amount, currency or campaign.currency
        return before
