"""Brief uploads: `POST /api/chat/brief` (JSON, the turn as `/api/chat/stream`'s `done` event)
and `POST /chat/brief` (the chat page's form). Each takes a `file` (DOCX, PDF, TXT, EML) or the
pasted `text`, and an optional `conversation_id` (omit it to start a conversation)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from mcc.agent.deps import AssistantDep
from mcc.agent.views import TurnResult
from mcc.briefs.parsing import MAX_BYTES
from mcc.briefs.service import PASTED, pasted, read_upload, submit_brief
from mcc.conversations.service import parse_conversation_id
from mcc.knowledge.ingest import read_upload as read_chunked
from mcc.web.templating import is_htmx

router = APIRouter()

FileField = Annotated[UploadFile | None, File()]
TextField = Annotated[str | None, Form(max_length=MAX_BYTES)]
ConversationField = Annotated[str | None, Form(max_length=100)]


async def _turn(
    service: AssistantDep, file: UploadFile | None, text: str | None, conversation_id: str | None
) -> TurnResult:
    parsed = parse_conversation_id(conversation_id) if conversation_id else None
    if file is not None and file.filename:
        # Read a chunk at a time and stop past the cap: an oversized upload is never held whole.
        data = await read_chunked(file.read, file.filename, MAX_BYTES)
        brief = await read_upload(data, file.filename)
    else:
        brief = await read_upload(pasted(text), PASTED)
    return await submit_brief(service, parsed, brief)


@router.post("/api/chat/brief")
async def brief_api(
    service: AssistantDep,
    file: FileField = None,
    text: TextField = None,
    conversation_id: ConversationField = None,
) -> dict[str, Any]:
    return (await _turn(service, file, text, conversation_id)).as_json()


@router.post("/chat/brief", include_in_schema=False)
async def brief_form(
    request: Request,
    service: AssistantDep,
    file: FileField = None,
    text: TextField = None,
    conversation_id: ConversationField = None,
) -> Response:
    """The chat page's brief form (htmx carries the CSRF header on its multipart body)."""
    result = await _turn(service, file, text, conversation_id)
    url = f"/chat/{result.conversation_id}"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
