"""Real use records the pilot's figures: a chat campaign's way to Workfront, a webhook's delay.

The offline assistant is driven to a confirmation, the real outbox worker creates the project in
the Workfront emulator over HTTP; a status change in the emulator reaches a running MCC by
webhook, and its inbox worker applies it.
"""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select

from mcc.agent.service import AgentService, runtime_for
from mcc.agent.tools import Identity
from mcc.config import Settings
from mcc.db import Database
from mcc.integrations.workfront import mapping
from mcc.integrations.workfront.adapter import WorkfrontAdapter
from mcc.models import AssistantTurn, Campaign, CampaignTiming, InboxEvent, Message, SyncTiming
from mcc.reports.figures import pilot_report
from mcc.reports.model import Verdict
from mcc.teams.scope import Scope
from tests.agent.conftest import TODAY
from tests.agent.test_service import COMPLETE
from tests.support.live import LiveServer, eventually_async
from tests.sync.test_inbound import campaign_status, create_synced_campaign, wf_put
from tests.sync.test_outbound import drain, worker


async def test_a_chat_campaign_records_first_message_confirmation_and_project(
    fresh_db: Database, settings: Settings, workfront: WorkfrontAdapter,
    emulator: httpx.AsyncClient,
) -> None:  # fmt: skip
    settings = settings.model_copy(update={"today": TODAY})
    agent = AgentService(fresh_db, settings, runtime=runtime_for(settings),
                         identity=Identity("marketer@mcc.test"))  # fmt: skip
    first = await agent.send_message(
        None, "Create a new email campaign for SMB customers to promote Q1 offers."
    )
    await agent.send_message(first.conversation_id, COMPLETE)
    created = await agent.send_message(
        first.conversation_id, "Yes, please create this campaign in Workfront."
    )
    campaign_id = uuid.UUID(created.actions[0]["campaignId"])
    async with fresh_db.read() as session:
        timing = await session.get(CampaignTiming, campaign_id)
        assert timing is not None
        assert timing.project_created_at is None  # confirmed; the outbox has not run yet
        first_message = await session.scalar(
            select(Message.created_at)
            .where(Message.conversation_id == first.conversation_id, Message.role == "user")
            .order_by(Message.created_at)
            .limit(1)
        )
        turns = (await session.scalars(select(AssistantTurn))).all()
    assert timing.conversation_id == first.conversation_id
    assert timing.first_message_at == first_message
    assert first_message is not None
    assert first_message < timing.confirmed_at
    assert [turn.engine for turn in turns] == ["rules"] * 3
    assert all(turn.seconds > 0 for turn in turns)

    await drain(fresh_db, worker(fresh_db, workfront))
    async with fresh_db.read() as session:
        timing = await session.get(CampaignTiming, campaign_id)
        campaign = await session.get(Campaign, campaign_id)
    assert timing is not None
    assert campaign is not None
    assert campaign.project_id is not None
    assert timing.project_created_at is not None
    assert timing.confirmed_at <= timing.project_created_at
    report = await pilot_report(fresh_db, scope=Scope.system())
    creation = next(c for c in report.criteria if c.key == "creation_time")
    minutes = (timing.project_created_at - first_message).total_seconds() / 60
    assert creation.samples == 1
    assert creation.value is not None
    assert abs(creation.value - minutes) < 1e-6
    assert creation.verdict is Verdict.PASS
    success = next(c for c in report.criteria if c.key == "success_rate")
    assert (success.value, success.samples) == (100.0, 1)


async def test_a_webhook_event_records_its_event_time_to_applied(
    fresh_db: Database, emulator_server: LiveServer, subscribed: list[str]
) -> None:
    campaign_id, project_id = await create_synced_campaign(fresh_db, emulator_server.url)
    await wf_put(emulator_server.url, "PROJ", project_id, status="ONH")

    async def timed() -> SyncTiming | None:
        if await campaign_status(fresh_db, campaign_id) != "PAUSED":
            return None
        async with fresh_db.read() as session:
            return await session.scalar(
                select(SyncTiming).where(SyncTiming.object_type == "project")
            )

    timing = await eventually_async(timed, timeout=15, message="event applied and timed")
    async with fresh_db.read() as session:
        event = await session.get(InboxEvent, timing.event_id)
    assert event is not None
    assert event.status == "processed"
    # The event time is Workfront's, as delivered; applied after it arrived.
    assert timing.event_at == mapping.parse_datetime(event.payload["eventTime"])
    assert event.processed_at is not None
    assert event.received_at <= timing.applied_at
    assert timing.seconds == (timing.applied_at - timing.event_at).total_seconds()
    assert 0 <= timing.seconds < 15
    # Named for its campaign: a team's report counts only its own campaigns' events.
    assert timing.campaign_id == campaign_id
    assert timing.source == "workfront"
