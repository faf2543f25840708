"""Campaign status and lists for the assistant, from the synced data.

A campaign is found by its id, by its exact name, by part of its name, or by a close spelling
(difflib over the most recent campaigns), so "the Q4 launch" finds "Q4 Product Launch". When
several match, the assistant asks which one instead of picking. Each answer reads in its own
short read unit of work: an assistant turn holds no transaction while it runs.
"""

from __future__ import annotations

import difflib
import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from mcc.agent.rendering import show_value
from mcc.agent.staging import ApplyProject, StagedAction
from mcc.campaigns.schemas import CampaignFilters, CampaignStatus
from mcc.campaigns.service import CampaignService
from mcc.db import Database
from mcc.integrations.workmgmt import WorkManagement, WorkManagementError
from mcc.models import Campaign
from mcc.sync.apply import apply_project
from mcc.teams.scope import Scope

_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_NOISE = re.compile(r"\b(?:the|our|my|campaign|project|please|status|of)\b", re.IGNORECASE)
RECENT = 100
LIST_LIMIT = 10


async def find_campaigns(
    session: AsyncSession, reference: str, scope: Scope | None = None
) -> list[Campaign]:
    """The campaigns `reference` can mean, best first (empty when none), among those `scope`
    sees (default: all)."""
    service = CampaignService(session, scope)
    found = _UUID.search(reference)
    if found:
        campaign = await service.repository.get(uuid.UUID(found.group()))
        return [campaign] if campaign is not None else []
    wanted = re.sub(r"\s+", " ", _NOISE.sub(" ", reference)).strip(" ?.!'\"“”")
    if not wanted:
        return []
    page = await service.list(CampaignFilters(search=wanted[:200]), limit=20)
    exact = [c for c in page.items if c.name.casefold() == wanted.casefold()]
    if exact or page.items:
        return exact or page.items
    recent = (await service.list(limit=RECENT)).items
    names = {campaign.name.casefold(): campaign for campaign in recent}
    close = difflib.get_close_matches(wanted.casefold(), list(names), n=3, cutoff=0.6)
    return [names[name] for name in close]


def status_text(campaign: Campaign) -> str:
    parts = [f"status {campaign.status}", f"Tier {campaign.tier}"]
    if campaign.launch_date:
        parts.append(f"launch {show_value('launch_date', campaign.launch_date.isoformat())}")
    if campaign.budget is not None:
        parts.append(
            f"budget {show_value('budget', str(campaign.budget), campaign.currency or 'USD')}"
        )
    text = f"**{campaign.name}** ({campaign.id}): " + ", ".join(parts) + "."
    if campaign.project_id:
        synced = (
            f", last synced {campaign.last_synced_at:%Y-%m-%d %H:%M} UTC"
            if campaign.last_synced_at
            else ""
        )
        done = f", {campaign.percent_complete}% complete" if campaign.percent_complete else ""
        state = f" is {campaign.project_status}" if campaign.project_status else ""
        text += f" Workfront project {campaign.project_id}{state}{done}{synced}."
    elif campaign.status == CampaignStatus.PENDING_APPROVAL.value:
        # Its outbox rows are held until the approver decides: "shortly" would be untrue.
        text += " It has no Workfront project yet: the sync creates it once it is approved."
    else:
        text += " It has no Workfront project yet (the sync creates it shortly after creation)."
    return text


async def status_answer(
    db: Database,
    reference: str,
    *,
    live: WorkManagement | None = None,
    staged: list[StagedAction] | None = None,
    scope: Scope | None,
) -> str:
    """The campaign's status from the synced data, or fresh from the work-management system
    when `live` is given. The fresh state is shown at once and staged (`staged`) to be applied
    like any sync by the turn's write, so it also updates MCC; the remote call runs with no
    transaction open."""
    async with db.read() as session:
        matches = await find_campaigns(session, reference, scope)
    label = reference.strip() or "that"
    if not matches:
        return (
            f"I couldn't find a campaign matching “{label}”, so I can't report its status. "
            "Which campaign do you mean? Give me its name or id, or say “list campaigns”."
        )
    if len(matches) > 1:
        names = "; ".join(f"{c.name} ({c.id})" for c in matches[:5])
        return f"Several campaigns match “{label}”: {names}. Which one's status do you want?"
    campaign = matches[0]
    if live is None or not campaign.project_id:
        return status_text(campaign)
    try:
        project = await live.get_project(campaign.project_id)
    except WorkManagementError as error:
        system = live.name.capitalize()
        unreachable = f" I couldn't reach {system} just now ({error.message}), so this is"
        return status_text(campaign) + unreachable + " the last synced state."
    async with db.read() as session:
        # Applied to a copy in a read that is never committed: the reply shows the fresh state
        # exactly as the sync rules take it, and the write step stores it.
        await apply_project(session, project, source="assistant")
        fresh = await session.get(Campaign, campaign.id)
        text = status_text(fresh if fresh is not None else campaign)
    if staged is not None:
        staged.append(ApplyProject(project))
    return text + " (Checked live in Workfront just now.)"


async def list_answer(db: Database, scope: Scope | None) -> str:
    """The most recent campaigns `scope` sees (None: all of them, for the system)."""
    async with db.read() as session:
        page = await CampaignService(session, scope).list(limit=LIST_LIMIT)
    if not page.items:
        return "There are no campaigns yet. Tell me about one and I'll help you plan it."
    lines = ["The most recent campaigns:"]
    for campaign in page.items:
        launch = campaign.launch_date.isoformat() if campaign.launch_date else "no launch date"
        lines.append(
            f"- **{campaign.name}**: {campaign.status}, Tier {campaign.tier}, {launch} "
            f"({campaign.id})"
        )
    if page.next_token:
        lines.append("There are more; `mcc campaigns list` or the dashboard shows them all.")
    return "\n".join(lines)
