"""What a caller sees for crafted tokens and leniently written numbers and dates: a VALIDATION
error naming the field (GraphQL), a 422 (REST), one line and exit 1 (CLI); nothing stored."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from mcc.campaigns.repository import decode_cursor
from mcc.exceptions import ValidationError
from tests.campaigns.test_graphql import CREATE, LIST, all_names, create
from tests.conftest import Backend
from tests.support.graphql import gql
from tests.test_cli import Mcc


def _token(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


ZERO_ID = "00000000-0000-0000-0000-000000000000"
CRAFTED_TOKENS = [
    _token("[" * 5000 + "]" * 5000),  # nested 5,000 deep: was a RecursionError
    _token("[" * 40 + "]" * 40),  # short enough to decode, still not ours
    _token('{"a": 1}'),
    _token('"2026-01-01T00:00:00+00:00"'),
    _token(json.dumps(["2026-01-01T00:00:00+00:00", 5])),
    _token(json.dumps([None, None])),
    _token(json.dumps(["2026-01-01T00:00:00+00:00", ZERO_ID, "extra"])),
    _token(json.dumps(["2026-01-01T00:00:00", ZERO_ID])),  # naive
    _token(json.dumps(["0001-01-01T00:00:00+14:00", ZERO_ID])),  # before year 1 in UTC
    _token(json.dumps(["2026-01-01T00:00:00+00:00", "not-a-uuid"])),
    _token("\xff\xfe"),
    "%%%",
    "a" * 10_000,
    "WyIy=MDI2",
]


@pytest.mark.parametrize("token", CRAFTED_TOKENS)
async def test_a_crafted_next_token_is_a_validation_error_everywhere(
    client: httpx.AsyncClient, token: str
) -> None:
    body = await gql(client, LIST, {"nextToken": token})
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "VALIDATION",
        "fields": {"nextToken": "not a token this server issued"},
    }

    response = await client.get("/api/campaigns", params={"nextToken": token})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"nextToken": "not a token this server issued"}


async def test_an_issued_token_still_pages(client: httpx.AsyncClient) -> None:
    for name in ("first", "second", "third"):
        await create(client, name=name)
    first = (await gql(client, LIST, {"limit": 2}))["data"]["listCampaigns"]
    assert [item["name"] for item in first["items"]] == ["third", "second"]
    rest = await gql(client, LIST, {"limit": 2, "nextToken": first["nextToken"]})
    assert [item["name"] for item in rest["data"]["listCampaigns"]["items"]] == ["first"]


@pytest.mark.parametrize(
    ("moment", "listed"),
    [("0001-01-01T00:00:00+00:00", []), ("9999-12-31T23:59:59+14:00", ["kept"])],
)
async def test_a_well_formed_token_at_the_ends_of_time_is_a_page_not_an_error(
    client: httpx.AsyncClient, moment: str, listed: list[str]
) -> None:
    # Both backends compare a timestamp at the edge of their range without a driver error.
    await create(client, name="kept")
    body = await gql(client, LIST, {"nextToken": _token(json.dumps([moment, ZERO_ID]))})
    assert [item["name"] for item in body["data"]["listCampaigns"]["items"]] == listed


def test_decoding_refuses_before_parsing_a_long_token() -> None:
    with pytest.raises(ValidationError):
        decode_cursor(_token("[" * 100_000 + "]" * 100_000))


@pytest.mark.parametrize(
    ("budget", "problem"),
    [
        ("-0", "must not be negative"),
        ("-0.00", "must not be negative"),
        ("-5", "must not be negative"),
        ("1_000", "must be a plain number"),
        ("NaN", "must be a plain number"),
        ("Infinity", "must be a plain number"),
        ("-Infinity", "must be a plain number"),
        ("1e5", "must be a plain number"),
        ("1E5", "must be a plain number"),
        ("1 000", "must be a plain number"),
        (" 1000", "must be a plain number"),
        ("+5", "must be a plain number"),
        ("0x10", "must be a plain number"),
        (".5", "must be a plain number"),
        ("1" * 41, "must be a plain number"),
        ("1.005", "at most two decimal places"),
    ],
)
async def test_a_leniently_written_budget_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, budget: str, problem: str
) -> None:
    body = await gql(
        client, CREATE, {"input": {"name": "Lenient", "type": "email", "budget": budget}}
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "VALIDATION"
    assert problem in error["extensions"]["fields"]["budget"]
    assert await all_names(client) == []


async def test_budgets_as_written_plainly_are_stored_exactly(client: httpx.AsyncClient) -> None:
    assert (await create(client, budget="0"))["budget"] == "0.00"
    assert (await create(client, budget="1500.5"))["budget"] == "1500.50"
    assert (await create(client, budget=25000))["budget"] == "25000.00"  # a JSON number


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        ("20260101", "must be a date written YYYY-MM-DD"),
        ("2026-W01-1", "must be a date written YYYY-MM-DD"),
        ("2026-001", "must be a date written YYYY-MM-DD"),
        ("2026-1-1", "must be a date written YYYY-MM-DD"),
        (" 2026-01-01", "must be a date written YYYY-MM-DD"),
        ("2026-01-01T00:00:00", "must be a date written YYYY-MM-DD"),
        ("1704067200", "must be a date written YYYY-MM-DD"),
        ("2027-02-30", "is not a day of the calendar"),
        ("1999-12-31", "must be between 2000-01-01 and 2100-12-31"),
        ("9999-01-01", "must be between 2000-01-01 and 2100-12-31"),
    ],
)
async def test_a_date_not_written_yyyy_mm_dd_or_out_of_range_is_refused(
    client: httpx.AsyncClient, day: str, problem: str
) -> None:
    body = await gql(
        client, CREATE, {"input": {"name": "Dated", "type": "email", "launchDate": day}}
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "VALIDATION"
    assert problem in error["extensions"]["fields"]["launch_date"]
    assert await all_names(client) == []


async def test_an_update_with_a_lenient_value_changes_nothing(client: httpx.AsyncClient) -> None:
    created = await create(client, budget="1000", launchDate="2026-03-01")
    update = """mutation U($id: ID!, $input: UpdateCampaignInput!) {
      updateCampaign(id: $id, input: $input) { budget launchDate version } }"""
    for changes in ({"budget": "1_000"}, {"budget": "-0"}, {"endDate": "20260401"}):
        body = await gql(client, update, {"id": created["campaignId"], "input": changes})
        assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    body = await gql(
        client,
        "query G($id: ID!) { getCampaign(id: $id) { budget launchDate endDate version } }",
        {"id": created["campaignId"]},
    )
    assert body["data"]["getCampaign"] == {
        "budget": "1000.00", "launchDate": "2026-03-01", "endDate": None, "version": 1,
    }  # fmt: skip


@pytest.fixture
async def mcc(backend: Backend) -> Mcc:
    return Mcc(await backend.new_database_url())


async def test_cli_crafted_token_and_compact_date_are_one_line_errors(mcc: Mcc) -> None:
    await mcc("db", "upgrade")
    for token in (CRAFTED_TOKENS[0], "%%%"):
        result = await mcc("campaigns", "list", "--next-token", token)
        assert result.exit_code == 1
        assert result.output.strip().count("\n") == 0, result.output
        assert "nextToken" in result.output
    result = await mcc("campaigns", "create", "--name", "X", "--type", "email",
                       "--launch-date", "20260101")  # fmt: skip
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.output
    assert result.output.strip().count("\n") == 0, result.output
    assert json.loads((await mcc("campaigns", "list", "--json")).output)["items"] == []
