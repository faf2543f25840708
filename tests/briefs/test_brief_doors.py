"""The brief's doors: REST upload and paste, GraphQL upload, the chat page's form; bad files get
a clear 4xx and store nothing."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import func, select

from mcc.db import Database
from mcc.models import Conversation
from tests.auth.support import Browser
from tests.briefs.test_briefs import NAME_SENTENCE, brief_docx
from tests.support.bombs import zip_bomb_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUBMIT = """mutation($file: Upload, $text: String) {
  submitBrief(file: $file, text: $text) {
    content draft { missing fields { name value provenance { source document sentence } } }
  }
}"""


async def conversations(db: Database) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(Conversation)) or 0)


async def test_a_docx_uploaded_over_rest_fills_the_draft(client: httpx.AsyncClient) -> None:
    files = {"file": ("brief.docx", brief_docx(), DOCX)}
    response = await client.post("/api/chat/brief", files=files)

    assert response.status_code == 200, response.text
    body = response.json()
    name = next(f for f in body["draft"]["fields"] if f["name"] == "name")
    assert name["value"] == "Cloud Security Live"
    assert name["provenance"]["sentence"] == NAME_SENTENCE
    assert "launch_date" in body["draft"]["missing"]
    follow = await client.post(
        "/api/chat/brief",
        data={"text": "Launch date is March 20, 2031.", "conversation_id": body["conversationId"]},
    )
    assert follow.status_code == 200
    assert follow.json()["draft"]["preview"]["shown"], follow.json()["content"]


async def test_graphql_takes_an_upload_or_pasted_text(client: httpx.AsyncClient) -> None:
    operations = {"query": SUBMIT, "variables": {"file": None, "text": None}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("brief.docx", brief_docx(), DOCX)},
    )
    assert response.status_code == 200, response.text
    fields = response.json()["data"]["submitBrief"]["draft"]["fields"]
    budget = next(f for f in fields if f["name"] == "budget")
    assert budget["provenance"] == {
        "source": "user", "document": "brief.docx", "sentence": "The budget is $40,000.",
    }  # fmt: skip
    pasted = await client.post(
        "/graphql", json={"query": SUBMIT, "variables": {"text": "Email campaign called 'Tiny'."}}
    )
    assert "Tiny" in json.dumps(pasted.json()["data"]["submitBrief"]["draft"])


async def test_bad_briefs_get_clear_errors_and_store_nothing(
    client: httpx.AsyncClient, db: Database
) -> None:
    cases = [
        ({"file": ("brief.exe", b"MZ\x90", "application/octet-stream")}, None, 415),
        ({"file": ("bomb.docx", zip_bomb_docx(), DOCX)}, None, 413),
        ({"file": ("big.txt", b"a" * (5 * 1024 * 1024 + 10), "text/plain")}, None, 413),
        ({"file": ("empty.txt", b"   ", "text/plain")}, None, 422),
        (None, {"text": "   "}, 422),
        (None, {}, 422),
    ]
    for files, data, status in cases:
        response = await client.post("/api/chat/brief", files=files, data=data)
        assert response.status_code == status, (files, data, response.text)
        assert response.json()["error"]["message"], response.text
    bad = await client.post("/graphql", json={"query": SUBMIT, "variables": {"text": ""}})
    assert bad.json()["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert await conversations(db) == 0


async def test_the_chat_page_offers_the_brief_form(marketer: Browser) -> None:
    page = (await marketer.client.get("/chat")).text
    assert 'action="/chat/brief"' in page
    assert 'type="file" name="file"' in page
    files = {"file": ("brief.docx", brief_docx(), DOCX)}
    response = await marketer.client.post("/chat/brief", files=files, headers=marketer.htmx)
    assert response.status_code == 204
    shown = (await marketer.client.get(response.headers["HX-Redirect"])).text
    assert "from the brief brief.docx" in shown
    assert "Still missing: launch date" in shown
