"""The assistant's chat: conversation list, history restored on refresh, streamed replies.

The page's script streams replies from the assistant's `POST /api/chat/stream` (`token` chunks,
then `done`) and then swaps in the finished message as a server-rendered fragment, so a streamed
message and a reloaded one are the same HTML. Without JavaScript the composer posts to
`/chat/messages`, which runs the same turn and redirects back to the conversation.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mcc.agent.deps import AssistantDep
from mcc.auth.deps import CurrentUserDep
from mcc.auth.schemas import CurrentUser
from mcc.conversations.repository import ConversationRepository
from mcc.conversations.service import MESSAGE_MAX, parse_conversation_id, visible_to
from mcc.db import Database
from mcc.exceptions import NotFoundError
from mcc.feedback.service import FeedbackService
from mcc.models import Conversation
from mcc.web.templating import render
from mcc.web.views import MessageView

router = APIRouter()
STREAM_URL = "/api/chat/stream"  # mcc.agent.routes
FORM_TARGET = "/chat/messages"


def _visible(conversation: Conversation | None, user: CurrentUser) -> Conversation:
    if conversation is None or not visible_to(conversation, user.email):
        raise NotFoundError("Conversation not found")
    return conversation


async def _page(request: Request, user: CurrentUser, conversation_id: str | None) -> HTMLResponse:
    database: Database = request.app.state.db
    async with database.read() as session:
        conversations = await ConversationRepository(session).conversations_of(user.email)
        messages: list[MessageView] = []
        ratings: dict[uuid.UUID, tuple[str, str]] = {}
        current = None
        if conversation_id is not None:
            repository = ConversationRepository(session)
            current = _visible(await repository.get(parse_conversation_id(conversation_id)), user)
            messages = [MessageView.from_model(m) for m in await repository.messages(current.id)]
            ratings = await FeedbackService(session, user.email).ratings_in(current.id)
    context = {
        "section": "chat",
        "conversations": conversations,
        "current": current,
        "messages": messages,
        "ratings": ratings,  # the caller's verdicts on these answers
        "stream_url": STREAM_URL,
        "message_max": MESSAGE_MAX,
    }
    return render(request, "chat.html", context)


@router.get("/chat", response_class=HTMLResponse)
async def new_chat(request: Request, user: CurrentUserDep) -> HTMLResponse:
    return await _page(request, user, None)


@router.get("/chat/{conversation_id}", response_class=HTMLResponse)
async def chat(request: Request, user: CurrentUserDep, conversation_id: str) -> HTMLResponse:
    return await _page(request, user, conversation_id)


@router.get("/chat/{conversation_id}/list", response_class=HTMLResponse)
async def conversation_list(
    request: Request, user: CurrentUserDep, conversation_id: str
) -> HTMLResponse:
    current = parse_conversation_id(conversation_id)
    database: Database = request.app.state.db
    async with database.read() as session:
        conversations = await ConversationRepository(session).conversations_of(user.email)
    context = {"conversations": conversations, "current_id": current}
    return render(request, None, context, fragment="conversation_list.html")


@router.get("/chat/{conversation_id}/messages/{message_id}", response_class=HTMLResponse)
async def message_fragment(
    request: Request, user: CurrentUserDep, conversation_id: str, message_id: str
) -> HTMLResponse:
    wanted = _message_id(message_id)
    database: Database = request.app.state.db
    async with database.read() as session:
        repository = ConversationRepository(session)
        conversation = _visible(await repository.get(parse_conversation_id(conversation_id)), user)
        found = [m for m in await repository.messages(conversation.id) if m.id == wanted]
    if not found:
        raise NotFoundError("Message not found")
    context = {"message": MessageView.from_model(found[0])}
    return render(request, None, context, fragment="message.html")


def _message_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFoundError("Message not found") from None


@router.post(FORM_TARGET)
async def send_message(
    service: AssistantDep,
    message: Annotated[str, Form(max_length=MESSAGE_MAX * 4)],
    conversation_id: Annotated[str | None, Form(max_length=100)] = None,
) -> Response:
    """The composer without JavaScript: run the turn, then show the conversation."""
    parsed = parse_conversation_id(conversation_id) if conversation_id else None
    result = await service.send_message(parsed, message)
    return RedirectResponse(f"/chat/{result.conversation_id}", status_code=303)
