"""A turn's reading and judging run off the event loop: other requests go on meanwhile.

A pasted brief of 9,900 characters took 3.4 s of CPU a turn, all of it on the event loop, and
every other request of the server (`/healthz` included) waited that long (s29's hostile sweep).
Each test holds the turn's CPU step until another coroutine on the loop lets it go: when the step
runs on the loop, that coroutine never runs and the step gives up waiting.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from mcc.agent import dialogue, instructions
from mcc.agent.engine_rules import RulesEngine
from tests.agent.conftest import Chat

BRIEF = (
    "We'd like a webinar called Ledger Live for controllers at mid-size manufacturers. "
    "The goal is 200 registrations. Budget $20k, launch June 3 2026, email and LinkedIn."
)
WAIT = 20.0  # seconds a held step waits to be let go before it gives up (a deadline, not a pace)


def held(
    step: Callable[..., Any], let_go: list[bool]
) -> tuple[Callable[..., Any], Callable[[], Coroutine[Any, Any, None]]]:
    """`step`, made to wait until a coroutine on the event loop lets it go; that coroutine."""
    started, released = threading.Event(), threading.Event()

    async def release() -> None:
        await asyncio.to_thread(started.wait, WAIT)
        released.set()

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started.set()
        let_go.append(released.wait(WAIT))
        return step(*args, **kwargs)

    return wrapper, release


async def test_reading_a_message_leaves_the_event_loop_free(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    let_go: list[bool] = []
    read, release = held(dialogue.read, let_go)
    monkeypatch.setattr(dialogue, "read", read)
    reply, _ = await asyncio.gather(chat.say(BRIEF), release())
    assert let_go == [True]
    assert "Ledger Live" in reply.content  # the turn itself went on as usual


async def test_judging_the_details_leaves_the_event_loop_free(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    let_go: list[bool] = []
    details, release = held(RulesEngine._details, let_go)
    monkeypatch.setattr(RulesEngine, "_details", details)
    reply, _ = await asyncio.gather(chat.say(BRIEF), release())
    assert let_go == [True]
    assert "Ledger Live" in reply.content


def test_a_message_is_searched_for_instructions_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guardrails ask it of every message for every field a turn fills."""
    asked: list[str] = []
    real = instructions.detected

    def counting(sentence: str) -> bool:
        asked.append(sentence)
        return real(sentence)

    monkeypatch.setattr(instructions, "detected", counting)
    message = f"{BRIEF} Reference {uuid.uuid4().hex}."  # never seen before in this process
    first = instructions.learned_instruction(message)
    read_once = len(asked)
    assert read_once > 1  # its sentences were read
    for _ in range(9):
        assert instructions.learned_instruction(message) == first
    assert len(asked) == read_once


async def test_an_order_to_move_the_launch_fills_no_field_asked_for(chat: Chat) -> None:
    """s29's newcomer run: "push the launch back by 2 weeks" while the assistant waited for the
    objective became the objective ("Got it: objective: push the launch back by 2 weeks")."""
    first = await chat.say(
        "Plan an email campaign called Quiet Harbour, budget 10k, launch 2026-09-01"
    )
    assert first.draft is not None
    asked = list(first.draft.asking)
    assert asked  # it asks for what is missing (audience, objective ...)
    reply = await chat.say("actually move the launch out by a week")
    assert reply.draft is not None
    values = {f.name: f.value for f in reply.draft.fields}
    assert values.get("launch_date") == "2026-09-08"
    assert not {"objective", "target_audience", "name"} & {
        name for name in values if values[name] and "launch" in str(values[name]).lower()
    }
    assert values.get("name") == "Quiet Harbour"
