"""How a campaign's status and a work-management project's execution status map to each other.

Its own module because both directions of the sync need it: the apply path (theirs → ours) and
the payload the outbox sends (ours → theirs), which campaign creation builds; kept apart from
`apply`, the payload does not pull the apply path (and its conflicts) into campaign creation.
"""

from __future__ import annotations

from mcc.campaigns.schemas import CampaignStatus
from mcc.integrations.workmgmt import ExecutionStatus

CAMPAIGN_STATUS: dict[ExecutionStatus, CampaignStatus] = {
    ExecutionStatus.PLANNING: CampaignStatus.PLANNING,
    ExecutionStatus.ACTIVE: CampaignStatus.ACTIVE,
    ExecutionStatus.ON_HOLD: CampaignStatus.PAUSED,
    ExecutionStatus.COMPLETE: CampaignStatus.COMPLETED,
    ExecutionStatus.CANCELLED: CampaignStatus.CANCELLED,
}
EXECUTION_STATUS = {campaign: execution for execution, campaign in CAMPAIGN_STATUS.items()}
# Not yet approved: a project of such a campaign (one approved before, asked again) is planning.
EXECUTION_STATUS[CampaignStatus.PENDING_APPROVAL] = ExecutionStatus.PLANNING
EXECUTION_STATUS[CampaignStatus.REJECTED] = ExecutionStatus.PLANNING
# The approval decides when these end; the work-management system's status does not.
AWAITING_DECISION = frozenset({CampaignStatus.PENDING_APPROVAL, CampaignStatus.REJECTED})
