"""What the work-management system will receive for a campaign: one function for the outbox
payload, the delivery and the exact preview.

`project_spec` turns a campaign and its tasks into the neutral `ProjectSpec` the delivery sends
(`mcc.sync.outbound`); `exact_requests` expands it into the request bodies the configured backend
receives (project fields, custom fields, template, every task with its dates), with the same
functions the adapter calls (`mcc.integrations.workfront.mapping`,
`mcc.integrations.asana.requests`). The backend is the configured one (`workmgmt_backend`), read
from the settings here and nowhere else, so the page, GraphQL, the chat card and the outbox row
agree. The outbox row of a new
campaign carries `exact_requests` of the campaign as created, and the campaign page and GraphQL
show the same for the campaign as it is now, so what you are shown is what will be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mcc.campaigns.schemas import CampaignStatus
from mcc.config import Settings, WorkManagementBackend, get_settings
from mcc.integrations.asana import requests as asana
from mcc.integrations.asana.factory import asana_options
from mcc.integrations.workfront import mapping
from mcc.integrations.workmgmt import ProjectSpec, TaskSpec, plan_phase
from mcc.models import Campaign, CampaignTask
from mcc.sync.statuses import EXECUTION_STATUS

# The project's id is only known once it is created; the task bodies name it by this.
PROJECT_ID = "{project id}"
# A draft's preview (`mcc.campaigns.assembly`) has no campaign id yet: it is allocated at "yes".
CAMPAIGN_ID = "{campaign id}"


def strategy(campaign: Campaign) -> dict[str, str | None]:
    budget = None if campaign.budget is None else f"{campaign.budget} {campaign.currency or ''}"
    return {
        "objective": campaign.objective,
        "audience": campaign.target_audience,
        "budget": budget.strip() if budget else None,
    }


def project_spec(campaign: Campaign, tasks: Sequence[CampaignTask]) -> ProjectSpec:
    """The project to create for `campaign`; tasks without both dates are not sent."""
    return ProjectSpec(
        # A transient campaign (a draft's preview) has no id until it is created.
        ext_ref=CAMPAIGN_ID if campaign.id is None else str(campaign.id),
        name=campaign.name, description=campaign.description,
        tier=campaign.tier, campaign_type=campaign.type,
        planned_start=campaign.launch_date, planned_completion=campaign.end_date,
        strategy=strategy(campaign),
        status=EXECUTION_STATUS[CampaignStatus(campaign.status)],
        tasks=[TaskSpec(t.name, t.planned_start, t.planned_due, t.owner_role,
                        phase=plan_phase(t.planned_start, t.planned_due, campaign.launch_date))
               for t in tasks if t.planned_start and t.planned_due],
    )  # fmt: skip


def exact_requests(
    campaign: Campaign, tasks: Sequence[CampaignTask], settings: Settings | None = None
) -> dict[str, Any]:
    """The requests the configured backend will receive when the project is created."""
    settings = settings or get_settings()
    spec = project_spec(campaign, tasks)
    if settings.workmgmt_backend is WorkManagementBackend.WORKFRONT:
        templates, custom = settings.workfront_templates, settings.workfront_custom_fields
        return {
            "backend": WorkManagementBackend.WORKFRONT.value,
            "project": mapping.project_fields(spec, templates, custom),
            "tasks": [mapping.task_fields(task, PROJECT_ID) for task in spec.tasks],
        }
    if settings.workmgmt_backend is WorkManagementBackend.ASANA:
        # Asana creates a project, its sections and tasks in separate calls: every write, in
        # order, with the gids only Asana knows as placeholders (`asana.PROJECT_ID`...).
        return {
            "backend": WorkManagementBackend.ASANA.value,
            "requests": asana.exact_requests(spec, asana_options(settings)),
        }
    # No backend yet: the neutral project, which a backend configured later receives.
    return {
        "backend": settings.workmgmt_backend.value,
        "project": {
            "name": spec.name, "extRef": spec.ext_ref, "status": spec.status.value,
            "description": spec.description, "tier": spec.tier,
            "campaignType": spec.campaign_type,
            "plannedStart": spec.planned_start.isoformat() if spec.planned_start else None,
            "strategy": dict(spec.strategy),
        },
        "tasks": [
            {"name": t.name, "ownerRole": t.owner_role, "start": t.start.isoformat(),
             "due": t.due.isoformat()}
            for t in spec.tasks
        ],
    }  # fmt: skip
