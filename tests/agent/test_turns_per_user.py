"""One user cannot keep everyone's assistant busy (hostile sweep s55: fifty 9.9 KB turns sent at
once by one user kept another user's one-line turn waiting 48 s). A user's turns beyond
`TURNS_PER_USER` in flight are refused at once with BUSY (429); another user's turn goes on.

The turn itself is held on an event (the test database is one connection, which concurrent
turns cannot share); the share is counted around it, in `AgentService.send_message`."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from mcc.agent.service import TURNS_PER_USER, AgentRuntime, AgentService
from mcc.agent.tools import Identity, TokenSink
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import TooManyRequestsError

WAIT = 20.0  # seconds a held turn waits to be let go (a deadline, not a pace)


async def _until(condition: Callable[[], bool]) -> None:
    """Yield to the loop until `condition` holds, within a deadline."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the held turns never started"
        await asyncio.sleep(0)


async def test_a_users_turns_beyond_their_share_are_refused_and_others_go_on(
    db: Database, agent_settings: Settings, runtime: AgentRuntime, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    entered: list[str] = []

    async def held(
        self: AgentService, conversation_id: uuid.UUID | None, text: str, emit: TokenSink | None
    ) -> Any:
        entered.append(text)
        await asyncio.wait_for(release.wait(), WAIT)
        return text

    monkeypatch.setattr(AgentService, "_send", held)

    def service(user: str) -> AgentService:
        return AgentService(db, agent_settings, runtime=runtime, identity=Identity(user))

    busy = [
        asyncio.create_task(service("alice@mcc.test").send_message(None, f"turn {n}"))
        for n in range(TURNS_PER_USER)
    ]
    await _until(lambda: len(entered) == TURNS_PER_USER)  # all in flight
    with pytest.raises(TooManyRequestsError) as refused:
        await service("alice@mcc.test").send_message(None, "and another")
    assert refused.value.status_code == 429
    assert "being answered" in refused.value.message
    bob = asyncio.create_task(service("bob@mcc.test").send_message(None, "hi"))
    await _until(lambda: "hi" in entered)  # another user's turn is let in
    release.set()
    done: list[Any] = await asyncio.gather(*busy, bob)
    assert done == [f"turn {n}" for n in range(TURNS_PER_USER)] + ["hi"]
    # With nothing in flight, the same user is served again.
    again: Any = await service("alice@mcc.test").send_message(None, "hello again")
    assert again == "hello again"
