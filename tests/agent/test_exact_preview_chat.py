"""The chat's preview expands to the exact requests a "yes" sends: the chat card's
`<details>` and GraphQL's `draft.exactRequests` equal the create-project outbox row's payload,
but for the campaign's id (`extRefID`), which only exists once the user has said yes."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mcc.campaigns.service import CREATE_PROJECT
from mcc.config import get_settings
from mcc.db import Database
from mcc.models import OutboxMessage
from mcc.sync.payload import CAMPAIGN_ID
from tests.agent.test_api import send
from tests.auth.conftest import app, marketer  # noqa: F401  (a signed-in browser)
from tests.auth.support import Browser
from tests.support.graphql import gql
from tests.web.test_chat import DETAILS, say

EXACT = re.compile(r'<details class="exact-requests"[^>]*>.*?<pre[^>]*>(.*?)</pre>', re.DOTALL)
DRAFT_REQUESTS = """
mutation($id: ID, $message: String!) {
  sendAgentMessage(conversationId: $id, message: $message) {
    conversationId
    draft { status exactRequests }
    actions { type campaignId }
  }
}
"""


@pytest.fixture
def workfront_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process settings (what the outbox payload reads) name a Workfront with a template
    for email campaigns; nothing is delivered in these tests, so its URL is never called."""
    for name, value in {
        "MCC_WORKMGMT_BACKEND": "workfront", "MCC_WORKFRONT_URL": "http://127.0.0.1:9",
        "MCC_WORKFRONT_API_KEY": "x", "MCC_WORKFRONT_TEMPLATES": json.dumps({"email": "TPL-EMAIL"}),
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def outbox_payload(db: Database, campaign_id: str) -> dict[str, Any]:
    async with db.read() as session:
        message = await session.scalar(
            select(OutboxMessage).where(
                OutboxMessage.topic == CREATE_PROJECT,
                OutboxMessage.aggregate_id == campaign_id,
            )
        )
        assert message is not None
        return dict(message.payload)


def with_campaign_id(shown: dict[str, Any], campaign_id: str) -> dict[str, Any]:
    """The shown requests with the id the campaign got at yes in place of the placeholder."""
    project = {
        key: campaign_id if value == CAMPAIGN_ID else value
        for key, value in shown["project"].items()
    }
    return {**shown, "project": project}


async def test_the_chat_card_shows_the_exact_requests_the_yes_enqueues(
    workfront_settings: None,
    marketer: Browser,  # noqa: F811  (the fixture imported above)
    db: Database,
) -> None:
    done = await say(marketer, DETAILS)
    conversation = done["conversationId"]
    card = await marketer.client.get(
        f"/chat/{conversation}/messages/{done['messageId']}", headers={"HX-Request": "true"}
    )
    found = EXACT.search(card.text)
    assert found, card.text
    shown = json.loads(html.unescape(found.group(1)))
    assert shown == done["draft"]["exactRequests"]  # the card and the stream agree
    project = shown["project"]
    assert project["name"] == "Spring Promo"
    assert project["templateID"] == "TPL-EMAIL"
    assert project["extRefID"] == CAMPAIGN_ID
    assert project["parameterValues"]["DE:MCC Objective"] == "increase sign-ups by 10%"
    assert project["plannedStartDate"] == "2031-03-01"
    tasks = shown["tasks"]
    plan = done["draft"]["preview"]["project"]["tasks"]
    assert [t["name"] for t in tasks] == [t["name"] for t in plan]
    assert [(t["plannedStartDate"], t["plannedCompletionDate"]) for t in tasks] == [
        (t["start"], t["due"]) for t in plan
    ]

    created = await say(marketer, "Yes, create it", conversation)
    campaign_id = created["actions"][0]["campaignId"]
    payload = await outbox_payload(db, campaign_id)
    assert payload == with_campaign_id(shown, campaign_id)
    assert payload != shown  # the placeholder was the only difference, and it was there


async def test_graphql_draft_exact_requests_equal_the_outbox_payload(
    client: httpx.AsyncClient, db: Database
) -> None:
    first = await send(client, "Create a new email campaign for SMB customers.")
    conversation = first["conversationId"]
    assert first["draft"]["status"] == "collecting"

    async def turn(message: str) -> Any:
        body = await gql(client, DRAFT_REQUESTS, {"id": conversation, "message": message})
        assert "errors" not in body, body
        return body["data"]["sendAgentMessage"]

    collecting = await turn("Campaign name: Exact Chat.")
    assert collecting["draft"]["exactRequests"] is None  # nothing to send before a preview
    preview = await turn("Budget: $40,000. Launch: June 1, 2027. Objective: grow sign-ups by 10%.")
    assert preview["draft"]["status"] == "previewed"
    shown = preview["draft"]["exactRequests"]
    assert shown["project"]["name"] == "Exact Chat"
    assert CAMPAIGN_ID in shown["project"].values()
    assert shown["tasks"]
    assert all(t["name"] for t in shown["tasks"])

    done = await turn("yes")
    campaign_id = done["actions"][0]["campaignId"]
    assert done["draft"]["exactRequests"] is None  # created: the campaign page shows it now
    assert await outbox_payload(db, campaign_id) == with_campaign_id(shown, campaign_id)
