"""All ORM tables; importing this package registers them on `Base.metadata` (Alembic needs that)."""

from mcc.models.base import Base
from mcc.models.campaign import Campaign
from mcc.models.campaign_task import CampaignTask
from mcc.models.conversation import Conversation, Message
from mcc.models.inbox import InboxEvent
from mcc.models.outbox import OutboxAttempt, OutboxMessage
from mcc.models.sync_state import SyncState

__all__ = [
    "Base",
    "Campaign",
    "CampaignTask",
    "Conversation",
    "InboxEvent",
    "Message",
    "OutboxAttempt",
    "OutboxMessage",
    "SyncState",
]
