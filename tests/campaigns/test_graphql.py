"""The GraphQL contract: the plan's operations and field names, error codes, query limits."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from tests.support.graphql import error_codes, gql

CREATE = """
mutation Create($input: CreateCampaignInput!) {
  createCampaign(input: $input) {
    campaignId name type tier tierReason status budget currency launchDate channels version
  }
}"""
UPDATE = """
mutation Update($id: ID!, $input: UpdateCampaignInput!) {
  updateCampaign(id: $id, input: $input) { campaignId name status description version }
}"""
LIST = """
query List($limit: Int, $nextToken: String, $status: String, $search: String) {
  listCampaigns(limit: $limit, nextToken: $nextToken, status: $status, search: $search) {
    items { campaignId name status } nextToken
  }
}"""


async def create(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = await gql(
        client, CREATE, {"input": {"name": "Q1 SMB Promotion", "type": "email", **fields}}
    )
    assert "errors" not in body, body
    campaign: dict[str, Any] = body["data"]["createCampaign"]
    return campaign


async def all_names(client: httpx.AsyncClient) -> list[str]:
    body = await gql(client, LIST, {"limit": 100})
    return [item["name"] for item in body["data"]["listCampaigns"]["items"]]


async def test_create_then_get_and_list_with_the_plans_field_names(
    client: httpx.AsyncClient,
) -> None:
    created = await create(
        client, budget="150000", launchDate="2026-02-15", channels=["email", "social"]
    )
    assert created["tier"] == 1
    assert created["tierReason"] == (
        "Tier 1: budget $150,000 ≥ $100,000 — Campaign Tier Definitions › Tier 1 Campaigns"
    )
    assert created["status"] == "PLANNING"
    assert created["budget"] == "150000.00"
    assert created["currency"] == "USD"

    body = await gql(
        client,
        "query Get($id: ID!) { getCampaign(id: $id) { campaignId name type tier status description "
        "targetAudience objective workfrontProjectId workfrontUrl createdAt updatedAt } }",
        {"id": created["campaignId"]},
    )
    campaign = body["data"]["getCampaign"]
    assert campaign["campaignId"] == created["campaignId"]
    assert campaign["name"] == "Q1 SMB Promotion"
    assert campaign["workfrontProjectId"] is None

    # The plan's locustfile query, verbatim.
    body = await gql(
        client,
        "query ListCampaigns { listCampaigns(limit: 50) { items { campaignId name status } } }",
    )
    assert body["data"]["listCampaigns"]["items"] == [
        {"campaignId": created["campaignId"], "name": "Q1 SMB Promotion", "status": "PLANNING"}
    ]


async def test_get_unknown_campaign_is_null_and_malformed_id_is_validation(
    client: httpx.AsyncClient,
) -> None:
    query = "query Get($id: ID!) { getCampaign(id: $id) { name } }"
    body = await gql(client, query, {"id": "00000000-0000-0000-0000-000000000000"})
    assert body["data"]["getCampaign"] is None
    body = await gql(client, query, {"id": "not-a-uuid"})
    assert error_codes(body) == ["VALIDATION"]


async def test_list_pages_with_next_token(client: httpx.AsyncClient) -> None:
    for index in range(5):
        await create(client, name=f"Campaign {index}")
    names: list[str] = []
    token = None
    while True:
        body = await gql(client, LIST, {"limit": 2, "nextToken": token})
        page = body["data"]["listCampaigns"]
        names += [item["name"] for item in page["items"]]
        token = page["nextToken"]
        if token is None:
            break
    assert names == [f"Campaign {index}" for index in reversed(range(5))]


EVERY_FIELD = (
    "campaignId name type tier tierReason status description targetAudience objective budget "
    "currency launchDate endDate channels owner projectId projectUrl projectStatus "
    "workfrontProjectId workfrontUrl workfrontStatus "
    "percentComplete lastSyncedAt version createdAt updatedAt"
)


async def test_list_reads_every_field_the_query_selects_however_it_selects_it(
    client: httpx.AsyncClient,
) -> None:
    """The list reads only the selected columns: fields reached through named and inline
    fragments and aliases are all read, and each item equals `getCampaign`'s."""
    created = await create(client, budget="5000", launchDate="2026-03-01", channels=["email"])
    await create(client, name="Second")
    one = await gql(
        client,
        f"query($id: ID!) {{ getCampaign(id: $id) {{ {EVERY_FIELD} }} }}",
        {"id": created["campaignId"]},
    )
    expected = one["data"]["getCampaign"]
    first, rest = EVERY_FIELD.split(" ", 1)
    body = await gql(
        client,
        "fragment Rest on Campaign { " + rest + " }\n"
        'query { listCampaigns(limit: 1, search: "Q1") { '
        f"items {{ __typename ... on Campaign {{ {first} }} ...Rest }} "
        "only: items { theName: name } nextToken } }",
    )
    assert "errors" not in body, body
    listed = body["data"]["listCampaigns"]
    assert listed["items"] == [{"__typename": "Campaign", **expected}]
    assert listed["only"] == [{"theName": "Q1 SMB Promotion"}]
    assert listed["nextToken"] is None
    body = await gql(client, "{ listCampaigns(limit: 1) { nextToken } }")  # no items asked
    assert body["data"]["listCampaigns"]["nextToken"] is not None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "n" * 201}, "name"),
        ({"tier": 0}, "tier"),
        ({"tier": 4}, "tier"),
        ({"budget": "-100"}, "budget"),
        ({"launchDate": "2026-03-01", "endDate": "2026-02-01"}, "input"),
        ({"type": "telepathy"}, "type"),
        ({"currency": "US"}, "currency"),
    ],
)
async def test_invalid_create_is_a_validation_error_and_creates_nothing(
    client: httpx.AsyncClient, fields: dict[str, Any], field: str
) -> None:
    body = await gql(client, CREATE, {"input": {"name": "Valid", "type": "email", **fields}})
    assert body["data"] is None
    assert error_codes(body) == ["VALIDATION"]
    assert field in body["errors"][0]["extensions"]["fields"]
    assert await all_names(client) == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": "LAUNCHED"}, "VALIDATION"),
        ({"status": "COMPLETED"}, "CONFLICT"),  # PLANNING cannot jump to COMPLETED
        ({"name": ""}, "VALIDATION"),
        ({"name": None}, "VALIDATION"),
        ({"tier": 9}, "VALIDATION"),
        ({"budget": "-1"}, "VALIDATION"),
        ({"endDate": "2025-01-01"}, "VALIDATION"),  # before the launch date
        ({"name": "Stale", "expectedVersion": 7}, "CONFLICT"),
    ],
)
async def test_invalid_update_returns_its_code_and_changes_nothing(
    client: httpx.AsyncClient, changes: dict[str, Any], code: str
) -> None:
    created = await create(client, launchDate="2026-02-15")
    body = await gql(client, UPDATE, {"id": created["campaignId"], "input": changes})
    assert error_codes(body) == [code]
    body = await gql(client, "query G($id: ID!) { getCampaign(id: $id) { name status version } }",
                     {"id": created["campaignId"]})  # fmt: skip
    assert body["data"]["getCampaign"] == {
        "name": "Q1 SMB Promotion",
        "status": "PLANNING",
        "version": 1,
    }


