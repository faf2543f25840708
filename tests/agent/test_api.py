"""The transports: GraphQL `sendAgentMessage`, `getConversation`, and the SSE stream."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from mcc.knowledge.service import KnowledgeIndex, KnowledgeService
from mcc.models import Message
from tests.support.graphql import error_codes, gql

SEND = """
mutation($id: ID, $message: String!) {
  sendAgentMessage(conversationId: $id, message: $message) {
    conversationId messageId content timestamp
    draft {
      status missing asking warnings createdCampaignId
      fields { name value display provenance { source evidence turn rule } }
      channels { name provenance { source rule } }
      tier { tier reason citation approver leadTimeWeeks }
      preview {
        shown confirmed
        project { projectName plannedStart tasks { name ownerRole start due } }
      }
    }
    citations { index label docId snippet }
    actions { type campaignId name }
  }
}
"""


async def send(client: httpx.AsyncClient, message: str, conversation: str | None = None) -> Any:
    body = await gql(client, SEND, {"id": conversation, "message": message})
    assert "errors" not in body, body
    return body["data"]["sendAgentMessage"]


async def test_the_graphql_draft_is_the_draft_stored_for_history(
    client: httpx.AsyncClient, db: Database
) -> None:
    """GraphQL's types and the JSON kept in the message are made from the same typed draft."""
    first = await send(client, "Create a new email campaign for SMB customers.")
    preview = await send(
        client,
        "Campaign name: Same Draft. Budget: $40,000. Launch: June 1, 2027. "
        "Objective: increase sign-ups by 10%.",
        first["conversationId"],
    )
    async with db.read() as session:
        message = await session.get(Message, uuid.UUID(preview["messageId"]))
    assert message is not None
    stored, shown = message.details["draft"], preview["draft"]
    assert shown["tier"] is not None
    assert shown["preview"]["project"] is not None
    for key in ("status", "fields", "missing", "asking", "tier", "warnings"):
        assert shown[key] == stored[key], key
    assert shown["preview"]["shown"] is stored["preview"]["shown"] is True
    project, kept = shown["preview"]["project"], stored["preview"]["project"]
    assert project["tasks"] == kept["tasks"]
    assert (project["projectName"], project["plannedStart"]) == (
        kept["projectName"],
        kept["plannedStart"],
    )


async def test_graphql_conversation_to_created_campaign(client: httpx.AsyncClient) -> None:
    first = await send(
        client, "Create a new email campaign for SMB customers to promote Q1 offers."
    )
    conversation = first["conversationId"]
    assert first["draft"]["status"] == "collecting"
    assert {f["name"] for f in first["draft"]["fields"]} >= {"type", "target_audience"}
    preview = await send(
        client,
        "Campaign name: API Launch. Budget: $150,000. Launch: June 1, 2027. "
        "Objective: increase sign-ups by 10%.",
        conversation,
    )
    draft = preview["draft"]
    assert draft["preview"]["shown"] is True
    assert draft["tier"]["tier"] == 1
    assert draft["tier"]["approver"] == "VP of Marketing"
    assert draft["preview"]["project"]["tasks"][0]["ownerRole"] == "Campaign Manager"
    budget = next(f for f in draft["fields"] if f["name"] == "budget")
    assert budget["provenance"] == {
        "source": "user",
        "evidence": "$150,000",
        "turn": 2,
        "rule": None,
    }
    done = await send(client, "yes", conversation)
    assert done["actions"][0]["type"] == "campaign_created"
    assert done["draft"]["createdCampaignId"] == done["actions"][0]["campaignId"]
    history = await gql(
        client,
        "query($id: ID!) { getConversation(conversationId: $id) { messages { role content } } }",
        {"id": conversation},
    )
    roles = [m["role"] for m in history["data"]["getConversation"]["messages"]]
    assert roles == ["user", "assistant"] * 3


async def test_graphql_citations_and_bad_input(client: httpx.AsyncClient, db: Database) -> None:
    # What a server does at its first start: the bundled playbooks become the knowledge base.
    await KnowledgeService(db, KnowledgeIndex(db, None)).load_bundled()
    answer = await send(client, "What's the frequency cap for email?")
    assert answer["citations"][0]["label"].startswith("Email Campaign Playbook")
    assert answer["draft"] is None
    body = await gql(client, SEND, {"id": None, "message": "  "})
    assert error_codes(body) == ["VALIDATION"]
    body = await gql(client, SEND, {"id": "not-a-uuid", "message": "hi"})
    assert error_codes(body) == ["VALIDATION"]


def events(text: str) -> list[tuple[str, Any]]:
    parsed = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        parsed.append((lines["event"], json.loads(lines["data"])))
    return parsed


async def test_stream_sends_tokens_then_the_turn(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/chat/stream", data={"message": "Create an email campaign called Streamed"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    stream = events(response.text)
    tokens = [data["text"] for kind, data in stream if kind == "token"]
    kind, done = stream[-1]
    assert kind == "done"
    assert len(tokens) > 1
    assert "".join(tokens) == done["content"]
    assert done["draft"]["fields"][0]["provenance"]["source"] == "user"
    follow = await client.post(
        "/api/chat/stream",
        json={"conversation_id": done["conversationId"], "message": "for IT admins"},
    )
    assert events(follow.text)[-1][1]["conversationId"] == done["conversationId"]


async def test_stream_refuses_bad_input_before_streaming(client: httpx.AsyncClient) -> None:
    requests: list[dict[str, Any]] = [
        {"data": {"message": ""}},
        {"json": {"message": 42}},
        {"json": ["not", "an", "object"]},
        {"content": b"{broken", "headers": {"content-type": "application/json"}},
        {"data": {"message": "hi", "conversation_id": "nope"}},
    ]
    for request in requests:
        response = await client.post("/api/chat/stream", **request)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "VALIDATION"
    missing = await client.post(
        "/api/chat/stream",
        data={"message": "hi", "conversation_id": "00000000-0000-0000-0000-000000000000"},
    )
    assert missing.status_code == 404


async def test_stream_needs_a_signed_in_user(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/chat/stream", data={"message": "hi"}, headers={"Authorization": ""}
    )
    assert response.status_code == 401


async def test_a_turn_while_the_assistant_gets_ready_says_why_it_is_slow(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=auth_headers
    ) as client:
        app.state.assistant = "starting"  # what the lifespan says until the classifier is in
        waiting = events((await client.post("/api/chat/stream", data={"message": "hi"})).text)
        app.state.assistant = "ready"
        ready = events((await client.post("/api/chat/stream", data={"message": "hello"})).text)
    kind, status = waiting[0]
    assert kind == "status"
    assert "Getting ready" in status["text"]
    # A reload cancels the turn (it stores nothing): the note must not promise otherwise.
    assert "Keep this page open" in status["text"]
    assert waiting[-1][0] == "done"  # and the message is still answered
    assert [kind for kind, _ in ready if kind == "status"] == []


async def test_an_admins_preview_says_it_will_not_wait_for_the_approver(
    client: httpx.AsyncClient,
) -> None:
    """The client is an admin: a Tier 1 campaign of theirs goes ahead at once, so the preview must
    not leave "approver: VP of Marketing" reading as a wait (a newcomer on the demo account)."""
    turn = await send(
        client,
        "Create a product launch campaign called Atlas for IT directors to get 500 MQLs, "
        "budget $250k, launching 2031-06-02 on email and LinkedIn",
    )
    assert turn["draft"]["tier"]["tier"] == 1
    assert "you are an admin: it is created without waiting" in turn["content"]
