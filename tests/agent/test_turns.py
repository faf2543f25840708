"""A turn holds no transaction while its engine thinks, and stores itself whole or not at all.

These run on a database of their own (`fresh_db`) where concurrency matters: the rolled-back test
transaction of `db` is one connection, on which nothing can happen at the same time.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from pydantic_ai.messages import ModelMessage, ModelResponse, TextPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from sqlalchemy import func, select

from mcc.agent.engine_llm import LLMEngine
from mcc.agent.service import AgentRuntime, AgentService
from mcc.agent.tools import Engine, TokenSink, TurnContext
from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ConflictError
from mcc.models import Campaign, Conversation, Message, OutboxMessage
from tests.agent.conftest import USER, Chat
from tests.agent.test_service import COMPLETE
from tests.support.graphql import gql

START = "Create a new email campaign for SMB customers to promote Q1 offers."
CREATE = """mutation { createCampaign(input: {name: "Meanwhile", type: "webinar", budget: "40000"})
  { campaignId } }"""


async def count(db: Database, model: type[object]) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def conversation(db: Database, conversation_id: uuid.UUID | None) -> Conversation:
    async with db.read() as session:
        found = await session.get(Conversation, conversation_id)
        assert found is not None
        return found


class Gate:
    """A model that thinks until the test lets it answer."""

    def __init__(self) -> None:
        self.thinking = asyncio.Event()
        self.release = asyncio.Event()

    async def respond(self, _messages: list[ModelMessage], _info: AgentInfo) -> ModelResponse:
        self.thinking.set()
        await self.release.wait()
        return ModelResponse(parts=[TextPart("Thought it over.")])


class Together:
    """Lets turns into the engine only once `expected` of them are inside: a forced race."""

    def __init__(self, inner: Engine, expected: int) -> None:
        self.inner, self.expected, self.arrived = inner, expected, 0
        self.all_in = asyncio.Event()

    async def respond(self, ctx: TurnContext, emit: TokenSink | None = None) -> str:
        self.arrived += 1
        if self.arrived >= self.expected:
            self.all_in.set()
        await asyncio.wait_for(self.all_in.wait(), 10)
        return await self.inner.respond(ctx, emit)


class Broken:
    """Does the whole turn's work (a "yes" stages the campaign), then fails."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner

    async def respond(self, ctx: TurnContext, emit: TokenSink | None = None) -> str:
        await self.inner.respond(ctx, emit)
        raise RuntimeError("the engine broke after acting")


@pytest.fixture
async def api(fresh_db: Database, agent_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with fresh_db.write() as session:
        auth = AuthService(session)
        user = await auth.create_user("admin@mcc.test", None, role=Role.ADMIN)
        token = await auth.create_api_token(user, "tests")
    app = create_app(agent_settings, database=fresh_db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://mcc.test",
        headers={"Authorization": f"Bearer {token}"},
    ) as client:
        yield client


async def test_others_write_at_once_while_the_model_thinks(
    fresh_db: Database, agent_settings: Settings, runtime: AgentRuntime, api: httpx.AsyncClient
) -> None:
    gate = Gate()
    gate.release.set()
    chat = Chat(
        fresh_db, agent_settings, replace(runtime, engine=LLMEngine(FunctionModel(gate.respond)))
    )
    await chat.say("Hello")
    gate.release.clear()
    gate.thinking.clear()
    turn = asyncio.create_task(chat.say("What should we plan next?"))
    await asyncio.wait_for(gate.thinking.wait(), 10)
    started = time.monotonic()
    body = await asyncio.wait_for(gql(api, CREATE), 5)
    elapsed = time.monotonic() - started
    assert body["data"]["createCampaign"]["campaignId"], body
    assert elapsed < 1.0, f"createCampaign took {elapsed:.2f} s while a turn was thinking"
    assert not turn.done()  # the write above really happened during the model call
    gate.release.set()
    reply = await asyncio.wait_for(turn, 10)
    assert reply.content == "Thought it over."
    assert await count(fresh_db, Message) == 4


async def test_two_racing_yes_create_one_campaign(
    fresh_db: Database, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    chat = Chat(fresh_db, agent_settings, runtime)
    await chat.say(START)
    preview = await chat.say(COMPLETE)
    assert preview.draft is not None
    assert preview.draft.preview.shown
    racing = replace(runtime, engine=Together(runtime.engine, 2))
    service = AgentService(fresh_db, agent_settings, runtime=racing, identity=USER)
    results = await asyncio.gather(
        service.send_message(chat.conversation_id, "yes"),
        service.send_message(chat.conversation_id, "yes"),
        return_exceptions=True,
    )
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    replies = [r for r in results if not isinstance(r, BaseException)]
    assert len(conflicts) == 1, results
    assert len(replies) == 1, results
    assert "changed while I was answering" in conflicts[0].message
    assert conflicts[0].code == "CONFLICT"
    assert replies[0].actions[0]["type"] == "campaign_created"
    assert await count(fresh_db, Campaign) == 1
    assert await count(fresh_db, OutboxMessage) == 1
    assert await count(fresh_db, Message) == 6  # two earlier turns and the winner's
    stored = await conversation(fresh_db, chat.conversation_id)
    assert stored.version == 3
    assert stored.state["created_ids"] == [replies[0].actions[0]["campaignId"]]
    # Sending the message again, as the loser is told to, is answered and creates nothing more.
    again = await chat.say("yes")
    assert not again.actions
    assert await count(fresh_db, Campaign) == 1
    assert await count(fresh_db, Message) == 8


async def test_a_turn_whose_engine_fails_stores_nothing(
    db: Database, agent_settings: Settings, runtime: AgentRuntime
) -> None:
    chat = Chat(db, agent_settings, runtime)
    await chat.say(START)
    await chat.say(COMPLETE)
    before = await conversation(db, chat.conversation_id)
    state, version = before.state, before.version
    broken = Chat(db, agent_settings, replace(runtime, engine=Broken(runtime.engine)))
    broken.conversation_id = chat.conversation_id
    with pytest.raises(RuntimeError):
        await broken.say("yes")  # the rules engine staged the campaign before the failure
    after = await conversation(db, chat.conversation_id)
    assert (after.state, after.version) == (state, version)
    assert await count(db, Message) == 4
    assert await count(db, Campaign) == 0
    assert await count(db, OutboxMessage) == 0
    conversations = await count(db, Conversation)
    with pytest.raises(RuntimeError):
        await Chat(db, agent_settings, replace(runtime, engine=Broken(runtime.engine))).say("hi")
    assert await count(db, Conversation) == conversations
    # The draft survived untouched: the same yes, once the engine works, creates the campaign.
    created = await chat.say("yes")
    assert created.actions[0]["type"] == "campaign_created"
    assert await count(db, Campaign) == 1
