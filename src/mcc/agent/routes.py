"""`POST /api/chat/stream`: one assistant turn as server-sent events.

Input: a form or JSON body with `message` and an optional `conversation_id` (omit it to start).
Output: `event: token` with `{"text": chunk}` as the reply is produced, then `event: done` with
the whole turn (the same camelCase JSON as GraphQL's `sendAgentMessage`), sent after the turn is
committed; its `content` is the reply as stored, which a client shows in place of the tokens.
While a new server is still getting the assistant ready, an `event: status` with `{"text"}` comes
first, saying why the reply is slow.
A failure mid-turn sends `event: error` with `{"message", "code"}` and commits nothing (CONFLICT
when another turn on the same conversation was stored while this one ran). Bad
input is refused before streaming starts, with a 4xx like every other route.

The router's lifespan starts building the assistant's runtime as the server starts: the first
build (dateparser's data, the act classifier) takes seconds of CPU, which would otherwise slow
every request served during the first turn after a start. `/readyz` says how far it got
(`assistant`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from mcc.agent.deps import AssistantDep
from mcc.agent.service import runtime_for
from mcc.auth.deps import CurrentUserDep
from mcc.conversations.repository import ConversationRepository
from mcc.conversations.service import check_message_text, parse_conversation_id, visible_to
from mcc.exceptions import MCCError, NotFoundError, ValidationError
from mcc.logging import get_logger

log = get_logger(__name__)


@asynccontextmanager
async def _prepare_runtime(app: FastAPI) -> AsyncIterator[None]:
    """Build the assistant's runtime in the background: the server answers at once (health,
    lists, webhooks) while the classifier trains; a first turn that comes sooner waits for it."""
    preparing = asyncio.create_task(_build_runtime(app), name="mcc-agent-runtime")
    try:
        yield
    finally:
        preparing.cancel()
        await asyncio.gather(preparing, return_exceptions=True)


STARTING = (
    "Getting ready: on a new server the assistant first learns to read replies, which takes "
    "10 to 30 seconds. Keep this page open: your message is answered as soon as it is ready "
    "(leaving or reloading the page drops it, and nothing is saved)."
)
# A failed start (a training child killed, a damaged model) is tried again after these waits.
RETRY_FIRST_SECONDS = 1.0
RETRY_MOST_SECONDS = 60.0


async def _build_runtime(app: FastAPI) -> None:
    app.state.assistant = "starting"
    wait = RETRY_FIRST_SECONDS
    while True:
        try:
            await asyncio.to_thread(runtime_for, app.state.settings)
        except MCCError as error:  # e.g. an unusable MCC_LLM_MODEL: each turn will say so
            app.state.assistant = f"unavailable: {error.message}"
            log.warning("agent.runtime_unavailable", error=error.message)
            return
        except (OSError, ValueError) as error:
            # The act classifier's training child was killed (the OOM killer, an operator's
            # kill -9) or wrote nothing usable. This task used to die with it, and /readyz said
            # "starting" for ever while turns failed: say so, and try again.
            app.state.assistant = f"unavailable: {error} (retrying in {wait:.0f} s)"
            log.warning("agent.runtime_retrying", error=str(error), seconds=wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, RETRY_MOST_SECONDS)
            continue
        app.state.assistant = "ready"
        return


router = APIRouter(lifespan=_prepare_runtime)
Event = tuple[str, dict[str, Any]] | None


async def _fields(request: Request) -> tuple[str, str | None]:
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("application/json"):
            data = await request.json()
            if not isinstance(data, dict):
                raise ValueError("expected a JSON object")
        else:
            data = dict(await request.form())
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ValidationError(f"Invalid request body: {error}", {"body": "malformed"}) from None
    message = data.get("message")
    conversation_id = data.get("conversation_id") or data.get("conversationId")
    if not isinstance(message, str):
        raise ValidationError("Send a `message` (text)", {"message": "required"})
    if conversation_id is not None and not isinstance(conversation_id, str):
        raise ValidationError("`conversation_id` must be text", {"conversation_id": "not text"})
    return message, conversation_id or None


@router.post("/api/chat/stream")
async def chat_stream(
    request: Request, user: CurrentUserDep, service: AssistantDep
) -> EventSourceResponse:
    message, raw_id = await _fields(request)
    check_message_text(message)
    conversation_id = parse_conversation_id(raw_id) if raw_id else None
    if conversation_id is not None:
        async with service.db.read() as session:
            found = await ConversationRepository(session).get(conversation_id)
            if not visible_to(found, user.email):
                raise NotFoundError(f"Conversation {conversation_id} not found")
    queue: asyncio.Queue[Event] = asyncio.Queue()

    async def token(text: str) -> None:
        await queue.put(("token", {"text": text}))

    async def turn() -> None:
        try:
            result = await service.send_message(conversation_id, message, emit=token)
            await queue.put(("done", result.as_json()))
        except MCCError as error:
            await queue.put(("error", {"message": error.message, **error.extensions()}))
        except Exception:
            log.exception("agent.stream_failed")
            await queue.put(("error", {"message": "Something went wrong", "code": "INTERNAL"}))
        finally:
            await queue.put(None)

    async def events() -> AsyncIterator[ServerSentEvent]:
        task = asyncio.create_task(turn())
        if getattr(request.app.state, "assistant", None) == "starting":
            # A new server trains its reply classifier first (10-30 s): say why the reply is
            # slow instead of showing typing dots alone (a newcomer's first message waited so).
            yield ServerSentEvent(event="status", data=json.dumps({"text": STARTING}))
        try:
            while (item := await queue.get()) is not None:
                yield ServerSentEvent(event=item[0], data=json.dumps(item[1], default=str))
        finally:
            if not task.done():
                task.cancel()  # the client left: the turn stores nothing

    return EventSourceResponse(events(), headers={"Cache-Control": "no-store"})
