"""All ORM tables; importing this package registers them on `Base.metadata` (Alembic needs that)."""

from mcc.models.audit import AuditEntry, CampaignApproval
from mcc.models.base import Base
from mcc.models.campaign import Campaign
from mcc.models.campaign_task import CampaignTask
from mcc.models.conversation import Conversation, Message
from mcc.models.feedback import MessageRating, SurveyResponse
from mcc.models.inbox import InboxEvent
from mcc.models.knowledge import KnowledgeDocument, KnowledgeDocumentVersion, KnowledgeVectors
from mcc.models.outbox import OutboxAttempt, OutboxMessage
from mcc.models.pilot import AssistantTurn, CampaignTiming, SyncTiming, UptimeDay
from mcc.models.sync_conflict import SyncConflict
from mcc.models.sync_secret import SyncSecret
from mcc.models.sync_state import SyncState
from mcc.models.task_tombstone import TaskTombstone
from mcc.models.user import ApiToken, Team, TeamMember, User, UserSession

__all__ = [
    "ApiToken",
    "AssistantTurn",
    "AuditEntry",
    "Base",
    "Campaign",
    "CampaignApproval",
    "CampaignTask",
    "CampaignTiming",
    "Conversation",
    "InboxEvent",
    "KnowledgeDocument",
    "KnowledgeDocumentVersion",
    "KnowledgeVectors",
    "Message",
    "MessageRating",
    "OutboxAttempt",
    "OutboxMessage",
    "SurveyResponse",
    "SyncConflict",
    "SyncSecret",
    "SyncState",
    "SyncTiming",
    "TaskTombstone",
    "Team",
    "TeamMember",
    "UptimeDay",
    "User",
    "UserSession",
]
