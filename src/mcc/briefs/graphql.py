"""Brief GraphQL: `submitBrief(file: Upload, text: String, conversationId)` fills the draft."""

from __future__ import annotations

import strawberry
from strawberry.file_uploads import Upload

from mcc.agent.deps import assistant_for_graphql
from mcc.agent.graphql import AgentResponse
from mcc.briefs.parsing import MAX_BYTES
from mcc.briefs.service import PASTED, pasted, read_upload, submit_brief
from mcc.conversations.service import parse_conversation_id
from mcc.graphql.context import Info
from mcc.knowledge.ingest import read_upload as read_chunked


@strawberry.type
class BriefMutation:
    @strawberry.mutation(
        description="Fill the assistant's draft from a campaign brief: upload a DOCX, PDF, TXT "
        "or EML `file`, or paste its `text`; omit conversationId to start."
    )
    async def submit_brief(
        self,
        info: Info,
        file: Upload | None = None,
        text: str | None = None,
        conversation_id: strawberry.ID | None = None,
    ) -> AgentResponse:
        parsed = parse_conversation_id(conversation_id) if conversation_id else None
        if file is not None:
            name = str(getattr(file, "filename", "") or "brief")
            data = await read_chunked(file.read, name, MAX_BYTES)  # type: ignore[attr-defined]
            brief = await read_upload(data, name)
        else:
            brief = await read_upload(pasted(text), PASTED)
        result = await submit_brief(assistant_for_graphql(info.context), parsed, brief)
        return AgentResponse.from_result(result)