async def test_update_unknown_campaign_is_not_found(client: httpx.AsyncClient) -> None:
    body = await gql(
        client, UPDATE, {"id": "00000000-0000-0000-0000-000000000001", "input": {"name": "x"}}
    )
    assert error_codes(body) == ["NOT_FOUND"]


async def test_update_with_current_version_succeeds(client: httpx.AsyncClient) -> None:
    created = await create(client)
    changes = {"status": "active", "expectedVersion": 1}
    body = await gql(client, UPDATE, {"id": created["campaignId"], "input": changes})
    assert body["data"]["updateCampaign"]["status"] == "ACTIVE"
    assert body["data"]["updateCampaign"]["version"] == 2


async def test_bad_next_token_and_limit_are_validation_errors(client: httpx.AsyncClient) -> None:
    assert error_codes(await gql(client, LIST, {"nextToken": "%%%"})) == ["VALIDATION"]
    assert error_codes(await gql(client, LIST, {"limit": 1000})) == ["VALIDATION"]
    assert error_codes(await gql(client, LIST, {"status": "NOPE"})) == ["VALIDATION"]


async def test_malformed_documents_get_a_code_not_a_500(client: httpx.AsyncClient) -> None:
    assert error_codes(await gql(client, "query { listCampaigns { ")) == ["GRAPHQL_VALIDATION"]
    assert error_codes(await gql(client, "query { noSuchField }")) == ["GRAPHQL_VALIDATION"]
    # A value of the wrong JSON type is a malformed variable; a badly written number is not
    # (test_parsing.py: VALIDATION naming the field).
    body = await gql(client, CREATE, {"input": {"name": "x", "type": "email", "budget": True}})
    assert error_codes(body) == ["GRAPHQL_VALIDATION"]


