"""Limits checked before the work: GraphQL document shapes, list sizes, multipart uploads and
form bodies. Each refusal is a clear 4xx (GraphQL: an error code) and changes nothing."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from fastapi import FastAPI

from mcc.app import create_app
from mcc.campaigns.schemas import CHANNELS_MAX, CampaignCreate, CampaignUpdate
from mcc.config import Settings
from mcc.db import Database
from mcc.exceptions import ValidationError
from mcc.graphql.limits import (
    MAX_DIRECTIVES,
    MAX_DOCUMENT_CHARS,
    MAX_DUPLICATE_FIELDS,
    MAX_LIST_ITEMS,
    MAX_TOKENS,
    MAX_VARIABLE_VALUES,
    MAX_VARIABLES,
    count,
    variables_problem,
)
from mcc.observability.bodies import FORM_BODY_MAX
from mcc.validation import parse
from tests.auth.support import browser
from tests.support.graphql import error_codes, gql

LIST = "query { listCampaigns { items { name } } }"
CREATE = """mutation C($input: CreateCampaignInput!) {
  createCampaign(input: $input) { name channels }
}"""
UPLOAD = """mutation U($file: Upload!) {
  uploadKnowledgeDocument(file: $file) { added }
}"""


async def names(client: httpx.AsyncClient) -> list[str]:
    body = await gql(client, LIST)
    return [item["name"] for item in body["data"]["listCampaigns"]["items"]]


# -- GraphQL document shapes ---------------------------------------------------------------------


def test_counts_walk_the_parsed_document() -> None:
    from graphql import parse as parse_graphql

    document = parse_graphql(
        "query Q($a: Int, $b: Int) "
        "{ x @include(if: true) { id id ... on T { id n } } y @skip(if: false) }"
    )
    counts = count(document)
    assert (counts.directives, counts.variables, counts.duplicate_fields) == (2, 2, 2)


@pytest.mark.parametrize(
    ("shape", "document", "message"),
    [
        (
            "directives",
            "query { listCampaigns { nextToken "
            + " ".join(["@include(if: true)"] * (MAX_DIRECTIVES + 1))
            + " } }",
            f"Too many directives ({MAX_DIRECTIVES + 1}; at most {MAX_DIRECTIVES})",
        ),
        (
            "variables",
            "query Q("
            + ", ".join(f"$v{i}: Int" for i in range(MAX_VARIABLES + 1))
            + ") { listCampaigns { nextToken } }",
            f"Too many declared variables ({MAX_VARIABLES + 1}; at most {MAX_VARIABLES})",
        ),
        (
            "duplicate fields",
            "query { listCampaigns { items { "
            + " ".join(["name"] * (MAX_DUPLICATE_FIELDS + 2))
            + " } } }",
            f"Too many repeated fields ({MAX_DUPLICATE_FIELDS + 1}; at most",
        ),
        (
            "duplicates behind inline fragments",
            "query { listCampaigns { items { "
            + " ".join(["... on Campaign { name }"] * (MAX_DUPLICATE_FIELDS + 2))
            + " } } }",
            "Too many repeated fields",
        ),
        (
            "tokens",
            "query { listCampaigns { nextToken " + "@include(if: true) " * 3000 + "} }",
            f"Document contains more than {MAX_TOKENS} tokens",
        ),
        (
            "length",
            "query { listCampaigns { nextToken " + "@include(if: true) " * 100_000 + "} }",
            f"Document too long (1,900,037 characters; at most {MAX_DOCUMENT_CHARS:,})",
        ),
    ],
)
async def test_costly_document_shapes_are_refused_before_validation(
    client: httpx.AsyncClient, shape: str, document: str, message: str
) -> None:
    started = time.perf_counter()
    body = await gql(client, document)
    assert time.perf_counter() - started < 1.0, shape
    assert error_codes(body) == ["GRAPHQL_VALIDATION"], shape
    assert message in body["errors"][0]["message"], body


async def test_documents_within_the_limits_still_run(client: httpx.AsyncClient) -> None:
    within = (
        "query Q($a: Boolean = true) { listCampaigns { items { name name "
        + " ".join(["name @include(if: $a)"] * 5)
        + " } } }"
    )
    assert "errors" not in await gql(client, within)


# -- list sizes ----------------------------------------------------------------------------------


def test_a_huge_channel_list_is_refused_by_its_length_alone() -> None:
    huge = [f"channel {i}" for i in range(30_000)]
    started = time.perf_counter()
    for model in (CampaignCreate, CampaignUpdate):
        with pytest.raises(ValidationError, match="at most 20 channels \\(got a list of 30,000\\)"):
            parse(model, {"name": "Big", "type": "email", "channels": huge}, what="campaign")
    assert time.perf_counter() - started < 0.5


def test_duplicates_collapse_in_order_and_count_once() -> None:
    entries = ["Email", " email ", "EMAIL", "Paid  Social"] * 20  # 80 entries, 2 channels
    created = CampaignCreate.model_validate({"name": "x", "type": "email", "channels": entries})
    assert created.channels == ["email", "paid social"]
    distinct = [f"c{i}" for i in range(CHANNELS_MAX + 1)]
    with pytest.raises(ValueError, match=f"at most {CHANNELS_MAX} channels"):
        CampaignCreate.model_validate({"name": "x", "type": "email", "channels": distinct})


async def test_create_campaign_with_huge_lists_is_refused_and_stores_nothing(
    client: httpx.AsyncClient,
) -> None:
    # Past the GraphQL variables cap: refused before graphql-core coerces a single item.
    huge = {"name": "Big", "type": "email", "channels": [f"c{i}" for i in range(30_000)]}
    started = time.perf_counter()
    body = await gql(client, CREATE, {"input": huge})
    assert time.perf_counter() - started < 1.0
    assert error_codes(body) == ["GRAPHQL_VALIDATION"]
    assert body["errors"][0]["message"] == (
        f"Variables too large: a list of 30,000 items (at most {MAX_LIST_ITEMS:,})"
    )
    # Under it, the input's own cap speaks in its terms.
    large = {**huge, "channels": huge["channels"][:500]}
    body = await gql(client, CREATE, {"input": large})
    assert error_codes(body) == ["VALIDATION"]
    assert "at most 20 channels (got a list of 500)" in body["errors"][0]["message"]
    assert await names(client) == []


def test_variables_are_measured_without_recursion() -> None:
    nested: object = "leaf"
    for _ in range(50_000):
        nested = [nested]
    assert variables_problem({"input": nested}) == (
        f"Variables too large: more than {MAX_VARIABLE_VALUES:,} values"
    )
    wide = {f"k{i}": [1, 2, 3] for i in range(3000)}
    assert variables_problem(wide) is not None
    assert variables_problem({"input": {"channels": ["a"] * MAX_LIST_ITEMS}}) is None


# -- multipart uploads ---------------------------------------------------------------------------


def _form(operations: object, files_map: object) -> dict[str, str]:
    return {"operations": json.dumps(operations), "map": json.dumps(files_map)}


GOOD_OPERATIONS = {"query": UPLOAD, "variables": {"file": None}}
FILE = {"0": ("notes.md", b"# Notes\n\nText.", "text/markdown")}


@pytest.mark.parametrize(
    ("data", "files", "reason"),
    [
        (_form(None, {"0": ["variables.file"]}), FILE, "'operations' must be a JSON object"),
        ({"operations": "{nope", "map": "{}"}, FILE, "'operations' field is not valid JSON"),
        ({"operations": json.dumps(GOOD_OPERATIONS)}, FILE, "the 'map' field is missing"),
        (_form(GOOD_OPERATIONS, None), FILE, "'map' must be an object"),
        (_form(GOOD_OPERATIONS, {"0": "variables.file"}), FILE, "'map' must be an object"),
        (_form(GOOD_OPERATIONS, {"1": ["variables.file"]}), FILE, "names part '1'"),
        (_form(GOOD_OPERATIONS, {"0": ["query"]}), FILE, "must start with 'variables.'"),
        (
            _form({"query": UPLOAD, "variables": None}, {"0": ["variables.file"]}),
            FILE,
            "does not lead to a variable",
        ),
        (
            {**_form(GOOD_OPERATIONS, {"0": ["variables.file"]}), "0": "not a file"},
            {"other": ("x.md", b"x", "text/markdown")},
            "part '0' must be a file with a filename",
        ),
    ],
)
async def test_malformed_multipart_requests_are_400_with_the_rule_broken(
    client: httpx.AsyncClient,
    data: dict[str, str],
    files: dict[str, tuple[str, bytes, str]],
    reason: str,
) -> None:
    response = await client.post("/graphql", data=data, files=files)
    assert response.status_code == 400, response.text
    assert reason in response.text
    documents = await gql(client, "{ knowledgeDocuments { key } }")
    assert documents["data"]["knowledgeDocuments"] == []


async def test_a_part_without_a_filename_is_400_not_internal(client: httpx.AsyncClient) -> None:
    boundary = "xyz"
    operations = json.dumps(GOOD_OPERATIONS)
    raw = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f"{operations}\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        '{"0": ["variables.file"]}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="0"\r\n'
        "Content-Type: text/markdown\r\n\r\n# Notes\r\n"
        f"--{boundary}--\r\n"
    )
    response = await client.post(
        "/graphql",
        content=raw.encode(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400, response.text
    assert "must be a file with a filename" in response.text


async def test_a_well_formed_upload_still_works(client: httpx.AsyncClient) -> None:
    data = _form(GOOD_OPERATIONS, {"0": ["variables.file"]})
    response = await client.post("/graphql", data=data, files=FILE)
    assert response.json() == {"data": {"uploadKnowledgeDocument": {"added": ["uploads/notes.md"]}}}


# -- form bodies ---------------------------------------------------------------------------------


@pytest.fixture
def app(db: Database, settings: Settings) -> FastAPI:
    return create_app(settings, database=db)


async def test_an_oversized_form_is_413_not_a_csrf_403(app: FastAPI, db: Database) -> None:
    async with browser(app, db) as signed_in:
        big = {"message": "x" * (FORM_BODY_MAX + 1), "csrf_token": signed_in.csrf}
        response = await signed_in.client.post("/chat/messages", data=big)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "TOO_LARGE"
        # Sent with the CSRF header instead, the form is capped all the same.
        headers = {"X-CSRF-Token": signed_in.csrf}
        response = await signed_in.client.post("/chat/messages", data=big, headers=headers)
        assert response.status_code == 413
        ok = await signed_in.client.post(
            "/chat/messages", data={"message": "hello", "csrf_token": signed_in.csrf}
        )
        assert ok.status_code == 303
