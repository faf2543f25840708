"""Regressions found by a hostile sweep of a running `mcc serve` (issue 9's method).

Each test reproduces one finding: what was sent, what went wrong (a 500, a stall, memory growth,
data stored that should not be), and what a user must see instead. The probes themselves ran
against a real server on 127.0.0.1; these tests use the in-process app where that reproduces the
finding, on both database backends.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner, Result

from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.cli import app as cli_app
from mcc.config import Settings, get_settings
from mcc.db import Database
from mcc.models import InboxEvent, KnowledgeDocument
from mcc.observability.bodies import MAX_JSON_BYTES
from tests.conftest import Backend
from tests.support.graphql import UPLOAD
from tests.support.graphql import upload_document as upload
from tests.support.net import free_port

EVENT: dict[str, Any] = {
    "eventType": "UPDATE",
    "subscriptionId": "4b5f3c1e-0000-4000-8000-000000000001",
    "eventTime": {"epochSecond": 1767225600, "nano": 120000000},
    "newState": {"ID": "a" * 32, "objCode": "PROJ", "status": "ONH",
                 "lastUpdateDate": "2026-01-01T00:00:00.120-0800"},
}  # fmt: skip


def _webhook_auth(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.resolved_webhook_token()}"}


async def _inbox_rows(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(InboxEvent)) or 0)


async def test_a_huge_json_body_to_the_chat_stream_is_refused_before_it_is_read(
    client: httpx.AsyncClient,
) -> None:
    """Finding: `/api/chat/stream` read any JSON body whole and parsed it on the event loop; a
    200 MB body took 10.7 s, froze `/healthz` for 5 s and grew the server by 600 MB before the
    message-length check refused it. Now the body guard stops reading at its limit (413)."""
    chunk = b"x" * (1024 * 1024)

    async def body() -> Any:  # streamed, like a client that never says how long it is
        yield b'{"message": "'
        for _ in range(MAX_JSON_BYTES // len(chunk) + 2):
            yield chunk
        yield b'"}'

    response = await client.post(
        "/api/chat/stream", content=body(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413, response.text
    # Malformed small bodies still get the route's own 422 (the guard only counts bytes here).
    broken = await client.post(
        "/api/chat/stream", content=b"[1]", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["error"]["code"] == "VALIDATION"


async def test_a_huge_json_body_to_the_rest_api_is_refused_before_it_is_read(
    client: httpx.AsyncClient,
) -> None:
    """Finding (s55): `POST /api/campaigns` had no body limit: a 200 MB body was parsed whole
    (6.3 s, /healthz 2.4 s), eight of 100 MB grew the server by 750 MB. Every JSON body is now
    bounded as the chat stream's and GraphQL's are."""
    chunk = b"x" * (1024 * 1024)

    async def body() -> Any:
        yield b'{"name": "'
        for _ in range(MAX_JSON_BYTES // len(chunk) + 2):
            yield chunk
        yield b'"}'

    for method in ("POST", "PATCH"):
        response = await client.request(
            method, "/api/campaigns", content=body(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413, response.text


async def test_the_app_freezes_what_start_up_loaded_out_of_full_collections(
    settings: Settings,
) -> None:
    """Finding: with the embedding model loaded the server tracks ~540,000 long-lived objects,
    and every full garbage collection walked them on the event loop: a webhook whose state had
    40,000 keys froze `/healthz` for 0.6-1.0 s (one delivery in three). Start-up and the model
    load now move those objects to the permanent generation."""
    gc.unfreeze()
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0
    gc.unfreeze()


async def test_a_webhook_with_an_oversized_event_type_is_refused_not_a_500(
    client: httpx.AsyncClient, settings: Settings, session: AsyncSession
) -> None:
    """Finding: `eventType` and `objCode` went unchecked into `inbox_events.event_type`
    (VARCHAR(100)): on PostgreSQL a 5,000-character eventType was a 500 (the value is too long
    for the column); on SQLite it was stored, then parked by the worker. Workfront's event types
    and object codes are short words, so anything else is refused at the door."""
    bodies = [
        {**EVENT, "eventType": "X" * 5000},
        {**EVENT, "newState": {**EVENT["newState"], "objCode": "P" * 5000}},
        {**EVENT, "newState": {**EVENT["newState"], "objCode": ["PROJ"]}},
    ]
    for body in bodies:
        response = await client.post(
            "/webhooks/workfront", content=json.dumps(body), headers=_webhook_auth(settings)
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "MALFORMED"
    assert await _inbox_rows(session) == 0
    fine = await client.post("/webhooks/workfront", json=EVENT, headers=_webhook_auth(settings))
    assert fine.status_code == 202


async def test_an_upload_with_a_very_long_title_or_name_is_not_an_internal_error(
    client: httpx.AsyncClient,
) -> None:
    """Finding: a document's title (front matter, <title> or first heading) and its file name
    went unbounded into VARCHAR(500) columns: on PostgreSQL a 600-character heading was
    INTERNAL. A long title is shortened (the text keeps it whole); a long name is refused."""
    heading = "Launch " * 100  # 700 characters
    body = await upload(client, "long.md", f"# {heading}\n\nSend the brief a week ahead.".encode())
    assert "errors" not in body, body
    docs = await client.post("/graphql", json={"query": "{ knowledgeDocuments { key title } }"})
    (document,) = docs.json()["data"]["knowledgeDocuments"]
    assert document["title"].startswith("Launch Launch")
    assert len(document["title"]) <= 500
    named = await upload(client, "n" * 600 + ".md", b"# Fine\n\nText.")
    assert [e["extensions"]["code"] for e in named["errors"]] == ["DOCUMENT_INVALID"], named


SEND = """mutation S($m: String!) { sendAgentMessage(message: $m) { conversationId content } }"""
LONG_EMAIL = "a" * 60 + "@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 50 + ".io"  # 234 chars


async def test_a_user_with_a_long_email_can_chat(db: Database, settings: Settings) -> None:
    """Finding: addresses are accepted up to 254 characters, but a conversation's owner column
    held 200: on PostgreSQL every chat turn of such a user was INTERNAL (on SQLite it worked)."""
    async with db.write() as session:
        auth = AuthService(session)
        user = await auth.create_user(LONG_EMAIL, None, role=Role.MARKETER)
        token = await auth.create_api_token(user, "sweep")
    app = create_app(settings, database=db)
    headers = {"Authorization": f"Bearer {token}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
        response = await client.post(
            "/graphql", json={"query": SEND, "variables": {"m": "Plan an email campaign"}},
            headers=headers,
        )  # fmt: skip
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["sendAgentMessage"]["conversationId"]


def _cli(args: list[str], env: dict[str, str], stdin: str | None = None) -> Result:
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli_app, args, env=env, input=stdin)
    finally:
        get_settings.cache_clear()


async def test_cli_on_a_database_never_migrated_says_so_in_one_line(
    backend: Backend, tmp_path: Path
) -> None:
    """Finding: `mcc users create` (the README's first step after `mcc serve`) on a database
    that was never migrated printed ~500 lines of traceback instead of one line saying what
    to do; so did any command when the database server refused connections."""
    env = {"MCC_DATABASE_URL": await backend.new_database_url(), "MCC_DATA_DIR": str(tmp_path)}
    args = ["users", "create", "first@mcc.test", "--admin", "--password-stdin"]
    result = await asyncio.to_thread(_cli, args, env, "long enough password\n")
    assert result.exit_code == 1, result.output
    assert "mcc db upgrade" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    env["MCC_DATABASE_URL"] = f"postgresql+asyncpg://mcc:x@127.0.0.1:{free_port()}/mcc"
    refused = await asyncio.to_thread(_cli, ["campaigns", "list"], env)
    assert refused.exit_code == 1, refused.output
    assert "Traceback" not in refused.output
    assert len(refused.output.strip().splitlines()) == 1


async def test_serve_with_a_short_webhook_token_is_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    """Finding: `MCC_WEBHOOK_TOKEN=whtok123 mcc serve` crashed with a 40-line traceback from
    inside the app factory; a bad setting is named on one line with exit code 2."""
    env = {"MCC_WEBHOOK_TOKEN": "whtok123", "MCC_DATA_DIR": str(tmp_path)}
    result = await asyncio.to_thread(_cli, ["serve", "--port", str(free_port())], env)
    assert result.exit_code == 2, result.output
    assert "MCC_WEBHOOK_TOKEN" in result.output
    assert "Traceback" not in result.output


async def test_front_matter_with_an_impossible_date_is_refused_not_internal(
    client: httpx.AsyncClient,
) -> None:
    """Finding: YAML reads `date: 2026-02-30` as a date and raised ValueError, which escaped
    the front-matter check: the upload was INTERNAL. It is an unreadable document (4xx)."""
    for value in (b"2026-02-30", b"9999-99-99"):
        body = await upload(client, "dated.md", b"---\ndate: " + value + b"\n---\n# T\n\nText.")
        assert [e["extensions"]["code"] for e in body["errors"]] == ["DOCUMENT_UNREADABLE"], body
        assert "front matter" in body["errors"][0]["message"]
    fine = await upload(client, "dated.md", b"---\ndate: 2026-02-28\n---\n# T\n\nText.")
    assert "errors" not in fine, fine


async def test_a_multipart_body_larger_than_one_document_is_refused_before_it_is_spooled(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    """Finding: a GraphQL upload carrying a 200 MB extra part (not in `map`) was accepted: the
    whole form was spooled to disk first, 7 s per request, and the document was stored. A
    multipart body may carry one document (`MCC_KNOWLEDGE_MAX_BYTES`) plus its form fields."""
    operations = {"query": UPLOAD, "variables": {"file": None}}
    padding = b"z" * (settings.knowledge_max_bytes + 2 * 1024 * 1024)
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("x.md", b"# X\n\nText.", "text/markdown"), "pad": ("p.bin", padding)},
    )
    assert response.status_code == 413, response.text[:300]
    listed = await client.post("/graphql", json={"query": "{ knowledgeDocuments { key } }"})
    assert listed.json()["data"]["knowledgeDocuments"] == []
    fine = await upload(client, "x.md", b"# X\n\nText.")
    assert "errors" not in fine, fine


SEARCH = """query S($q: String!) { searchKnowledge(query: $q, k: 3) { path citation } }"""


async def test_a_heading_only_document_is_refused_and_never_takes_search_down(
    client: httpx.AsyncClient, db: Database, settings: Settings, auth_headers: dict[str, str]
) -> None:
    """Finding: an upload of Markdown headings without text ("# h" on 300,000 lines) answered
    DOCUMENT_EMPTY, but the document had been stored first; from then on every index build
    failed on it: every search answered DOCUMENT_EMPTY naming that file, across restarts, and
    every `mcc kb ingest` of any folder failed the same way. Now it is refused before it is
    stored, and an index build leaves out such a document if one was stored earlier."""
    body = await upload(client, "h.md", b"# h\n## i\n" * 1000)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["DOCUMENT_EMPTY"], body
    listed = await client.post("/graphql", json={"query": "{ knowledgeDocuments { key } }"})
    assert listed.json()["data"]["knowledgeDocuments"] == []

    # A base that stored one before the fix: search still answers from the other documents.
    assert "errors" not in await upload(client, "good.md", b"# Launch\n\nBook the venue early.")
    async with db.write() as session:
        session.add(KnowledgeDocument(
            key="uploads/old.md", source="upload", title="h", category="uploads",
            content_hash="0" * 64, version=1, text="# h\n# h", meta={}, size_bytes=8,
        ))  # fmt: skip
    restarted = create_app(settings, database=db)  # a new process: the index is built anew
    transport = httpx.ASGITransport(app=restarted)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://mcc.test", headers=auth_headers
    ) as again:
        found = await again.post("/graphql", json={"query": SEARCH, "variables": {"q": "venue"}})
    assert "errors" not in found.json(), found.text
    assert [hit["path"] for hit in found.json()["data"]["searchKnowledge"]] == ["uploads/good.md"]


async def test_deeply_nested_front_matter_is_refused_before_yaml_recurses(
    client: httpx.AsyncClient,
) -> None:
    """Finding: 1,000 nested `[` in front matter were refused, but only after PyYAML recursed
    into a RecursionError: 2.4 s of CPU per upload. A bracket count refuses it at once."""
    nested = b"---\ntags: " + b"[" * 1000 + b"]" * 1000 + b"\n---\n# T\n\nText."
    started = time.perf_counter()
    body = await upload(client, "nested.md", nested)
    assert time.perf_counter() - started < 0.5
    assert [e["extensions"]["code"] for e in body["errors"]] == ["DOCUMENT_UNREADABLE"], body
    assert "nested too deeply" in body["errors"][0]["message"]


async def test_an_html_upload_of_nested_tags_is_refused_or_read_within_two_seconds(
    client: httpx.AsyncClient,
) -> None:
    """Finding: 1 MB of `<div>` (200,000 tags, text "x") took 22 s on a loaded server and was
    stored; `/healthz` slowed to ~0.5 s meanwhile. Now refused before parsing: too many tags."""
    started = time.perf_counter()
    body = await upload(client, "divs.html", b"<div>" * 400_000 + b"x")
    assert time.perf_counter() - started < 2
    assert body["errors"][0]["extensions"]["code"] == "DOCUMENT_TOO_LARGE", body
    assert "HTML tags" in body["errors"][0]["message"], body


async def test_a_browser_posting_an_oversized_sign_in_form_gets_a_page_not_json(
    client: httpx.AsyncClient,
) -> None:
    """Finding: a sign-in form over 1 MB got a 413 as raw JSON in the browser (the README
    promises a page with the reason); scripts still get JSON."""
    form = {"email": "a@mcc.test", "password": "x" * (1024 * 1024 + 10)}
    page = await client.post("/signin", data=form, headers={"Accept": "text/html"})
    assert page.status_code == 413
    assert page.headers["content-type"].startswith("text/html")
    assert "larger than 1,048,576 bytes" in page.text
    script = await client.post("/signin", data=form)
    assert script.status_code == 413
    assert script.json()["error"]["code"] == "TOO_LARGE"


async def test_an_upload_over_the_size_limit_is_the_same_error_through_graphql_and_the_page(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    """Both doors read uploads with one reader: a file over `MCC_KNOWLEDGE_MAX_BYTES` is
    DOCUMENT_TOO_LARGE (413) naming the limit, never VALIDATION through one and 413 through the
    other, and nothing is stored."""
    limit = settings.knowledge_max_bytes
    body = await upload(client, "big.md", b"# Big\n\n" + b"word " * (limit // 5 + 100))
    assert [e["extensions"]["code"] for e in body["errors"]] == ["DOCUMENT_TOO_LARGE"], body
    assert f"{limit:,} bytes" in body["errors"][0]["message"]
    listed = await client.post("/graphql", json={"query": "{ knowledgeDocuments { key } }"})
    assert listed.json()["data"]["knowledgeDocuments"] == []
