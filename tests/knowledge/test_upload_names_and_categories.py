"""Uploads as a newcomer sends them: the same file again into another category, a category in the
front matter, a name with a Windows path or invisible direction marks (found by uploading
handbook pages to a fresh `mcc demo`)."""

from __future__ import annotations

import httpx

from tests.support.graphql import gql, upload_document

DOCUMENTS = "{ knowledgeDocuments { key category version } }"


async def upload(
    client: httpx.AsyncClient, name: str, data: bytes, category: str | None = None
) -> dict[str, list[str]]:
    body = await upload_document(client, name, data, category)
    assert "errors" not in body, body
    result: dict[str, list[str]] = body["data"]["uploadKnowledgeDocument"]
    return result


async def documents(client: httpx.AsyncClient) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = (await gql(client, DOCUMENTS))["data"]["knowledgeDocuments"]
    return listed


async def test_the_same_file_uploaded_into_another_category_moves_there(
    client: httpx.AsyncClient,
) -> None:
    text = b"# Replies\n\nAnswer every reply within four hours."
    await upload(client, "replies.md", text, "general")
    # Uploaded to the wrong category, then again to the right one: it was "unchanged" and stayed.
    moved = await upload(client, "replies.md", text, "social")
    assert moved == {"added": [], "changed": ["uploads/replies.md"], "unchanged": []}
    assert await documents(client) == [
        {"key": "uploads/replies.md", "category": "social", "version": 2}
    ]
    again = await upload(client, "replies.md", text, "social")
    assert again["unchanged"] == ["uploads/replies.md"]


async def test_an_upload_without_a_category_takes_its_front_matter_category(
    client: httpx.AsyncClient,
) -> None:
    text = b"---\ntitle: Tone\ncategory: guidelines\n---\n# Tone\n\nWrite plainly."
    await upload(client, "tone.md", text)
    await upload(client, "plain.md", b"# Plain\n\nNo front matter here.")
    categories = {str(d["key"]): d["category"] for d in await documents(client)}
    assert categories == {"uploads/tone.md": "guidelines", "uploads/plain.md": "uploads"}


async def test_a_windows_path_or_direction_marks_never_reach_the_key(
    client: httpx.AsyncClient,
) -> None:
    # Some browsers send the whole Windows path; a right-to-left override shows "x.md" as "dm.x".
    windows = await upload(client, "C:\\Users\\ana\\Docs\\brief.md", b"# Brief\n\nText.")
    assert windows["added"] == ["uploads/brief.md"]
    spoof = await upload(client, "\u202egpj.md", b"# Spoof\n\nText.")
    assert spoof["added"] == ["uploads/%E2%80%AEgpj.md"]
    arabic = await upload(client, "مرحبا.md", b"# Arabic\n\nText.")
    assert arabic["added"] == ["uploads/مرحبا.md"]