async def test_alias_limit(client: httpx.AsyncClient) -> None:
    aliases = " ".join(f"a{i}: listCampaigns {{ nextToken }}" for i in range(20))
    body = await gql(client, f"query {{ {aliases} }}")
    assert error_codes(body) == ["GRAPHQL_VALIDATION"]
    assert "aliases" in body["errors"][0]["message"]


async def test_depth_limit_is_configurable(
    db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    shallow = settings.model_copy(update={"graphql_max_depth": 1})
    transport = httpx.ASGITransport(app=create_app(shallow, database=db))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=auth_headers
    ) as client:
        body = await gql(client, "query { listCampaigns { items { name } } }")
        assert error_codes(body) == ["GRAPHQL_VALIDATION"]
        assert "exceeds maximum operation depth" in body["errors"][0]["message"]
        body = await gql(client, "query { listCampaigns { nextToken } }")
        assert "errors" not in body


async def test_send_agent_message_answers_and_keeps_history(client: httpx.AsyncClient) -> None:
    send = """mutation Send($conversationId: ID, $message: String!) {
      sendAgentMessage(conversationId: $conversationId, message: $message) {
        conversationId messageId content timestamp } }"""
    first = (await gql(client, send, {"message": "Help me plan an email campaign"}))["data"][
        "sendAgentMessage"
    ]
    assert "What should the campaign be called?" in first["content"]
    conversation_id = first["conversationId"]
    await gql(client, send, {"conversationId": conversation_id, "message": "Hello?"})

    body = await gql(
        client,
        "query C($id: ID!) { getConversation(conversationId: $id) { messages { role content } } }",
        {"id": conversation_id},
    )
    messages = body["data"]["getConversation"]["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[0]["content"] == "Help me plan an email campaign"

    assert error_codes(await gql(client, send, {"message": "   "})) == ["VALIDATION"]
    assert error_codes(await gql(client, send, {"message": "x" * 10_001})) == ["VALIDATION"]
    unknown = "00000000-0000-0000-0000-000000000002"
    assert error_codes(await gql(client, send, {"conversationId": unknown, "message": "hi"})) == [
        "NOT_FOUND"
    ]
    query = "query C($id: ID!) { getConversation(conversationId: $id) { conversationId } }"
    body = await gql(client, query, {"id": unknown})
    assert body["data"]["getConversation"] is None


async def test_hostile_names_are_stored_exactly(client: httpx.AsyncClient) -> None:
    for name in ["<script>alert(1)</script>", "Robert'); DROP TABLE campaigns;--", "Q1 ☃ café"]:
        assert (await create(client, name=name))["name"] == name
    assert len(await all_names(client)) == 3


async def test_fragment_bombs_and_huge_selections_are_refused_at_once(
    client: httpx.AsyncClient,
) -> None:
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30))
    bomb = "{ ...F0 } " + fragments + " fragment F30 on Query { __typename }"
    body = await gql(client, bomb)
    assert error_codes(body) == ["GRAPHQL_VALIDATION"]
    assert "too large" in body["errors"][0]["message"]
    wide = "{ " + " ".join(["__typename"] * 5000) + " }"
    assert error_codes(await gql(client, wide)) == ["GRAPHQL_VALIDATION"]


async def test_a_repeated_document_is_checked_and_run_afresh_each_time(
    client: httpx.AsyncClient,
) -> None:
    """Parse and validation are cached per document text; errors and data are not."""
    for _ in range(2):
        body = await gql(client, "{ listCampaigns { items { noSuchField } } }")
        assert error_codes(body) == ["GRAPHQL_VALIDATION"], body
        body = await gql(client, "query { listCampaigns { ")
        assert error_codes(body) == ["GRAPHQL_VALIDATION"], body
    assert await all_names(client) == []
    await create(client, name="After")
    assert await all_names(client) == ["After"]
