"""A new campaign and its tasks as `CampaignService.create` stores them, built unsaved.

The service adds these objects to its session; the chat's exact preview builds the same ones
from the draft, never adds them to a session, and passes them to
`mcc.sync.payload.exact_requests`, the function that fills the outbox row: so the preview the
user confirms is what the create-project row will carry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from mcc.campaigns.schemas import CampaignCreate, CampaignStatus
from mcc.models import Campaign, CampaignTask
from mcc.playbooks.planning import Planned, plan_campaign
from mcc.playbooks.rules import Rules
from mcc.sync.payload import exact_requests


@dataclass(frozen=True)
class Assembled:
    campaign: Campaign
    tasks: list[CampaignTask]
    planned: Planned
    from_checklist: bool  # no tasks were given, so the type's checklist is the plan


def assemble(
    rules: Rules, data: CampaignCreate, *, today: date, campaign_id: uuid.UUID | None = None
) -> Assembled:
    """`campaign_id` None leaves the campaign transient with no id (a preview's)."""
    planned = plan_campaign(
        rules, name=data.name, campaign_type=data.type.value, budget=data.budget,
        currency=data.currency, channels=data.channels, launch=data.launch_date,
        end=data.end_date, today=today, tier=data.tier, tier_reason=data.tier_reason,
    )  # fmt: skip
    tasks = [(t.name, t.owner_role, t.start, t.due) for t in data.tasks]
    # Explicit tasks are kept as given; without any, the type's checklist is the plan.
    from_checklist = not data.tasks and planned.plan is not None
    if planned.plan is not None and from_checklist:
        tasks = [(t.name, t.owner_role, t.start, t.due) for t in planned.plan.tasks]
    campaign = Campaign(
        id=campaign_id,
        name=data.name,
        type=data.type.value,
        tier=planned.tier,
        tier_reason=planned.reason,
        status=CampaignStatus.PLANNING.value,
        description=data.description,
        target_audience=data.target_audience,
        objective=data.objective,
        budget=data.budget,
        currency=data.currency or ("USD" if data.budget is not None else None),
        launch_date=data.launch_date,
        end_date=data.end_date,
        channels=data.channels,
    )
    rows = [
        CampaignTask(campaign_id=campaign_id, position=position, name=task_name,
                     owner_role=owner_role, planned_start=start, planned_due=due)
        for position, (task_name, owner_role, start, due) in enumerate(tasks, start=1)
    ]  # fmt: skip
    return Assembled(campaign, rows, planned, from_checklist)


def draft_requests(rules: Rules, data: CampaignCreate, *, today: date) -> dict[str, Any]:
    """The exact requests a draft's "yes" will enqueue; the campaign's id is a placeholder
    (`mcc.sync.payload.CAMPAIGN_ID`) because it is only allocated on confirmation."""
    built = assemble(rules, data, today=today)
    return exact_requests(built.campaign, built.tasks)
