"""A tiny GraphQL client for tests: posts a document and returns the decoded body."""

from __future__ import annotations

import json
from typing import Any

import httpx


async def gql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


UPLOAD = """mutation U($file: Upload!, $category: String) {
  uploadKnowledgeDocument(file: $file, category: $category) { added changed unchanged }
}"""


async def upload_document(
    client: httpx.AsyncClient,
    name: str,
    data: bytes,
    category: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`uploadKnowledgeDocument` as a browser sends it (GraphQL multipart); the decoded body."""
    operations = {"query": UPLOAD, "variables": {"file": None, "category": category}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, data, "text/markdown")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
